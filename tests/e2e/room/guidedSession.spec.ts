// A guided SWOT session end to end: facilitator laptop, projector and three phones on the
// room network, from the hidden brainstorm to the agreements.
import { expect, test, type Page } from '@playwright/test';
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { roomHubForEachTest } from '../../support/roomHub.ts';
import { projector, snapBothSizes } from '../../support/screens.ts';
import {
  addIdea,
  control,
  createSession,
  fromMenu,
  joinOnPhone,
  newDevice,
  nextStep,
  noteTexts,
  phoneShowsStep
} from '../../support/workshop.ts';
import { fetchLoginToken, loginKeysFor } from '../../../src/lib/access/hubLogin.ts';
import { checkJoinLink } from '../../../src/lib/access/roomKeys.ts';
import { roots } from '../../../src/lib/model/records.ts';

const hub = roomHubForEachTest();

async function next(facilitator: Page, title: string): Promise<void> {
  await nextStep(facilitator);
  await expect(facilitator.getByRole('heading', { level: 2, name: title })).toBeVisible();
}

/** Saves what the projector and a phone show for a step, at both sizes. */
async function snap(present: Page, phone: Page, name: string): Promise<void> {
  await present.screenshot({ path: `test-results/screens/swot-${name}-projector.png` });
  await phone.screenshot({ path: `test-results/screens/swot-${name}-phone.png`, fullPage: true });
}

