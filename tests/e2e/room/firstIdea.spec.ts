// From the QR code to a first idea on the projector: opening the link, then three taps
// (join, a quadrant, send). Typing is not a tap: choosing the quadrant puts the cursor in
// the idea field.
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { roomHubForEachTest } from '../../support/roomHub.ts';
import { expectAccessible } from '../../support/axe.ts';
import { expectInFirstScreen, laptop, phone, smallPhone, snapAt } from '../../support/screens.ts';
import { createSession, fromMenu, goToStep, newDevice } from '../../support/workshop.ts';

const hub = roomHubForEachTest();

/** A facilitator's laptop with a SWOT session at its brainstorm, and the join link. */
async function swotAtSilentWriting(
  browser: Browser
): Promise<{ facilitator: Awaited<ReturnType<typeof newDevice>>; joinUrl: string }> {
  const facilitator = await newDevice(browser, laptop);
  const { joinUrl } = await createSession(facilitator.page, hub.url, {
    script: 'SWOT-analyse'
  });
  await goToStep(facilitator.page, 'Stil schrijven');
  return { facilitator, joinUrl };
}

/** Holds back the app's JavaScript a page asks for from `hold()` on, until `release()`. */
async function holdAppCode(page: Page): Promise<{
  hold(): void;
  held(): number;
  release(): Promise<void>;
}> {
  let holding = false;
  const held: (() => Promise<void>)[] = [];
  await page.route('**/_app/immutable/**/*.js', async (route) => {
    if (holding) held.push(() => route.continue());
    else await route.continue();
  });
  return {
    hold: () => (holding = true),
    held: () => held.length,
    async release() {
      holding = false;
      for (const release of held.splice(0)) await release();
    }
  };
}

/**
 * Someone new at the SWOT's brainstorm who pressed "Meedoen" while the session's code (Yjs,
 * the relay, the step screens) is held back: the step shows from the hub's preview alone.
 */
async function firstScreenWithSessionHeld(browser: Browser): Promise<{
  facilitator: Awaited<ReturnType<typeof newDevice>>;
  person: Awaited<ReturnType<typeof newDevice>>;
  code: Awaited<ReturnType<typeof holdAppCode>>;
}> {
  const { facilitator, joinUrl } = await swotAtSilentWriting(browser);
  const person = await newDevice(browser, phone);
  const code = await holdAppCode(person.page);
  await person.page.goto(joinUrl);
  // Held once the name step's own code has run.
  await person.page.waitForLoadState('networkidle');
  code.hold();
  await person.page.getByRole('button', { name: 'Meedoen' }).click();
  await expect(person.page.getByRole('heading', { name: 'Stil schrijven' })).toBeVisible();
  await expect.poll(() => code.held()).toBeGreaterThan(0);
  return { facilitator, person, code };
}

test('a first idea takes three taps after opening the join link', async ({ browser }) => {
  const { facilitator, joinUrl } = await swotAtSilentWriting(browser);

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
  const { facilitator, joinUrl } = await swotAtSilentWriting(browser);

  // The name step comes with the HTML (rendered on the server); the app's code is held back
  // until the person has typed a name and pressed "Meedoen" on it.
  const person = await newDevice(browser, phone);
  const code = await holdAppCode(person.page);
  code.hold();
  await person.page.goto(joinUrl, { waitUntil: 'commit' });
  const field = person.page.getByLabel('Je naam (mag je leeg laten)');
  await field.fill('Noor');
  await person.page.getByRole('button', { name: 'Meedoen' }).click();
  await expect(person.page.locator('form[data-submitted]')).toHaveCount(1);
  expect(code.held()).toBeGreaterThan(0);

  // Then the code arrives: the press is carried out, with the name typed and the same link.
  await code.release();
  await expect(person.page.getByText('Je doet mee als Noor.')).toBeVisible();
  await expect(person.page.getByLabel('Jouw idee', { exact: true })).toBeVisible();
  expect(person.page.url()).toBe(joinUrl);
  await person.page.reload();
  await expect(person.page.getByText('Je doet mee als Noor.')).toBeVisible();
  for (const screen of [facilitator, person]) await screen.context.close();
});

