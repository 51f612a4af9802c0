// A restart track end to end: the coordinator makes a track, runs werf 1 and 2 with two
// phones, starts werf 3 from the track with what they yielded (the projector shows the
// carried positive core), marks an agreement of werf 1 as done, and downloads the track
// report with the network off.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { expectAccessible } from '../../support/axe.ts';
import { roomHubForEachTest } from '../../support/roomHub.ts';
import { phone as phoneSize, projector } from '../../support/screens.ts';
import {
  goToStep,
  joinOnPhone,
  newDevice,
  phoneShowsStep,
  readJoinLink,
  type Screen
} from '../../support/workshop.ts';

const laptop = { width: 1440, height: 900 } as const;
const hub = roomHubForEachTest();

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

/** From the track page: starts the next session it plans, with the preselected carry-over. */
async function startNext(f: Page, trackUrl: string, expected: string): Promise<string> {
  await f.goto(trackUrl);
  await expect(f.getByLabel('Draaiboek')).toHaveValue(expected);
  await expect(f.getByRole('button', { name: 'Sessie starten' })).toBeEnabled();
  await f.getByRole('button', { name: 'Sessie starten' }).click();
  await expect(f).toHaveURL(/\/s\/[0-9a-z]{26}$/);
  return readJoinLink(f);
}

async function phones(browser: Parameters<typeof joinOnPhone>[0], joinUrl: string) {
  return [await joinOnPhone(browser, joinUrl), await joinOnPhone(browser, joinUrl)];
}

async function close(screens: readonly Screen[]): Promise<void> {
  for (const screen of screens) await screen.context.close();
}

async function save(page: Page, button: Locator): Promise<Buffer> {
  const downloading = page.waitForEvent('download');
  await button.click();
  const download = await downloading;
  return readFile((await download.path()) ?? '');
}