test('facilitator and three phones run a SWOT from hidden brainstorm to agreements', async ({
  browser
}) => {
  test.setTimeout(120_000);
  const facilitator = await newDevice(browser, projector);
  const { facilitateUrl, joinUrl } = await createSession(facilitator.page, hub.url, {
    title: 'SWOT netwerk Lier',
    script: 'SWOT-analyse'
  });
  const present = await facilitator.context.newPage();
  await present.goto(`${facilitateUrl}/present`);
  const [a, b, c] = await Promise.all([
    joinOnPhone(browser, joinUrl, 'Amina'),
    joinOnPhone(browser, joinUrl),
    joinOnPhone(browser, joinUrl)
  ]);
  if (!a || !b || !c) throw new Error('three phones');
  const phones = [a.page, b.page, c.page];
  await expect(present.getByText('3 deelnemers')).toBeVisible({ timeout: 15_000 });
  for (const page of phones) await phoneShowsStep(page, 'Waar kijken we naar?');
  await expect(a.page.getByText('Kijk en luister mee.')).toBeVisible();
  await snap(present, a.page, '1-info');

  // Silent brainstorm, hidden until the facilitator reveals it.
  await next(facilitator.page, 'Stil schrijven');
  for (const page of phones) await phoneShowsStep(page, 'Stil schrijven');
  await addIdea(a.page, 'Sterk netwerk van vrijwilligers', 'Sterktes');
  await addIdea(b.page, 'Te weinig budget voor vervoer', 'Zwaktes');
  await addIdea(c.page, 'Samenwerken met de bib', 'Kansen');
  await addIdea(c.page, 'Samen met sportclubs', 'Kansen');
  await expect(
    present.getByText('4 ideeën tot nu toe. De begeleider toont ze straks.')
  ).toBeVisible();
  await expect(noteTexts(present)).toHaveCount(0);
  await expect(noteTexts(a.page)).toHaveText(['Sterk netwerk van vrijwilligers']);
  await expect(noteTexts(facilitator.page)).toHaveCount(4);
  await snap(present, c.page, '2-hidden');

  await control(facilitator.page, 'Ideeën aan iedereen tonen');
  await expect(noteTexts(present)).toHaveCount(4);
  await expect(noteTexts(a.page)).toHaveCount(4);
  await snap(present, a.page, '3-revealed');

  await next(facilitator.page, 'Tonen en verduidelijken');
  await next(facilitator.page, 'Bundelen per vak');
  for (const page of phones) await phoneShowsStep(page, 'Bundelen per vak');
  // Groups are made within a quadrant.
  for (const [name, quadrant] of [
    ['Samenwerking', 'Kansen'],
    ['Middelen', 'Zwaktes']
  ] as const) {
    const column = facilitator.page.getByRole('region', { name: quadrant, exact: true });
    await column.getByLabel(`Nieuwe groep in ${quadrant}`).fill(name);
    await column.getByRole('button', { name: 'Groep maken' }).click();
  }
  for (const [note, group] of [
    ['Samenwerken met de bib', 'Samenwerking'],
    ['Samen met sportclubs', 'Samenwerking'],
    ['Te weinig budget voor vervoer', 'Middelen']
  ] as const) {
    await facilitator.page.getByLabel(`Groep voor ‘${note}’`).selectOption({ label: group });
  }
  await expect(present.getByRole('heading', { name: /Samenwerking \(2\)/ })).toBeVisible();
  await expect(a.page.getByRole('heading', { name: /Middelen \(1\)/ })).toBeVisible();
  await snap(present, b.page, '4-clusters');
  await facilitator.page.screenshot({
    path: 'test-results/screens/swot-4-clusters-facilitate.png',
    fullPage: true
  });

  // Vote on the clusters: 5 dots each, at most 2 on one item; results only after closing.
  await next(facilitator.page, 'Wat is het belangrijkst?');
  for (const page of phones) await phoneShowsStep(page, 'Wat is het belangrijkst?');
  await expect(a.page.getByText('De stemming is nog niet open.')).toBeVisible();
  await control(facilitator.page, 'Stemming openen');
  const dot = (page: Page, item: string) =>
    page.getByRole('button', { name: `Stip geven aan ‘${item}’` });
  await expect(dot(a.page, 'Samenwerking')).toBeVisible();
  await dot(a.page, 'Samenwerking').click();
  await dot(a.page, 'Samenwerking').click();
  await dot(a.page, 'Samenwerking').click();
  await expect(a.page.getByText('Op één idee kan je maar 2 stippen zetten.')).toBeVisible();
  await dot(a.page, 'Middelen').click();
  await expect(a.page.getByText('Je hebt nog 2 van je 5 stippen.')).toBeVisible();
  await dot(b.page, 'Middelen').click();
  await dot(b.page, 'Middelen').click();
  await dot(c.page, 'Samenwerking').click();
  await dot(c.page, 'Samenwerking').click();
  await expect(present.getByText(/^3 van \d+ gestemd$/)).toBeVisible();
  await expect(present.getByRole('list', { name: 'Uitslag van de stemming' })).toHaveCount(0);
  await snap(present, a.page, '5-vote-open');

  await control(facilitator.page, 'Stemming sluiten en uitslag tonen');
  const ranking = present
    .getByRole('list', { name: 'Uitslag van de stemming' })
    .getByRole('listitem');
  // Each group keeps its quadrant in the result.
  await expect(ranking).toHaveText([
    /^1\.\s*Kansen\s*Samenwerking\s*4 stippen$/,
    /^2\.\s*Zwaktes\s*Middelen\s*3 stippen$/
  ]);
  await expect(a.page.getByText('De stemming is gesloten. Dit is de uitslag.')).toBeVisible();
  await expect(dot(a.page, 'Samenwerking')).toHaveCount(0);
  await snap(present, a.page, '6-vote-closed');

  await next(facilitator.page, 'Mogelijke volgende stappen');
  await facilitator.page.getByLabel('Wat', { exact: true }).fill('Afspraak met de bib maken');
  await facilitator.page.getByLabel('Wie', { exact: true }).fill('Ann (OCMW)');
  await facilitator.page.getByLabel('Tegen wanneer').fill('voor 1 april');
  await facilitator.page.getByRole('button', { name: 'Afspraak toevoegen' }).click();
  for (const page of [present, ...phones]) {
    await expect(page.getByText('Afspraak met de bib maken')).toBeVisible();
  }
  await expect(present.getByText('voor 1 april')).toBeVisible();
  await snap(present, c.page, '7-actions');
  await snapBothSizes(facilitator.page, 'swot-facilitate');

  for (const screen of [facilitator, a, b, c]) await screen.context.close();
});

