import { boardSvg, type Measure } from './boardSvg.ts';
import { actionsCsv, notesCsv } from './csv.ts';
import { reportDocx, type BoardPicture } from './docx.ts';
import { formatTimestamp, slug } from './exportText.ts';
import { reportMarkdown } from './markdown.ts';
import type { ReportWords } from './reportWords.ts';
import { selectStep, type SessionSnapshot } from './snapshot.ts';
import { reportXlsx } from './xlsx.ts';

/*
 * Every export as a file: name, media type and bytes, from a snapshot and the words of
 * its language. One step or the whole session.
 */

export type ExportFormat = 'markdown' | 'docx' | 'xlsx' | 'notesCsv' | 'actionsCsv' | 'svg';

export interface ExportFile {
  readonly name: string;
  readonly type: string;
  readonly bytes: Uint8Array;
}

export interface ExportOptions {
  /** Board pictures for the Word report, by step id (the browser draws them from the SVG). */
  readonly boards?: ReadonlyMap<string, BoardPicture> | undefined;
  /** The browser's text measurement for board pictures. */
  readonly measure?: Measure | undefined;
}

/** "werkgroep-vrije-tijd-2025-03-12", plus "-3-stil-schrijven" for one step. */
export function fileBase(snapshot: SessionSnapshot, stepId?: string): string {
  const day = formatTimestamp(snapshot.date).slice(0, 10);
  const base = `${slug(snapshot.title, 'kring')}-${day}`;
  const step = stepId ? snapshot.steps.find((s) => s.id === stepId) : undefined;
  return step ? `${base}-${step.number}-${slug(step.title, step.id)}` : base;
}

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

/** Builds one export of the session, or of one step when `stepId` is given. */
export async function exportFile(
  format: ExportFormat,
  full: SessionSnapshot,
  words: ReportWords,
  stepId?: string,
  options: ExportOptions = {}
): Promise<ExportFile> {
  const snapshot = selectStep(full, stepId);
  const base = fileBase(full, stepId);
  switch (format) {
    case 'markdown':
      return {
        name: `${base}.md`,
        type: 'text/markdown;charset=utf-8',
        bytes: text(reportMarkdown(snapshot, words))
      };
    case 'docx':
      return {
        name: `${base}.docx`,
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        bytes: await reportDocx(snapshot, words, { boards: options.boards })
      };
    case 'xlsx':
      return {
        name: `${base}.xlsx`,
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        bytes: await reportXlsx(snapshot, words)
      };
    case 'notesCsv':
      return {
        name: `${base}-${slug(words.ideas, 'ideas')}.csv`,
        type: 'text/csv;charset=utf-8',
        bytes: text(notesCsv(snapshot, words))
      };
    case 'actionsCsv':
      return {
        name: `${base}-${slug(words.actions, 'actions')}.csv`,
        type: 'text/csv;charset=utf-8',
        bytes: text(actionsCsv(snapshot, words))
      };
    case 'svg': {
      const step = snapshot.steps[0];
      if (!step || !stepId) throw new Error('a board image is of one step');
      return {
        name: `${base}.svg`,
        type: 'image/svg+xml',
        bytes: text(boardSvg(full, step, words, { measure: options.measure }))
      };
    }
  }
}
