// The coordinator takes the results home: every export format from the UI with the network
// off, the printable report, and the archive re-imported on another device with its own hub.
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessible } from '../../support/axe.ts';
import type { HubProcess } from '../../support/hubProcess.ts';
import { startRoomHub } from '../../support/roomNetwork.ts';
import { phone as phoneSize, projector, snapBothSizes } from '../../support/screens.ts';
import { parseCsv } from '../../support/csv.ts';
import { readWorkbook } from '../../support/xlsx.ts';
import {
  addIdea,
  control,
  createSession,
  goToStep,
  joinOnPhone,
  newDevice,
  nextStep,
  noteTexts,
  phoneShowsStep
} from '../../support/workshop.ts';

const hubs: HubProcess[] = [];
const dataDirs: string[] = [];

async function newHub(): Promise<HubProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kring-hub-data-'));
  dataDirs.push(dataDir);
  const hub = await startRoomHub({ args: ['--data-dir', dataDir] });
  hubs.push(hub);
  return hub;
}

test.afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.stop();
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const title = 'Export “Lier”, 12/3';
const ideaA = 'Café, "samen" 🚲 fietsen';
const ideaB = 'مكان للقاء\nmet de bib';
const ideaC = 'Mensen & vrijwilligers met Ervaringsdeskundigen';
const ideaD = '-10% deelnemers';
const partners = 'OCMW Lier, bib, vzw Welzijnsschakels';
const conclusion = 'We starten met één gezamenlijke fietstocht.';

interface Saved {
  readonly name: string;
  readonly path: string;
  readonly bytes: Buffer;
}

/** Clicks an export button and keeps the download. */
async function save(page: Page, button: Locator, testInfo: TestInfo): Promise<Saved> {
  const downloading = page.waitForEvent('download');
  await button.click();
  const download = await downloading;
  const name = download.suggestedFilename();
  const path = testInfo.outputPath(name);
  await download.saveAs(path);
  return { name, path, bytes: await readFile(path) };
}

/** A SWOT to the end: ideas in three quadrants, a group per quadrant, a tied vote, an agreement. */
async function runSwot(facilitator: Page, browserPhone: Page): Promise<void> {
  await nextStep(facilitator);
  await phoneShowsStep(browserPhone, 'Stil schrijven');
  await addIdea(browserPhone, ideaA, 'Sterktes');
  await addIdea(browserPhone, ideaB, 'Kansen');
  await addIdea(browserPhone, ideaC, 'Sterktes');
  await addIdea(browserPhone, ideaD, 'Zwaktes');
  await expect(noteTexts(facilitator)).toHaveCount(4);
  await control(facilitator, 'Ideeën aan iedereen tonen');

  await goToStep(facilitator, 'Bundelen per vak');
  for (const [name, quadrant] of [
    ['Samen op stap', 'Sterktes'],
    ['Plaats', 'Kansen']
  ] as const) {
    const region = facilitator.getByRole('region', { name: quadrant, exact: true });
    await region.getByLabel(`Nieuwe groep in ${quadrant}`).fill(name);
    await region.getByRole('button', { name: 'Groep maken' }).click();
  }
  for (const [note, group] of [
    [ideaA, 'Samen op stap'],
    [ideaC, 'Samen op stap'],
    ['مكان للقاء met de bib', 'Plaats']
  ] as const)
    await facilitator.getByLabel(`Groep voor ‘${note}’`).selectOption({ label: group });

  await goToStep(facilitator, 'Wat is het belangrijkst?');
  await phoneShowsStep(browserPhone, 'Wat is het belangrijkst?');
  await control(facilitator, 'Stemming openen');
  for (const group of ['Samen op stap', 'Plaats']) {
    const dot = browserPhone.getByRole('button', { name: `Stip geven aan ‘${group}’` });
    await dot.click();
    await dot.click();
  }
  await expect(browserPhone.getByText('Je hebt nog 1 van je 5 stippen.')).toBeVisible();
  await control(facilitator, 'Stemming sluiten en uitslag tonen');

  await goToStep(facilitator, 'Mogelijke volgende stappen');
  await facilitator.getByLabel('Wat', { exact: true }).fill('Afspraak met de bib, "snel"');
  await facilitator.getByLabel('Wie', { exact: true }).fill('Ann (OCMW)');
  await facilitator.getByLabel('Tegen wanneer').fill('voor 1 april');
  await facilitator.getByRole('button', { name: 'Afspraak toevoegen' }).click();
  await expect(browserPhone.getByText('Ann (OCMW)')).toBeVisible();
}

