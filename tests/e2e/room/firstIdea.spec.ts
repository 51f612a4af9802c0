// From the QR code to a first idea on the projector: opening the link, then three taps
// (join, a quadrant, send). Typing is not a tap: choosing the quadrant puts the cursor in
// the idea field.
import { expect, test, type Locator } from '@playwright/test';
import { roomHubForEachTest } from '../../support/roomHub.ts';
import { expectInFirstScreen, laptop, phone, smallPhone } from '../../support/screens.ts';
import { createSession, goToStep, newDevice } from '../../support/workshop.ts';

const hub = roomHubForEachTest();

test('a first idea takes three taps after opening the join link', async ({ browser }) => {
  const facilitator = await newDevice(browser, laptop);
  const { joinUrl } = await createSession(facilitator.page, hub.url, {
    script: 'SWOT-analyse'
  });
  await goToStep(facilitator.page, 'Stil schrijven');

  // The smallest phone we design for: every tap target is on its first screen.
  const person = await newDevice(browser, smallPhone);
  let taps = 0;
  const tap = async (target: Locator): Promise<void> => {
    taps += 1;
    await target.click();
  };
  await person.page.goto(joinUrl);
  await expectInFirstScreen(person.page, person.page.getByRole('button', { name: 'Meedoen' }));
  await tap(person.page.getByRole('button', { name: 'Meedoen' }));
  // No quadrant is chosen for them: an idea never lands in "Sterktes" by mistake.
  const kansen = person.page.getByRole('radio', { name: 'Kansen' });
  await expect(kansen).not.toBeChecked();
  await expect(person.page.getByRole('radio', { checked: true })).toHaveCount(0);
  await expectInFirstScreen(person.page, kansen);
  await tap(kansen);
  const field = person.page.getByLabel('Jouw idee', { exact: true });
  await expect(field).toBeFocused();
  await person.page.keyboard.type('Samen met de sportclubs');
  const send = person.page.getByRole('button', { name: 'Idee toevoegen' });
  await expectInFirstScreen(person.page, send);
  await tap(send);

  const column = facilitator.page.getByRole('region', { name: /^Kansen/ });
  await expect(column.locator('.note .text')).toHaveText(['Samen met de sportclubs']);
  expect(taps).toBeLessThanOrEqual(3);

  // Sent without a quadrant, the form says what to choose and keeps the text.
  const other = await newDevice(browser, phone);
  await other.page.goto(joinUrl);
  await other.page.getByRole('button', { name: 'Meedoen' }).click();
  await other.page.getByLabel('Jouw idee', { exact: true }).fill('Nog geen vak gekozen');
  await other.page.getByRole('button', { name: 'Idee toevoegen' }).click();
  await expect(other.page.getByRole('alert')).toHaveText('Kies eerst een vak voor je idee.');
  await expect(other.page.getByLabel('Jouw idee', { exact: true })).toHaveValue(
    'Nog geen vak gekozen'
  );
  for (const screen of [facilitator, person, other]) await screen.context.close();
});

test('a name typed and "Meedoen" pressed before the page\'s code runs are kept', async ({
  browser
}) => {
  const facilitator = await newDevice(browser, laptop);
  const { joinUrl } = await createSession(facilitator.page, hub.url, {
    script: 'SWOT-analyse'
  });
  await goToStep(facilitator.page, 'Stil schrijven');

  // The name step comes with the HTML (rendered on the server); the app's code is held back
  // until the person has typed a name and pressed "Meedoen" on it.
  const person = await newDevice(browser, phone);
  let holding = true;
  const held: (() => Promise<void>)[] = [];
  await person.page.route('**/_app/immutable/**/*.js', async (route) => {
    if (holding) held.push(() => route.continue());
    else await route.continue();
  });
  await person.page.goto(joinUrl, { waitUntil: 'commit' });
  const field = person.page.getByLabel('Je naam (mag je leeg laten)');
  await field.fill('Noor');
  await person.page.getByRole('button', { name: 'Meedoen' }).click();
  await expect(person.page.locator('form[data-submitted]')).toHaveCount(1);
  expect(held.length).toBeGreaterThan(0);

  // Then the code arrives: the press is carried out, with the name typed and the same link.
  holding = false;
  for (const release of held.splice(0)) await release();
  await expect(person.page.getByText('Je doet mee als Noor.')).toBeVisible();
  await expect(person.page.getByLabel('Jouw idee', { exact: true })).toBeVisible();
  expect(person.page.url()).toBe(joinUrl);
  await person.page.reload();
  await expect(person.page.getByText('Je doet mee als Noor.')).toBeVisible();
  for (const screen of [facilitator, person]) await screen.context.close();
});