test('a participant who writes to the doc directly cannot steer the session', async ({
  browser
}) => {
  const facilitator = await newDevice(browser, projector);
  const { joinUrl } = await createSession(facilitator.page, hub.url, { script: 'SWOT-analyse' });
  const phone = await joinOnPhone(browser, joinUrl);
  await phoneShowsStep(phone.page, 'Waar kijken we naar?');

  // The participant's own device identity and room key, used outside the app: what a
  // modified client on that phone could send.
  const secret = await phone.page.evaluate(() => localStorage.getItem('kring.device'));
  const url = new URL(joinUrl);
  const link = checkJoinLink(url.pathname.split('/').at(-1) ?? '', url.hash);
  if (!link.ok || !secret) throw new Error('join link and device secret expected');
  const doc = new Y.Doc();
  const closed: number[] = [];
  const rogue = new HocuspocusProvider({
    url: `${hub.url.replace('http', 'ws')}/sync`,
    name: link.secrets.roomId,
    token: () => fetchLoginToken(hub.url, loginKeysFor(link.roomKey, secret)),
    document: doc,
    onClose: ({ event }) => closed.push(event.code)
  });
  try {
    await expect.poll(() => rogue.isSynced, { timeout: 10_000 }).toBe(true);
    const flows = doc.getMap(roots.flow);
    const newest = [...flows.keys()].sort().at(-1) ?? '';
    const stored = flows.get(newest) as { state: { seq: number } };
    // Jump to the vote, unsigned, with a higher sequence number.
    flows.set('9999999999', {
      state: { ...stored.state, seq: 9999, stepId: 'stemmen' },
      signature: new Uint8Array(64)
    });
    // The hub undoes the change, for this device and every other one.
    await expect.poll(() => flows.has('9999999999'), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => hub.output()).toContain('undid a change');
    expect(closed).toEqual([]);
  } finally {
    rogue.destroy();
  }
  await facilitator.page.reload();
  await expect(
    facilitator.page.getByRole('heading', { level: 2, name: 'Waar kijken we naar?' })
  ).toBeVisible();
  await phone.page.reload();
  await phoneShowsStep(phone.page, 'Waar kijken we naar?');
  await facilitator.context.close();
  await phone.context.close();
});

test('the timer keeps running through a reload of the facilitator and the projector', async ({
  browser
}) => {
  const facilitator = await newDevice(browser, projector);
  const { facilitateUrl } = await createSession(facilitator.page, hub.url, {
    script: 'SWOT-analyse'
  });
  const present = await facilitator.context.newPage();
  await present.goto(`${facilitateUrl}/present`);
  await control(facilitator.page, 'Start timer');
  await expect(present.locator('.timer .time')).not.toHaveText('5:00', { timeout: 5000 });

  await facilitator.page.reload();
  await present.reload();
  await expect(facilitator.page.locator('.control-bar .timer')).not.toContainText(
    /nog niet gestart|gepauzeerd/
  );
  const shown = async (page: Page) => (await page.locator('.timer .time').textContent()) ?? '';
  await expect.poll(() => shown(present)).toMatch(/^4:[0-5]\d$/);
  await fromMenu(facilitator.page, '+1 minuut');
  await expect.poll(() => shown(present)).toMatch(/^5:[0-5]\d$/);
  await fromMenu(facilitator.page, 'Pauzeer timer');
  // The value it stopped at, once the projector has the pause (read before, a running timer can
  // still turn over a second).
  await expect(present.getByText('gepauzeerd')).toBeVisible();
  const paused = await shown(present);
  await present.reload();
  await expect(present.locator('.timer .time')).toHaveText(paused);
  await expect(present.getByText('gepauzeerd')).toBeVisible();
  await facilitator.context.close();
});

test('a second facilitator laptop with the facilitator link can co-facilitate', async ({
  browser
}) => {
  const first = await newDevice(browser, projector);
  const { joinUrl } = await createSession(first.page, hub.url, {
    title: 'Samen begeleid',
    script: 'SWOT-analyse'
  });
  await first.page.locator('summary', { hasText: 'Link voor een tweede begeleider' }).click();
  const link = ((await first.page.locator('.facilitator-link code').textContent()) ?? '').trim();
  expect(link).toMatch(/\/f\/[0-9a-z]{26}#[0-9a-z]{26}\.[0-9a-z]{26}\.[0-9a-z]{26}$/);

  const second = await newDevice(browser, projector);
  await second.page.goto(link);
  await expect(second.page).toHaveURL(/\/s\/[0-9a-z]{26}$/);
  await expect(second.page.getByRole('heading', { level: 1 })).toHaveText('Samen begeleid');
  const phone = await joinOnPhone(browser, joinUrl);

  await nextStep(second.page);
  await expect(first.page.locator('#current-step-title')).toHaveText('Stil schrijven');
  await phoneShowsStep(phone.page, 'Stil schrijven');
  await nextStep(first.page);
  await expect(second.page.locator('#current-step-title')).toHaveText('Tonen en verduidelijken');
  await phoneShowsStep(phone.page, 'Tonen en verduidelijken');

  // The second laptop keeps the session in its own library, under the shared title.
  await second.page.goto(`${hub.url}/`);
  await expect(second.page.getByRole('article', { name: 'Samen begeleid' })).toBeVisible();

  // A participant link is not a facilitator link.
  const [base = '', key = ''] = joinUrl.split('#');
  await second.page.goto(`${base.replace('/j/', '/f/')}#${key}`);
  await expect(second.page.getByRole('heading', { level: 1 })).toHaveText(
    'Deze begeleiderslink klopt niet'
  );
  for (const screen of [first, second, phone]) await screen.context.close();
});