test('someone new sees the step before the session has loaded, and keeps what they typed on it', async ({
  browser
}) => {
  const { facilitator, person, code } = await firstScreenWithSessionHeld(browser);

  // The first idea goes to the hub at once: it is on the board while the session's code is
  // still held back, and the phone says so.
  await person.page.getByRole('radio', { name: 'Kansen' }).click();
  const field = person.page.getByLabel('Jouw idee', { exact: true });
  await field.fill('Eerst verstuurd');
  await person.page.getByRole('button', { name: 'Idee toevoegen' }).click();
  const kansen = facilitator.page.getByRole('region', { name: /^Kansen/ });
  await expect(kansen.locator('.note .text')).toHaveText(['Eerst verstuurd']);
  await expect(person.page.getByText('Verstuurd, staat op het bord')).toBeVisible();
  const statusLine = person.page.locator('.status-line');
  await expect(statusLine).toHaveText('Alles is bewaard');
  await expect(field).toBeFocused();
  // A second waits for the session, and says so.
  await field.fill('Daarna, wacht');
  await person.page.getByRole('button', { name: 'Idee toevoegen' }).click();
  await expect(person.page.getByText('Wordt verstuurd zodra de verbinding er is')).toBeVisible();
  await expect(statusLine).toHaveText('Verbinden…');
  await expect(person.page.locator('.waiting-ideas li')).toHaveText([
    'Eerst verstuurd',
    'Daarna, wacht'
  ]);
  expect(code.held()).toBeGreaterThan(0);
  await expect(kansen.locator('.note .text')).toHaveText(['Eerst verstuurd']);
  // What they see meanwhile, on the smallest phone too: the field and its button on the
  // first screen, nothing an assistive technology trips over.
  await snapAt(person.page, 'join-first-screen', phone);
  await snapAt(person.page, 'join-first-screen', smallPhone);
  await expectInFirstScreen(person.page, field);
  await expectInFirstScreen(
    person.page,
    person.page.getByRole('button', { name: 'Idee toevoegen' })
  );
  await expectAccessible(person.page);
  // The next one is too long, and the form says so.
  const tooLong = `Half getypt ${'en nog veel meer '.repeat(17)}`;
  await field.fill(tooLong);
  await person.page.getByRole('button', { name: 'Idee toevoegen' }).click();
  const problem = person.page.getByRole('alert');
  await expect(problem).toHaveText(/^Dat is te lang/);
  await field.focus();
  await person.page.keyboard.type('!');

  // The session arrives and takes over: the waiting idea reaches the board, the first is
  // there once; the one being typed stays in the field with the cursor, in the same
  // quadrant, and so does the message.
  await code.release();
  await expect(kansen.locator('.note .text')).toHaveText(['Eerst verstuurd', 'Daarna, wacht']);
  await expect(person.page.getByText('Wordt verstuurd zodra de verbinding er is')).toHaveCount(0);
  await expect(person.page.getByText('Verstuurd, staat op het bord')).toHaveCount(0);
  await expect(person.page.getByText('Je doet anoniem mee.')).toBeVisible();
  await expect(field).toHaveValue(`${tooLong}!`);
  await expect(field).toBeFocused();
  await expect(problem).toHaveText(/^Dat is te lang/);
  await expect(person.page.getByRole('radio', { name: 'Kansen' })).toBeChecked();
  await snapAt(person.page, 'join-first-screen-taken-over', smallPhone);
  await field.fill('Half getypt');
  await person.page.getByRole('button', { name: 'Idee toevoegen' }).click();
  await expect(kansen.locator('.note .text')).toHaveText([
    'Eerst verstuurd',
    'Daarna, wacht',
    'Half getypt'
  ]);
  await expect(person.page.locator('.note .text')).toHaveText([
    'Eerst verstuurd',
    'Daarna, wacht',
    'Half getypt'
  ]);
  for (const screen of [facilitator, person]) await screen.context.close();
});

test('a tap begun on the first screen as the session takes over still sends its idea', async ({
  browser
}) => {
  const { facilitator, person, code } = await firstScreenWithSessionHeld(browser);
  await person.page.getByRole('radio', { name: 'Kansen' }).click();
  await person.page.getByLabel('Jouw idee', { exact: true }).fill('Tijdens de wissel');

  // The finger goes down on the first screen's button; the session arrives and is ready
  // before it comes up.
  const send = person.page.getByRole('button', { name: 'Idee toevoegen' });
  const box = await send.boundingBox();
  if (!box) throw new Error('the send button has no box');
  await person.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await person.page.mouse.down();
  await code.release();
  // The session is ready: its step is drawn.
  await expect(person.page.locator('.session section.step')).toBeAttached();
  await person.page.mouse.up();

  const kansen = facilitator.page.getByRole('region', { name: /^Kansen/ });
  await expect(kansen.locator('.note .text')).toHaveText(['Tijdens de wissel']);
  await expect(person.page.locator('.session.gone')).toHaveCount(0);
  await expect(person.page.getByLabel('Jouw idee', { exact: true })).toHaveValue('');
  for (const screen of [facilitator, person]) await screen.context.close();
});

test('a first idea sent after the facilitator stopped input does not slip in', async ({
  browser
}) => {
  const { facilitator, person, code } = await firstScreenWithSessionHeld(browser);
  // The first screen still shows the brainstorm; the facilitator stops input meanwhile.
  await fromMenu(facilitator.page, 'Invullen stoppen');
  await facilitator.page.getByRole('button', { name: /^Meer$/ }).click();
  await expect(
    facilitator.page.locator('#control-menu').getByRole('button', { name: 'Weer laten invullen' })
  ).toBeVisible();
  await facilitator.page.keyboard.press('Escape');
  await person.page.getByRole('radio', { name: 'Kansen' }).click();
  await person.page.getByLabel('Jouw idee', { exact: true }).fill('Te laat');
  await person.page.getByRole('button', { name: 'Idee toevoegen' }).click();
  // The hub turns it away, so it waits; the session then follows its rules for it too.
  await expect(person.page.getByText('Wordt verstuurd zodra de verbinding er is')).toBeVisible();
  await code.release();
  await expect(person.page.getByRole('alert').filter({ hasText: 'Te laat' })).toHaveText(
    'Dit idee is niet verstuurd: de begeleider ging intussen verder of stopte het invullen. Je idee: Te laat'
  );
  const kansen = facilitator.page.getByRole('region', { name: /^Kansen/ });
  await expect(kansen.locator('.note')).toHaveCount(0);
  for (const screen of [facilitator, person]) await screen.context.close();
});
