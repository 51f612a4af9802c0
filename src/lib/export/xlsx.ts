import writeXlsxFile, { type Row, type Sheet } from 'write-excel-file/universal';
import { xmlSafe } from './exportText.ts';
import type { ReportWords } from './reportWords.ts';
import {
  actionRows,
  answerRows,
  factRows,
  groupRows,
  ideaRows,
  pickRows,
  voteRows,
  type SheetOptions,
  type SheetTable
} from './sheetRows.ts';
import type { SessionSnapshot } from './snapshot.ts';

/*
 * The session as an Excel workbook (write-excel-file: MIT, small, fflate only, runs in the
 * browser and in Node). A workbook keeps its columns whatever list separator Excel is set
 * to, which a CSV cannot. Every text cell is stored as text (a shared string), never as a
 * formula, so a note starting with "=" is just a note and needs no guard. Each sheet has a
 * bold header row that stays in view (frozen) and column widths that fit the content.
 */

// Excel allows 31 characters in a sheet name and none of : \ / ? * [ ].
const sheetName = (name: string): string => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);

function sheetOf(table: SheetTable): Sheet<Blob> {
  const header: Row = table.header.map((title) => ({
    value: xmlSafe(title),
    type: String,
    fontWeight: 'bold',
    backgroundColor: '#EEF0F2',
    wrap: true
  }));
  const rows: Row[] = table.rows.map((row) =>
    row.map((value) =>
      typeof value === 'number'
        ? { value, type: Number }
        : { value: xmlSafe(value), type: String, wrap: true, alignVertical: 'top' as const }
    )
  );
  return {
    sheet: sheetName(table.name),
    data: [header, ...rows],
    columns: table.widths.map((width) => ({ width })),
    stickyRowsCount: 1,
    // Wide tables print across the page rather than down two.
    ...(table.widths.reduce((sum, width) => sum + width, 0) > 90
      ? { orientation: 'landscape' as const }
      : {})
  };
}

/** The workbook's tables: the report's facts, ideas, groups, votes, cards, answers, agreements. */
export function workbookTables(
  snapshot: SessionSnapshot,
  words: ReportWords,
  options: SheetOptions = {}
): SheetTable[] {
  return [
    factRows(snapshot, words),
    ideaRows(snapshot, words, options),
    groupRows(snapshot, words),
    voteRows(snapshot, words),
    pickRows(snapshot, words),
    answerRows(snapshot, words),
    actionRows(snapshot, words)
  ];
}

/** The session as an .xlsx file. */
export async function reportXlsx(
  snapshot: SessionSnapshot,
  words: ReportWords,
  options: SheetOptions = {}
): Promise<Uint8Array> {
  const sheets = workbookTables(snapshot, words, options).map(sheetOf);
  const blob = await writeXlsxFile(sheets, { fontFamily: 'Arial', fontSize: 11 }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
