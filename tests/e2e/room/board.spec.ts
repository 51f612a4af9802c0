// The shared board in a room with no internet: hub and browsers on the test's own room
// network (DESIGN.md §3), phones on plain http://<lan-ip>, as in a workshop.
import { expect, test } from '@playwright/test';
import { roomHubForEachTest } from '../../support/roomHub.ts';
import { projector, snapBothSizes } from '../../support/screens.ts';
import {
  addIdea,
  createSession,
  goToStep,
  joinOnPhone,
  newDevice,
  noteTexts,
  phoneShowsStep,
  withPaths
} from '../../support/workshop.ts';

// Steps of the built-in scripts these tests use: an open brainstorm where names show (at
// most 3 notes each), and one with three columns and no limit.
const introductions = 'Kennismaken: wat ik meebreng';
const successFactors = 'Wat maakte het succes?';

const hub = roomHubForEachTest();

for (const paths of [undefined, 'relay', 'peer'] as const) {
  const title =
    paths === 'relay'
      ? 'through the hub alone (no peer-to-peer)'
      : paths === 'peer'
        ? 'peer-to-peer alone (no relay)'
        : 'with both paths';
  test(`a note from a phone reaches the projector and the other phones, ${title}`, async ({
    browser
  }) => {
    // Six browser contexts joining, two ideas through the room, the network check and six
    // full-page screenshots: about 30 s on a shared two-core machine, so twice that.
    test.setTimeout(60_000);
    const facilitator = await newDevice(browser, projector);
    const { facilitateUrl, joinUrl } = await createSession(facilitator.page, hub.url, {
      script: 'Vrijetijdsaanbod',
      paths
    });
    await goToStep(facilitator.page, successFactors);
    const present = await facilitator.context.newPage();
    const { origin, pathname } = new URL(facilitateUrl);
    await present.goto(withPaths(`${origin}${pathname}/present`, paths));
    await expect(present.getByRole('heading', { name: /Aanpak/ })).toBeVisible();

    const phones = await Promise.all([
      joinOnPhone(browser, joinUrl, 'Fatima'),
      joinOnPhone(browser, joinUrl),
      joinOnPhone(browser, joinUrl)
    ]);
    await expect(present.getByText('3 deelnemers')).toBeVisible({ timeout: 15_000 });

    for (const phone of phones) await phoneShowsStep(phone.page, successFactors);
    await addIdea(phones[0].page, 'Samen met de bib een voorleesuur', 'Aanpak');
    for (const screen of [present, phones[1].page, phones[2].page, facilitator.page]) {
      await expect(noteTexts(screen)).toHaveText(['Samen met de bib een voorleesuur'], {
        timeout: 10_000
      });
    }
    // The step is anonymous: no name on the projector, even though Fatima gave hers.
    await expect(present.locator('.note .author')).toHaveCount(0);

    await addIdea(phones[2].page, 'Vrijwilligers die mee op stap gaan', 'Mensen en contact');
    await expect(
      present.getByRole('region', { name: /Mensen en contact/ }).locator('.note .text')
    ).toHaveText('Vrijwilligers die mee op stap gaan');
    // The network check tells the facilitator who is connected, and how.
    await facilitator.page.locator('summary', { hasText: 'Netwerkcontrole' }).click();
    const fatima = facilitator.page.getByRole('row', { name: /Fatima/ });
    const expectedPath =
      paths === 'relay'
        ? /^via de hub$/
        : paths === 'peer'
          ? /^rechtstreeks met \d+ toestel/
          : /^via de hub en rechtstreeks met \d+ toestel/;
    await expect(fatima).toContainText('deelnemer');
    await expect(fatima.getByRole('cell').nth(2)).toHaveText(expectedPath, { timeout: 20_000 });
    if (paths !== 'relay') {
      // The laptop's two tabs send each other the whole board when peer-to-peer starts,
      // sealed in a worker so that the projector keeps its frames (offThreadSealing.ts).
      const sealingWorker = () => present.workers().map((worker) => worker.url());
      await expect.poll(sealingWorker).toContainEqual(expect.stringMatching(/sealing\.worker/));
    }
    if (!paths) {
      await snapBothSizes(present, 'board-present');
      await snapBothSizes(phones[0].page, 'board-phone');
      await snapBothSizes(facilitator.page, 'board-facilitate');
    }
    for (const screen of [facilitator, ...phones]) await screen.context.close();
  });
}

test('a phone that goes offline keeps its notes and delivers each exactly once', async ({
  browser
}) => {
  const facilitator = await newDevice(browser, projector);
  const { joinUrl } = await createSession(facilitator.page, hub.url, {
    script: 'Vrijetijdsaanbod',
    paths: 'relay'
  });
  await goToStep(facilitator.page, successFactors);
  const phone = await joinOnPhone(browser, joinUrl);
  await phoneShowsStep(phone.page, successFactors);
  // A phone says one calm thing about its connection: whether its input is safe.
  await expect(phone.page.getByText('Alles is bewaard')).toBeVisible();

  await phone.context.setOffline(true);
  await expect(phone.page.getByText(/Even geen verbinding/)).toBeVisible({ timeout: 15_000 });
  for (let i = 1; i <= 5; i++) await addIdea(phone.page, `Offline idee ${i}`);
  await expect(phone.page.getByText('5 wachten om te versturen')).toBeVisible();
  await expect(noteTexts(facilitator.page)).toHaveCount(0);

  await phone.context.setOffline(false);
  await expect(phone.page.getByText('Alles is bewaard')).toBeVisible({ timeout: 20_000 });
  await expect(noteTexts(facilitator.page)).toHaveText(
    [1, 2, 3, 4, 5].map((i) => `Offline idee ${i}`),
    { timeout: 10_000 }
  );
  // Reconnecting again must not duplicate anything.
  await phone.page.reload();
  await expect(noteTexts(phone.page)).toHaveCount(5);
  await expect(noteTexts(facilitator.page)).toHaveCount(5);
  await phone.context.close();
  await facilitator.context.close();
});

