import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { reportDocx } from '../../src/lib/export/docx.ts';
import { sessionSnapshot } from '../../src/lib/export/readSessionData.ts';
import { reportWords } from '../../src/lib/export/reportWords.ts';
import { reportXlsx } from '../../src/lib/export/xlsx.ts';
import { buildSwotFixture, quadrantNames } from './exportFixture.ts';
import { solidPng } from '../support/png.ts';

/*
 * The Word report and the workbook open in a real office suite: LibreOffice converts both to
 * PDF without a window, and the PDF's text (pdftotext) holds the SWOT, the accents and the
 * agreements. Runs where LibreOffice and poppler are installed (CI installs them); elsewhere
 * it is skipped with the command to install them.
 */

const run = promisify(execFile);
const has = (command: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const available = has('soffice') && has('pdftotext');
if (!available)
  console.warn(
    'LibreOffice check skipped: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils'
  );

const folder = mkdtempSync(join(tmpdir(), 'kring-office-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const extras = {
  partners: 'OCMW Lier, bib, Jeugddienst, vzw Welzijnsschakels',
  conclusion: 'De partners willen verder: eerst één subsidiedossier, daarna de jongeren.'
};

/** Converts files to PDF with LibreOffice (its own profile, so a running LibreOffice is left alone). */
async function toPdf(files: string[]): Promise<void> {
  await run(
    'soffice',
    [
      `-env:UserInstallation=file://${join(folder, 'profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      folder,
      ...files
    ],
    { timeout: 110_000 }
  );
}

const pdfText = async (file: string): Promise<string> =>
  (await run('pdftotext', ['-layout', file, '-'], { timeout: 30_000 })).stdout;

describe.skipIf(!available)('exports in LibreOffice', () => {
  it('the Word report and the workbook open and hold the SWOT, accents and agreements', async () => {
    const { doc, record } = buildSwotFixture();
    const snapshot = sessionSnapshot(doc, record, { extras });
    const words = reportWords('nl');
    const picture = { png: solidPng(192, 96, [255, 241, 161]), width: 1920, height: 960 };
    writeFileSync(
      join(folder, 'verslag.docx'),
      await reportDocx(snapshot, words, { boards: new Map([['swot', picture]]) })
    );
    writeFileSync(join(folder, 'werkboek.xlsx'), await reportXlsx(snapshot, words));
    await toPdf([join(folder, 'verslag.docx'), join(folder, 'werkboek.xlsx')]);

    const report = await pdfText(join(folder, 'verslag.pdf'));
    for (const name of quadrantNames) expect(report).toContain(name);
    expect(report).toContain('SWOT netwerk Vrije Tijd Lier');
    expect(report).toContain('Samenvatting');
    expect(report).toContain('vrijetijdsparticipatiecoördinator');
    expect(report).toContain('één subsidiedossier');
    expect(report).toContain('Mensen & vrijwilligers kennen elkaar');
    expect(report).toMatch(
      /Subsidiedossier indienen bij de provincie\s+Ann \(OCMW\)\s+voor 1 juni/
    );
    expect(report).toMatch(/Pagina 1 van \d/);
    // The summary comes before the steps.
    expect(report.indexOf('Samenvatting')).toBeLessThan(report.indexOf('1. Waar kijken we naar?'));
    expect(readFileSync(join(folder, 'verslag.pdf')).subarray(0, 5).toString()).toBe('%PDF-');

    const workbook = await pdfText(join(folder, 'werkboek.pdf'));
    for (const name of quadrantNames) expect(workbook).toContain(name);
    expect(workbook).toContain('Stippen voor de groep');
    expect(workbook).toContain('-10% deelnemers sinds vorig jaar');
    expect(workbook).not.toContain("'-10%");
    expect(workbook).toContain('vrijetijdsparticipatiecoördinator');
    expect(workbook).toContain('Jongeren bevragen in het jeugdhuis');
    expect(workbook).toContain('Welzijnsschakels');
  });
});
