// A participant fixes, moves and removes their own idea on the phone with its one
// "Aanpassen" button; the facilitator sees each change, and others' ideas offer no buttons.
import { expect, test } from '@playwright/test';
import { expectAccessible } from '../support/axe.ts';
import { laptop, phone } from '../support/screens.ts';
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

  // Anna's own idea has one button, "Aanpassen"; Ben's idea on her phone has none.
  const own = anna.page.locator('.note', { hasText: 'Fietsen mt de buurt' });
  const others = anna.page.locator('.note', { hasText: 'Samen koken' });
  await expect(others).toHaveCount(1);
  await expect(others.getByRole('button')).toHaveCount(0);
  await expect(own).toContainText('jouw idee');
  await expect(others).not.toContainText('jouw idee');

  // An empty text is refused with a message and loses nothing; then the fix goes through.
  await expect(own.getByRole('button')).toHaveCount(1);
  await own.getByRole('button', { name: /^Aanpassen\b.*Fietsen mt de buurt/ }).click();
  const editor = anna.page.locator('.note-editor');
  const field = editor.getByLabel('Pas je idee aan');
  await expect(field).toHaveValue('Fietsen mt de buurt');
  await expect(field).toBeFocused();
  await field.fill('   ');
  await editor.getByRole('button', { name: 'Opslaan' }).click();
  await expect(editor.getByRole('alert')).toBeVisible();
  await expect(noteTexts(facilitator.page)).toContainText(['Fietsen mt de buurt']);
  await field.fill('Fietsen met de buurt');
  await editor.getByRole('button', { name: 'Opslaan' }).click();
  await expect(field).toHaveCount(0);
  // The changed idea has a newer time than Ben's, so it may now come after it.
  await expect(noteTexts(facilitator.page)).toHaveCount(2);
  await expect(noteTexts(facilitator.page).filter({ hasText: 'Fietsen met de buurt' })).toHaveCount(
    1
  );
  await expect(noteTexts(facilitator.page).filter({ hasText: 'Samen koken' })).toHaveCount(1);
  await expect(noteTexts(ben.page)).toContainText(['Fietsen met de buurt']);

  // Cancelling leaves the text as it is.
  const fixed = anna.page.locator('.note', { hasText: 'Fietsen met de buurt' });
  await fixed.getByRole('button', { name: /^Aanpassen\b.*Fietsen met de buurt/ }).click();
  await editor.getByLabel('Pas je idee aan').fill('Iets anders');
  await editor.getByRole('button', { name: 'Annuleren' }).click();
  await expect(noteTexts(anna.page)).toContainText(['Fietsen met de buurt']);

  // Deleting is inside "Aanpassen" too, and asks once more.
  await fixed.getByRole('button', { name: /^Aanpassen\b.*Fietsen met de buurt/ }).click();
  await editor.getByRole('button', { name: 'Verwijderen' }).click();
  await editor.getByRole('button', { name: 'Ja, verwijderen' }).click();
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

  // It is a strength, not a weakness: its author moves it, inside "Aanpassen".
  const note = screen.page.locator('.note', { hasText: 'De uitpas is bekend' });
  await note.getByRole('button', { name: /^Aanpassen/ }).click();
  const editor = screen.page.locator('.note-editor');
  await expect(editor.getByRole('radio', { name: 'Zwaktes' })).toBeChecked();
  await editor.getByRole('radio', { name: 'Sterktes' }).check();
  await editor.getByRole('button', { name: 'Opslaan' }).click();
  await expect(column(facilitator.page, 'Sterktes').locator('.note')).toContainText([
    'De uitpas is bekend bij de scholen'
  ]);
  await expect(column(facilitator.page, 'Zwaktes').locator('.note')).toHaveCount(0);

  // The facilitator removes it (a duplicate, say) from the idea's menu; gone on the phone too.
  // The board's one idea menu opens under the idea chosen, in its list item.
  const onLaptop = facilitator.page.locator('.facilitator-board li', {
    hasText: 'De uitpas is bekend'
  });
  const menuButton = onLaptop.getByRole('button', { name: /wat doen met/ });
  // By keyboard: the menu follows its button in the tab order, and Escape closes it and gives
  // focus back to that button.
  await menuButton.focus();
  await facilitator.page.keyboard.press('Enter');
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  await expectAccessible(facilitator.page);
  await facilitator.page.setViewportSize(laptop);
  await onLaptop.scrollIntoViewIfNeeded();
  await facilitator.page.screenshot({
    path: 'test-results/screens/facilitate-idea-menu-1440x900.png'
  });
  await facilitator.page.keyboard.press('Tab');
  await expect(onLaptop.getByRole('button', { name: 'Uitlichten' })).toBeFocused();
  await facilitator.page.keyboard.press('Escape');
  await expect(menuButton).toBeFocused();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await expect(onLaptop.getByRole('button', { name: 'Verwijderen' })).toHaveCount(0);
  await menuButton.click();
  await onLaptop.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(screen.page.locator('.note', { hasText: 'De uitpas is bekend' })).toHaveCount(0);

  for (const device of [facilitator, screen]) await device.context.close();
});