test('a restart track carries werf 1 and 2 into werf 3 and ends in a draft agreement note', async ({
  browser
}) => {
  test.setTimeout(240_000);
  mkdirSync('test-results/screens', { recursive: true });
  const facilitator = await newDevice(browser, laptop);
  const f = facilitator.page;

  // A new track on the library page.
  await f.goto(`${hub.url}/`);
  await f.locator('summary', { hasText: 'Nieuw traject' }).click();
  await f.getByLabel('Naam van het netwerk').fill('Netwerk vrije tijd Lier');
  await f.getByLabel('Gemeente (mag je leeg laten)').fill('Lier');
  await f.getByLabel('Partners (mag je leeg laten)').fill('OCMW, bib, Welzijnsschakels');
  await f.getByRole('button', { name: 'Traject maken' }).click();
  await expect(f).toHaveURL(/\/t\/[0-9a-z]{26}$/);
  const trackUrl = f.url();
  await expect(f.getByText('Dit draaiboek neemt niets mee')).toBeVisible();

  // Werf 1, short: the positive core from two phones, and one agreement.
  const werf1 = await phones(browser, await startNext(f, trackUrl, 'werf-1-visie'));
  await goToStep(f, 'Onze positieve kern');
  for (const [index, word] of ['Samen', 'Vertrouwen'].entries()) {
    const p = werf1[index]?.page as Page;
    await phoneShowsStep(p, 'Onze positieve kern');
    await p.getByLabel('Jouw antwoord').fill(word);
    await p.getByRole('button', { name: 'Antwoord geven' }).click();
  }
  await expect(f.getByText('Vertrouwen')).toBeVisible();
  await goToStep(f, 'Afspraken tot werf 2');
  await f.getByLabel('Wat', { exact: true }).fill('Visietekst herschrijven');
  await f.getByLabel('Wie', { exact: true }).fill('Ann (OCMW)');
  await f.getByLabel('Tegen wanneer').fill('voor werf 2');
  await f.getByRole('button', { name: 'Afspraak toevoegen' }).click();
  await expect(werf1[0]?.page.getByText('Ann (OCMW)') as Locator).toBeVisible();
  await close(werf1);

  // Werf 2 starts from the track: its first step shows werf 1's results on the phones too.
  await f.goto(trackUrl);
  await expect(f.getByRole('checkbox', { name: /Samen/ })).toBeChecked();
  await expect(
    f.getByText('Werf 1: Visievorming · Netwerk vrije tijd Lier · Onze positieve kern')
  ).toBeVisible();
  await shot(f, 'tracks-track-page-laptop');
  const werf2 = await phones(browser, await startNext(f, trackUrl, 'werf-2-doelgroepen'));
  const phone2 = werf2[0]?.page as Page;
  await phoneShowsStep(phone2, 'Vertrekken van de positieve kern');
  await expect(phone2.getByText('Vertrouwen')).toBeVisible();
  await expect(phone2.getByText('Visietekst herschrijven')).toBeVisible();
  await expectAccessible(phone2);
  await shot(phone2, 'tracks-carried-phone');
  await close(werf2);

  // Werf 3 from the track: the projector shows the carried positive core.
  await startNext(f, trackUrl, 'werf-3-aanbod');
  const facilitateUrl = f.url();
  const present = await facilitator.context.newPage();
  await present.setViewportSize(projector);
  await present.goto(`${facilitateUrl}/present`);
  const carried = present.getByRole('region', { name: 'Meegenomen uit vorige sessies' });
  await expect(carried.getByText('Samen', { exact: true })).toBeVisible();
  await expect(carried.getByText('Vertrouwen', { exact: true })).toBeVisible();
  await expect(carried.getByText(/· Onze positieve kern$/)).toBeVisible();

  // The agreement of werf 1 is marked done, with a note; the projector follows.
  const followUp = f.getByRole('region', { name: 'Afspraken opvolgen' });
  await followUp.getByLabel('Opmerking (mag leeg blijven)').fill('Verstuurd naar alle partners');
  await followUp
    .getByRole('group', { name: 'Hoe loopt ‘Visietekst herschrijven’?' })
    .getByRole('button', { name: 'Klaar' })
    .click();
  await expect(carried.getByText('Klaar', { exact: true })).toBeVisible();
  await expect(carried.getByText('Verstuurd naar alle partners')).toBeVisible();
  await shot(present, 'tracks-carried-projector');
  await expectAccessible(f);
  await shot(f, 'tracks-follow-up-laptop');
  await present.close();

  // The track page lists the sessions with their state and the agreement's history.
  await f.goto(trackUrl);
  await expect(f.getByRole('link', { name: /Werf 3: Vrijetijdsaanbod/ })).toBeVisible();
  await expect(f.getByText(/: Klaar — Verstuurd naar alle partners$/)).toBeVisible();

  // The track report, downloaded with the network off.
  await f.getByRole('link', { name: 'Verslag van het traject' }).click();
  await expect(f.getByRole('heading', { level: 1 })).toHaveText(
    'Ontwerp van afsprakennota: Netwerk vrije tijd Lier'
  );
  await expect(f.getByRole('heading', { level: 2, name: 'Visie en positieve kern' })).toBeVisible();
  await expectAccessible(f);
  await shot(f, 'tracks-report-laptop');
  await facilitator.context.setOffline(true);
  const markdown = (await save(f, f.getByRole('button', { name: 'Markdown (.md)' }))).toString(
    'utf8'
  );
  expect(markdown).toContain('## Visie en positieve kern');
  expect(markdown).toContain('| Samen | 1 |');
  expect(markdown).toMatch(
    /\| Visietekst herschrijven \| Ann \(OCMW\) \| voor werf 2 \| Werf 1: Visievorming · Netwerk vrije tijd Lier \| Klaar \(in Werf 3: Vrijetijdsaanbod · Netwerk vrije tijd Lier\): Verstuurd naar alle partners \|/
  );
  const docx = await save(f, f.getByRole('button', { name: 'Word (.docx)' }));
  const documentXml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml'] as Uint8Array);
  expect(documentXml).toContain('Visietekst herschrijven');
  expect(documentXml).toContain('Verstuurd naar alle partners');
  await f.setViewportSize(phoneSize);
  await shot(f, 'tracks-report-phone');
  // Printed (or saved as PDF) as the session's report is: only the report, on white.
  await f.emulateMedia({ media: 'print' });
  await expect(f.getByRole('button', { name: 'Afdrukken of als PDF bewaren' })).toBeHidden();
  await expect(f.getByRole('banner')).toBeHidden();
  expect(await f.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
    'rgb(255, 255, 255)'
  );
  // A4 sheets with the page number at the foot (an @page rule).
  expect(
    await f.evaluate(() =>
      [...document.styleSheets].some((sheet) =>
        [...sheet.cssRules].some((rule) => rule instanceof CSSPageRule)
      )
    )
  ).toBe(true);
  await f.emulateMedia({ media: 'screen' });
  await facilitator.context.close();
});
