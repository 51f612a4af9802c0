// A participant fixes and removes their own idea on the phone; the facilitator sees each
// change, and others' ideas offer no such buttons on the phone.
import { expect, test } from '@playwright/test';
import { phone } from '../support/screens.ts';
import {
  addIdea,
  createSession,
  goToStep,
  newDevice,
  noteTexts,
  phoneShowsStep
} from '../support/workshop.ts';

const introductions = 'Kennismaken: wat ik meebreng';

test('a participant edits and deletes their own idea; the facilitator follows', async ({
  browser,
  baseURL
}) => {
  const facilitator = await newDevice(browser);
  const { joinUrl } = await createSession(facilitator.page, baseURL ?? '', { paths: 'relay' });
  await goToStep(facilitator.page, introductions);

  const joinPhone = async () => {
    const screen = await newDevice(browser, phone);
    await screen.page.goto(joinUrl);
    await screen.page.getByRole('button', { name: 'Meedoen' }).click();
    await phoneShowsStep(screen.page, introductions);
    return screen;
  };
  const screens = [await joinPhone(), await joinPhone()];
  const [anna, ben] = screens;
  if (!anna || !ben) throw new Error('two phones');
  await addIdea(anna.page, 'Fietsen mt de buurt');
  await addIdea(ben.page, 'Samen koken');
  await expect(noteTexts(facilitator.page)).toContainText(['Fietsen mt de buurt', 'Samen koken']);

  // Anna's own note has the buttons; Ben's note on her phone does not.
  const own = anna.page.locator('.note', { hasText: 'Fietsen mt de buurt' });
  const others = anna.page.locator('.note', { hasText: 'Samen koken' });
  await expect(others).toHaveCount(1);
  await expect(others.getByRole('button')).toHaveCount(0);

  // Notes off screen are not drawn until they come near (content-visibility): scroll, as a
  // person would.
  await own.scrollIntoViewIfNeeded();
  // An empty text is refused with a message and loses nothing; then the fix goes through.
  await expect(own.getByRole('button')).toHaveCount(2);
  await own.getByRole('button', { name: /^Bewerken\b.*Fietsen mt de buurt/ }).click();
  const field = anna.page.getByLabel('Bewerken', { exact: true });
  await expect(field).toHaveValue('Fietsen mt de buurt');
  await field.fill('   ');
  await anna.page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(anna.page.getByRole('alert')).toBeVisible();
  await expect(noteTexts(facilitator.page)).toContainText(['Fietsen mt de buurt']);
  await field.fill('Fietsen met de buurt');
  await anna.page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(field).toHaveCount(0);
  await expect(noteTexts(facilitator.page)).toContainText(['Fietsen met de buurt', 'Samen koken']);
  await expect(noteTexts(ben.page)).toContainText(['Fietsen met de buurt']);

  // Cancelling leaves the text as it is.
  const fixed = anna.page.locator('.note', { hasText: 'Fietsen met de buurt' });
  await fixed.getByRole('button', { name: /^Bewerken\b.*Fietsen met de buurt/ }).click();
  await anna.page.getByLabel('Bewerken', { exact: true }).fill('Iets anders');
  await anna.page.getByRole('button', { name: 'Annuleren' }).click();
  await expect(noteTexts(anna.page)).toContainText(['Fietsen met de buurt']);

  await fixed.getByRole('button', { name: /^Verwijderen\b.*Fietsen met de buurt/ }).click();
  await expect(noteTexts(facilitator.page)).toHaveText(['Samen koken']);
  await expect(noteTexts(ben.page)).toHaveText(['Samen koken']);

  for (const screen of [facilitator, anna, ben]) await screen.context.close();
});

test('a misfiled idea moves to another column; the facilitator may remove anyone’s', async ({
  browser,
  baseURL
}) => {
  const facilitator = await newDevice(browser);
  const { joinUrl } = await createSession(facilitator.page, baseURL ?? '', {
    script: 'SWOT-analyse',
    paths: 'relay'
  });
  await goToStep(facilitator.page, 'Stil schrijven');
  const screen = await newDevice(browser, phone);
  await screen.page.goto(joinUrl);
  await screen.page.getByRole('button', { name: 'Meedoen' }).click();
  await phoneShowsStep(screen.page, 'Stil schrijven');
  await addIdea(screen.page, 'De uitpas is bekend bij de scholen', 'Zwaktes');

  const column = (page: typeof screen.page, title: string) =>
    page.locator('section.column', { has: page.getByRole('heading', { name: title }) });
  await expect(column(facilitator.page, 'Zwaktes').locator('.note')).toHaveCount(1);

  // It is a strength, not a weakness: its author moves it.
  const note = screen.page.locator('.note', { hasText: 'De uitpas is bekend' });
  await note.scrollIntoViewIfNeeded();
  await note.getByRole('button', { name: /^Verplaatsen/ }).click();
  await expect(note.getByLabel(/^Kolom/)).toBeFocused();
  await note.getByLabel(/^Kolom/).selectOption({ label: 'Sterktes' });
  await expect(column(facilitator.page, 'Sterktes').locator('.note')).toContainText([
    'De uitpas is bekend bij de scholen'
  ]);
  await expect(column(facilitator.page, 'Zwaktes').locator('.note')).toHaveCount(0);

  // The facilitator removes it (a duplicate, say); it is gone on the phone too.
  const onLaptop = facilitator.page.locator('.note', { hasText: 'De uitpas is bekend' });
  await onLaptop.scrollIntoViewIfNeeded();
  await onLaptop.getByRole('button', { name: /^Verwijderen/ }).click();
  await expect(screen.page.locator('.note', { hasText: 'De uitpas is bekend' })).toHaveCount(0);

  for (const device of [facilitator, screen]) await device.context.close();
});
