import { formatDate, formatTimestamp } from './exportText.ts';
import type { ReportWords } from './reportWords.ts';
import type { SessionSnapshot } from './snapshot.ts';

/*
 * The session as tables, for the CSV files and the workbook alike: one header row and rows
 * of text and numbers. Dots are counted where they were given: an idea's own dots and its
 * group's dots are separate columns, and the groups have a table of their own, so no column
 * counts the same dots twice.
 */

export type SheetValue = string | number;

export interface SheetTable {
  /** A short name (a workbook sheet's tab). */
  readonly name: string;
  readonly header: readonly string[];
  /** Column widths in characters, for a workbook. */
  readonly widths: readonly number[];
  readonly rows: readonly (readonly SheetValue[])[];
}

export interface SheetOptions {
  /** IANA time zone for the "created" column; the device's own when absent. */
  readonly timeZone?: string | undefined;
}

/** The report's facts: title, date, script, participants, partners, conclusion. */
export function factRows(snapshot: SessionSnapshot, words: ReportWords): SheetTable {
  return {
    name: words.report,
    header: [words.report, snapshot.title],
    widths: [16, 64],
    rows: [
      [words.date, formatDate(snapshot.date, words.locale)],
      [words.script, snapshot.scriptTitle],
      // As text, so it reads under the other facts rather than at the far right.
      [words.participants, String(snapshot.participants)],
      [words.partners, snapshot.partners],
      [words.conclusion, snapshot.conclusion]
    ]
  };
}

/** One row per idea: step, column, group, text, its own dots, its group's dots, created, name. */
export function ideaRows(
  snapshot: SessionSnapshot,
  words: ReportWords,
  options: SheetOptions = {}
): SheetTable {
  const rows: SheetValue[][] = [];
  for (const step of snapshot.steps) {
    if (step.kind !== 'brainstorm') continue;
    for (const section of step.sections)
      for (const group of section.groups)
        for (const note of group.notes)
          rows.push([
            step.title,
            note.columnTitle,
            note.groupName ?? '',
            note.text,
            note.dots,
            note.groupDots,
            formatTimestamp(note.created, options.timeZone),
            note.authorName ?? ''
          ]);
  }
  return {
    name: words.ideas,
    header: [
      words.step,
      words.column,
      words.cluster,
      words.text,
      words.ideaDots,
      words.groupDots,
      words.created,
      words.author
    ],
    widths: [24, 16, 24, 60, 21, 22, 17, 16],
    rows
  };
}

/** One row per group: step, column, group, number of ideas, dots. */
export function groupRows(snapshot: SessionSnapshot, words: ReportWords): SheetTable {
  const rows: SheetValue[][] = [];
  for (const step of snapshot.steps) {
    if (step.kind !== 'brainstorm') continue;
    for (const section of step.sections)
      for (const group of section.groups) {
        if (group.name === null) continue;
        rows.push([step.title, section.title ?? '', group.name, group.notes.length, group.dots]);
      }
  }
  return {
    name: words.groups,
    header: [words.step, words.column, words.cluster, words.notesHeader, words.votes],
    widths: [24, 18, 40, 10, 10],
    rows
  };
}

/** One row per voted item: vote step, place, idea or group, column, dots, people. */
export function voteRows(snapshot: SessionSnapshot, words: ReportWords): SheetTable {
  const rows: SheetValue[][] = [];
  for (const step of snapshot.steps) {
    if (step.kind !== 'vote') continue;
    for (const row of step.ranking)
      rows.push([step.title, row.place, row.label, row.columnTitle ?? '', row.dots, row.voters]);
  }
  return {
    name: words.voteResults,
    header: [words.step, words.rank, words.item, words.column, words.votes, words.people],
    widths: [24, 8, 50, 18, 10, 10],
    rows
  };
}

/** One row per card of a pick step: how often it was chosen (0 for the cards nobody chose). */
export function pickRows(snapshot: SessionSnapshot, words: ReportWords): SheetTable {
  const rows: SheetValue[][] = [];
  for (const step of snapshot.steps) {
    if (step.kind !== 'pick') continue;
    for (const card of step.chosen) rows.push([step.title, card.title, card.count]);
    for (const title of step.unchosen) rows.push([step.title, title, 0]);
  }
  return {
    name: words.cards,
    header: [words.step, words.card, words.chosenHeader],
    widths: [24, 50, 10],
    rows
  };
}

/** One row per round answer (alphabetical, so the order says nothing about who answered). */
export function answerRows(snapshot: SessionSnapshot, words: ReportWords): SheetTable {
  const rows: SheetValue[][] = [];
  for (const step of snapshot.steps)
    if (step.kind === 'round') for (const answer of step.answers) rows.push([step.title, answer]);
  return {
    name: words.roundAnswers,
    header: [words.step, words.answer],
    widths: [24, 50],
    rows
  };
}

/** One row per agreement: step, what, who, by when. */
export function actionRows(snapshot: SessionSnapshot, words: ReportWords): SheetTable {
  return {
    name: words.actions,
    header: [words.step, words.what, words.who, words.when],
    widths: [24, 60, 24, 18],
    rows: snapshot.actions.map((action) => [action.stepTitle, action.what, action.who, action.when])
  };
}