test('the coordinator exports every format offline and re-imports the archive on another device', async ({
  browser
}, testInfo) => {
  test.setTimeout(300_000);
  mkdirSync('test-results/screens', { recursive: true });
  const hub = await newHub();
  const facilitator = await newDevice(browser, projector);
  const f = facilitator.page;
  const { joinUrl } = await createSession(f, hub.url, { title, script: 'SWOT-analyse' });
  const phone = await joinOnPhone(browser, joinUrl);
  await runSwot(f, phone.page);
  await phone.context.close();

  // The facilitate screen's export section, used with the network off.
  await f.getByText('Exporteren', { exact: true }).click();
  const panel = f.locator('details.export');
  await expect(panel.getByRole('button', { name: 'Word (.docx)' })).toBeEnabled();
  await expectAccessible(f);
  await snapBothSizes(f, 'export-facilitate');
  await facilitator.context.setOffline(true);

  const docx = await save(f, panel.getByRole('button', { name: 'Word (.docx)' }), testInfo);
  expect(docx.name).toMatch(/^export-lier-12-3-\d{4}-\d\d-\d\d\.docx$/);
  const parts = unzipSync(new Uint8Array(docx.bytes));
  expect(Object.keys(parts)).toEqual(
    expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml'])
  );
  const documentXml = strFromU8(parts['word/document.xml'] as Uint8Array);
  expect(documentXml).toContain(title);
  expect(documentXml).toContain('Café, &quot;samen&quot; 🚲 fietsen');
  expect(documentXml).toContain('Afspraak met de bib, &quot;snel&quot;');
  for (const quadrant of ['Sterktes', 'Zwaktes', 'Kansen', 'Bedreigingen'])
    expect(documentXml).toContain(quadrant);
  // The board picture of the brainstorm, drawn by this browser from its SVG.
  const media = Object.keys(parts).filter((name) => name.startsWith('word/media/'));
  expect(media).toHaveLength(1);
  const boardPng = parts[media[0] ?? ''] as Uint8Array;
  expect([...boardPng.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(new DataView(boardPng.buffer, boardPng.byteOffset).getUint32(16)).toBe(3840);
  await writeFile('test-results/screens/export-word-board.png', boardPng);

  const markdown = (
    await save(f, panel.getByRole('button', { name: 'Markdown (.md)' }), testInfo)
  ).bytes.toString('utf8');
  expect(markdown).toContain(`# ${title}`);
  expect(markdown).toContain('- **Draaiboek:** SWOT-analyse');
  expect(markdown).toContain('- **Deelnemers:** 1');
  expect(markdown.indexOf('## Samenvatting')).toBeLessThan(
    markdown.indexOf('## 2. Stil schrijven')
  );
  expect(markdown).toContain('| 1 | Samen op stap | Sterktes | 2 |\n| 1 | Plaats | Kansen | 2 |');
  expect(markdown).toContain('### Sterktes (2 ideeën)\n\n#### Samen op stap — 2 stippen');
  expect(markdown).toContain(`- ${ideaC}`);
  expect(markdown).toContain(`- ${ideaD}`);
  expect(markdown).toContain('- مكان للقاء\\\n  met de bib');
  expect(markdown).toContain('| Afspraak met de bib, "snel" | Ann (OCMW) | voor 1 april |');

  const workbook = await save(
    f,
    panel.getByRole('button', { name: 'Werkboek voor Excel (.xlsx)' }),
    testInfo
  );
  expect(workbook.name).toMatch(/\.xlsx$/);
  const sheets = readWorkbook(new Uint8Array(workbook.bytes));
  const ideasSheet = sheets.find((sheet) => sheet.name === 'Ideeën');
  expect(ideasSheet?.frozenRows).toBe(1);
  expect(ideasSheet?.rows.slice(1).map((row) => [row[1], row[2], row[3], row[4], row[5]])).toEqual([
    ['Sterktes', 'Samen op stap', ideaA, 0, 2],
    ['Sterktes', 'Samen op stap', ideaC, 0, 2],
    ['Zwaktes', '', ideaD, 0, 0],
    ['Kansen', 'Plaats', ideaB, 0, 2]
  ]);
  expect(sheets.find((sheet) => sheet.name === 'Groepen')?.rows.slice(1)).toEqual([
    ['Stil schrijven', 'Sterktes', 'Samen op stap', 2, 2],
    ['Stil schrijven', 'Kansen', 'Plaats', 1, 2]
  ]);

  const ideas = await save(f, panel.getByRole('button', { name: 'Ideeën (.csv)' }), testInfo);
  expect(ideas.name).toMatch(/-ideeen\.csv$/);
  expect([...ideas.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(ideas.bytes.toString('utf8').slice(1));
  expect(rows[0]).toEqual([
    'Stap',
    'Kolom',
    'Groep',
    'Tekst',
    'Stippen voor het idee',
    'Stippen voor de groep',
    'Gemaakt',
    'Naam'
  ]);
  expect(rows.slice(1).map((row) => [row[1], row[3], row[4], row[5]])).toEqual([
    ['Sterktes', ideaA, '0', '2'],
    ['Sterktes', ideaC, '0', '2'],
    ['Zwaktes', ideaD, '0', '0'],
    ['Kansen', ideaB, '0', '2']
  ]);
  const actions = await save(f, panel.getByRole('button', { name: 'Afspraken (.csv)' }), testInfo);
  expect(parseCsv(actions.bytes.toString('utf8').slice(1))).toEqual([
    ['Stap', 'Wat', 'Wie', 'Tegen wanneer'],
    ['Mogelijke volgende stappen', 'Afspraak met de bib, "snel"', 'Ann (OCMW)', 'voor 1 april']
  ]);

  // One step: the board as an image.
  await expect(panel.getByText('Kies hierboven een stap met ideeën of groepen.')).toBeVisible();
  await panel
    .getByLabel('Wat wil je exporteren?')
    .selectOption({ label: 'Stap 2: Stil schrijven' });
  const svg = await save(f, panel.getByRole('button', { name: 'SVG-afbeelding' }), testInfo);
  expect(svg.name).toMatch(/-2-stil-schrijven\.svg$/);
  const svgText = svg.bytes.toString('utf8');
  expect(svgText.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
  expect(svgText).toContain('Sterktes (2)');
  expect(svgText).toContain('Samen op stap — 2 stippen');
  expect(svgText).toContain('Café, &quot;samen&quot; 🚲 fietsen');
  const png = await save(f, panel.getByRole('button', { name: 'PNG-afbeelding' }), testInfo);
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.readUInt32BE(16)).toBe(1920);
  await writeFile('test-results/screens/export-board.png', png.bytes);
  const stepMarkdown = (
    await save(f, panel.getByRole('button', { name: 'Markdown (.md)' }), testInfo)
  ).bytes.toString('utf8');
  expect(stepMarkdown).toContain('## 2. Stil schrijven');
  expect(stepMarkdown).not.toContain('## 5. Wat is het belangrijkst?');

  const archive = await save(
    f,
    panel.getByRole('button', { name: 'Archief bewaren (.json)' }),
    testInfo
  );
  expect(archive.name).toMatch(/^export-lier-12-3-\d{4}-\d\d-\d\d\.kring-archive\.json$/);
  expect(JSON.parse(archive.bytes.toString('utf8'))).toMatchObject({
    kring: 'kring-session-archive',
    version: 2,
    session: { title }
  });
  await expect(panel.getByRole('status')).toHaveText(`‘${archive.name}’ staat bij je downloads.`);

  // The printable report, opened from the library card; it reads the device's own copy.
  await facilitator.context.setOffline(false);
  await f.goto(`${hub.url}/`);
  await f
    .getByRole('article', { name: title })
    .getByRole('link', { name: `Exporteren ${title}` })
    .click();
  await expect(f.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await facilitator.context.setOffline(true);
  const report = f.locator('article.report');
  const brainstorm = report.getByRole('region', { name: '2. Stil schrijven' });
  await expect(brainstorm.getByRole('heading', { level: 3 })).toHaveText([
    'Sterktes (2 ideeën)',
    'Zwaktes (1 idee)',
    'Kansen (1 idee)',
    'Bedreigingen (0 ideeën)'
  ]);
  await expect(brainstorm.getByText(ideaA, { exact: true })).toBeVisible();
  await expect(
    report.getByRole('region', { name: '5. Wat is het belangrijkst?' }).getByRole('row')
  ).toHaveText([
    /Plaats\s*Idee of groep/,
    /^1\s*Samen op stap\s*Sterktes\s*2\s*1$/,
    /^1\s*Plaats\s*Kansen\s*2\s*1$/
  ]);
  // The cluster step points to the groups instead of printing them again.
  await expect(report.getByRole('region', { name: '4. Bundelen per vak' })).toContainText(
    '2 groepen. Je vindt ze met hun ideeën bij stap 2, ‘Stil schrijven’.'
  );
  const summary = report.getByRole('region', { name: 'Samenvatting' });
  await expect(summary.getByRole('cell', { name: 'Ann (OCMW)' })).toBeVisible();

  // Who took part and a conclusion, typed on the report view: kept on this device, in every format.
  await f.getByLabel(/Wie was erbij/).fill(partners);
  await f.getByLabel(/Korte conclusie/).fill(conclusion);
  await expect(f.getByText('Bewaard op dit toestel.')).toBeVisible();
  await expect(report.getByText(partners)).toBeVisible();
  await expect(summary.getByText(conclusion)).toBeVisible();
  const withExtras = (
    await save(f, f.getByRole('button', { name: 'Markdown (.md)' }), testInfo)
  ).bytes.toString('utf8');
  expect(withExtras).toContain(`- **Partners:** ${partners}`);
  expect(withExtras).toContain(`### Conclusie\n\n${conclusion}`);
  await facilitator.context.setOffline(false);
  await f.reload();
  await expect(f.getByLabel(/Korte conclusie/)).toHaveValue(conclusion);
  await expect(summary.getByText(conclusion)).toBeVisible();
  await facilitator.context.setOffline(true);
  await expectAccessible(f);
  const offlineCsv = await save(f, f.getByRole('button', { name: 'Ideeën (.csv)' }), testInfo);
  expect(parseCsv(offlineCsv.bytes.toString('utf8').slice(1))).toHaveLength(5);
  await snapBothSizes(f, 'export-report');
  await f.setViewportSize(phoneSize);
  await expectAccessible(f);
  await f.setViewportSize(projector);
  await f.emulateMedia({ media: 'print' });
  await f.screenshot({ path: 'test-results/screens/export-report-print.png', fullPage: true });
  await expect(f.getByRole('button', { name: 'Afdrukken of als PDF bewaren' })).toBeHidden();
  const pdf = await f.pdf({ printBackground: true, preferCSSPageSize: true });
  await writeFile('test-results/screens/export-report.pdf', pdf);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  // No page per step: the whole SWOT fits on two pages.
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBeLessThanOrEqual(2);
  await f.emulateMedia({ media: 'screen' });

  // Another device with its own hub (the coordinator's office): the archive brings it all.
  const office = await newHub();
  const coordinator = await newDevice(browser, projector);
  const c = coordinator.page;
  await c.goto(`${office.url}/`);
  const fileInput = c.getByLabel('Kies een archiefbestand');
  // Some other JSON file: it says what the file is not and what Kring imports here.
  await fileInput.setInputFiles({
    name: 'package.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"name":"kring","version":"1.0.0"}')
  });
  await expect(c.getByRole('alert')).toHaveText(
    '‘package.json’ is geen Kring-archief en ook geen draaiboek. Hier kan je een sessie-archief importeren: een .kring-archive.json-bestand dat je in Kring bewaarde met ‘Archief bewaren’.'
  );
  await fileInput.setInputFiles({
    name: 'kapot.kring-archive.json',
    mimeType: 'application/json',
    buffer: archive.bytes.subarray(0, 600)
  });
  await expect(c.getByRole('alert')).toHaveText(
    '‘kapot.kring-archive.json’ is onvolledig: het bestand is afgebroken. Bewaar het archief opnieuw.'
  );
  await fileInput.setInputFiles(archive.path);
  await expect(c.getByText(`‘${title}’ is geïmporteerd.`)).toBeVisible();
  await snapBothSizes(c, 'export-library-import');
  const card = c.getByRole('article', { name: title, exact: true });
  await card.getByRole('link', { name: `Openen ${title}` }).click();
  // The flow is where the session ended, and the notes are there: this hub never saw them.
  await expect(c.locator('#current-step-title')).toHaveText('Mogelijke volgende stappen');
  await expect(c.getByText('Afspraak met de bib, "snel"').first()).toBeVisible();
  await goToStep(c, 'Stil schrijven');
  await expect(noteTexts(c)).toHaveCount(4);
  await expect(noteTexts(c).filter({ hasText: 'مكان للقاء met de bib' })).toHaveCount(1);

  // The same archive again: it asks, and a copy is a separate session that still works.
  await c.goto(`${office.url}/`);
  // The library has loaded (so the page is live) before a file is chosen.
  await expect(c.getByRole('article', { name: title, exact: true })).toBeVisible();
  await c.getByLabel('Kies een archiefbestand').setInputFiles(archive.path);
  const conflict = c.getByRole('dialog', { name: 'Deze sessie staat al op dit toestel' });
  await expect(conflict.getByRole('button', { name: 'Annuleren' })).toBeFocused();
  await expectAccessible(c);
  await conflict.getByRole('button', { name: 'Als kopie importeren' }).click();
  await expect(c.getByText(`‘${title} (kopie)’ is geïmporteerd.`)).toBeVisible();
  await c
    .getByRole('article', { name: `${title} (kopie)` })
    .getByRole('link', { name: `Openen ${title} (kopie)` })
    .click();
  await expect(c.getByRole('heading', { level: 1, name: `${title} (kopie)` })).toBeVisible();
  await expect(c.locator('#current-step-title')).toHaveText('Mogelijke volgende stappen');

  await facilitator.context.close();
  await coordinator.context.close();
});
