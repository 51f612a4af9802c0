import { formatTimestamp } from './exportText.ts';
import type { ReportWords } from './reportWords.ts';
import type { SessionSnapshot } from './snapshot.ts';

/*
 * Spreadsheets: RFC 4180 (comma-separated, fields with a comma, quote or line break in
 * double quotes, quotes doubled, CRLF between records), UTF-8 with a byte order mark so
 * Excel reads accents and emoji correctly.
 */

const bom = '\ufeff';

/**
 * A field as RFC 4180 writes it. Text that a spreadsheet would run as a formula (starting
 * with = + - @, a tab or a carriage return) gets a leading apostrophe: a participant's note
 * must never become a formula on the coordinator's laptop ("CSV injection").
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvText(rows: readonly (readonly (string | number)[])[]): string {
  return bom + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export interface CsvOptions {
  /** IANA time zone for the "created" column; the device's own when absent. */
  readonly timeZone?: string | undefined;
}

/** One row per note: step, column, cluster, text, dots, created, and a name only where shown. */
export function notesCsv(
  snapshot: SessionSnapshot,
  words: ReportWords,
  options: CsvOptions = {}
): string {
  const rows: (string | number)[][] = [
    [words.step, words.column, words.cluster, words.text, words.votes, words.created, words.author]
  ];
  for (const step of snapshot.steps) {
    if (step.kind !== 'brainstorm') continue;
    const notes = [
      ...step.columns.flatMap((column) => column.notes),
      // Notes in a column the script no longer has still belong in the spreadsheet.
      ...step.groups
        .flatMap((group) => group.notes)
        .filter((note) => !step.columns.some((column) => column.id === note.columnId))
    ];
    for (const note of notes) {
      rows.push([
        step.title,
        note.columnTitle,
        note.clusterName ?? '',
        note.text,
        note.votes,
        formatTimestamp(note.created, options.timeZone),
        note.authorName ?? ''
      ]);
    }
  }
  return csvText(rows);
}

/** One row per agreement: step, what, who, by when. */
export function actionsCsv(snapshot: SessionSnapshot, words: ReportWords): string {
  return csvText([
    [words.step, words.what, words.who, words.when],
    ...snapshot.actions.map((action) => [action.stepTitle, action.what, action.who, action.when])
  ]);
}
