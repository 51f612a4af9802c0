import type { ReportWords } from './reportWords.ts';
import type { SessionSnapshot } from './snapshot.ts';
import { actionRows, ideaRows, type SheetOptions, type SheetValue } from './sheetRows.ts';

/*
 * Spreadsheets as CSV: RFC 4180 (comma-separated, fields with a comma, quote or line break in
 * double quotes, quotes doubled, CRLF between records), UTF-8 with a byte order mark so
 * spreadsheets read accents and emoji correctly. For Excel with a Belgian or Dutch list
 * separator (";") the workbook (.xlsx) is the file to open; CSV is for other programs.
 */

const bom = '\ufeff';

/**
 * Whether a spreadsheet could run this text as a formula that reaches outside the cell.
 * OWASP's CSV injection guidance names the leading characters = + - @ tab and carriage
 * return. `=` and `@` always start a formula (or a function), tab and CR are dropped by
 * some programs before they look. After `+` or `-`, harm needs a function call, an external
 * (DDE) reference or a sheet link: "(", "|" or "!". Text like "-10% deelnemers" or
 * "+ meer tijd" can at worst be shown as an error, never run anything, so it keeps its
 * words without a stray apostrophe.
 */
export function couldRunFormula(text: string): boolean {
  if (/^[=@\t\r]/.test(text)) return true;
  return /^[+-]/.test(text) && /[(|!=@]/.test(text);
}

/**
 * A field as RFC 4180 writes it. Text a spreadsheet could run as a formula gets a leading
 * apostrophe (OWASP's advice): a participant's note must never become a formula on the
 * coordinator's laptop. A ";" is quoted too: Excel with a ";" list separator splits there
 * and would otherwise start a new cell in the middle of a note.
 */
export function csvField(value: SheetValue): string {
  let text = String(value);
  if (typeof value === 'string' && couldRunFormula(text)) text = `'${text}`;
  return /[",;\r\n\t]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvText(rows: readonly (readonly SheetValue[])[]): string {
  return bom + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export type { SheetOptions as CsvOptions } from './sheetRows.ts';

/**
 * One row per idea: step, column, group, text, the idea's own dots, its group's dots, when
 * it was made, and a name only where shown. The two dot columns never count the same dots.
 */
export function notesCsv(
  snapshot: SessionSnapshot,
  words: ReportWords,
  options: SheetOptions = {}
): string {
  const sheet = ideaRows(snapshot, words, options);
  return csvText([sheet.header, ...sheet.rows]);
}

/** One row per agreement: step, what, who, by when. */
export function actionsCsv(snapshot: SessionSnapshot, words: ReportWords): string {
  const sheet = actionRows(snapshot, words);
  return csvText([sheet.header, ...sheet.rows]);
}