test('after a hub crash the room comes back from SQLite to a brand-new device', async ({
  browser
}) => {
  const facilitator = await newDevice(browser, projector);
  const { joinUrl } = await createSession(facilitator.page, hub.url, { paths: 'relay' });
  await goToStep(facilitator.page, introductions);
  const phone = await joinOnPhone(browser, joinUrl);
  await phoneShowsStep(phone.page, introductions);
  await addIdea(phone.page, 'Bewaard in de hub');
  await expect(noteTexts(facilitator.page)).toHaveText(['Bewaard in de hub']);
  await phone.context.close();
  await facilitator.context.close();

  expect(await hub.stop('SIGKILL')).toBeNull();
  await hub.restart();

  const newcomer = await joinOnPhone(browser, joinUrl);
  await phoneShowsStep(newcomer.page, introductions);
  await expect(noteTexts(newcomer.page)).toHaveText(['Bewaard in de hub'], { timeout: 15_000 });
  await newcomer.context.close();
});

test('a reloaded device shows its board from its own storage before any network', async ({
  browser
}) => {
  const facilitator = await newDevice(browser, projector);
  const { joinUrl } = await createSession(facilitator.page, hub.url, { paths: 'relay' });
  await goToStep(facilitator.page, introductions);
  const phone = await joinOnPhone(browser, joinUrl);
  await phoneShowsStep(phone.page, introductions);
  await addIdea(phone.page, 'Eerste idee');
  await expect(noteTexts(facilitator.page)).toHaveText(['Eerste idee']);
  // A first idea reaches the hub from the phone's first screen, before its session (and its
  // own copy) has loaded: the phone's board shows what its copy holds.
  await expect(noteTexts(phone.page)).toHaveText(['Eerste idee']);

  // Phones on http://<lan-ip> have no service worker, so the page itself comes from the
  // hub; the sync sockets are held back, so whatever shows came from IndexedDB.
  for (const page of [phone.page, facilitator.page]) {
    await page.routeWebSocket(/\/(sync|signal)/, () => undefined);
    await page.reload();
    await expect(noteTexts(page)).toHaveText(['Eerste idee']);
    await expect(page.getByText(/Verbonden via de hub|Alles is bewaard/)).toHaveCount(0);
  }
  await phone.context.close();
  await facilitator.context.close();
});

test('a wrong or cut-off link gets a clear message and no data', async ({ browser }) => {
  const facilitator = await newDevice(browser, projector);
  const { joinUrl } = await createSession(facilitator.page, hub.url);
  await goToStep(facilitator.page, introductions);
  await facilitator.page.getByText('Idee toevoegen voor wie geen gsm heeft').click();
  await facilitator.page.getByLabel('Idee van de deelnemer').fill('Alleen voor deze kamer');
  await facilitator.page.getByRole('button', { name: 'Idee toevoegen', exact: true }).click();
  await expect(noteTexts(facilitator.page)).toHaveText(['Alleen voor deze kamer']);

  const stranger = await newDevice(browser);
  const [base, key = ''] = joinUrl.split('#');
  const wrongKey = [...key].reverse().join('');
  for (const [fragment, heading] of [
    [wrongKey, 'Deze link klopt niet'],
    [key.slice(0, 12), 'Deze link is niet volledig'],
    ['', 'Deze link is niet volledig']
  ] as const) {
    await stranger.page.goto(`${base}#${fragment}`);
    await stranger.page.reload();
    await expect(stranger.page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(stranger.page.getByText('Alleen voor deze kamer')).toHaveCount(0);
    await expect(stranger.page.getByRole('link', { name: 'Sessiecode intypen' })).toBeVisible();
  }
  await stranger.context.close();
  await facilitator.context.close();
});

test('bad input: empty, far too long, markup, emoji and right-to-left text', async ({
  browser
}) => {
  const facilitator = await newDevice(browser, projector);
  const { joinUrl } = await createSession(facilitator.page, hub.url, {
    script: 'Vrijetijdsaanbod'
  });
  await goToStep(facilitator.page, successFactors);
  const phone = await joinOnPhone(browser, joinUrl);
  const { page } = phone;
  await phoneShowsStep(page, successFactors);

  await addIdea(page, '   ');
  await expect(page.getByText('Schrijf eerst je idee.')).toBeVisible();

  await addIdea(page, 'x'.repeat(10_000));
  await expect(
    page.getByText('Dat is te lang (10000 tekens). Hou het bij 280 tekens.')
  ).toBeVisible();
  // Nothing typed is lost: the text stays in the field to shorten.
  await expect(page.getByLabel('Jouw idee', { exact: true })).toHaveValue('x'.repeat(10_000));

  const markup = '<img src=x onerror="document.title=1"><script>alert(1)</script>';
  await addIdea(page, markup);
  await addIdea(page, 'Samen 🎉 koken 👩‍🍳');
  await addIdea(page, 'שלום — مرحبا بكم');
  await expect(noteTexts(facilitator.page)).toHaveText([
    markup,
    'Samen 🎉 koken 👩‍🍳',
    'שלום — مرحبا بكم'
  ]);
  await expect(facilitator.page.locator('.note img, .note script')).toHaveCount(0);
  expect(await facilitator.page.title()).not.toBe('1');
  await snapBothSizes(page, 'board-phone-bad-input');
  await phone.context.close();
  await facilitator.context.close();
});
