import type { NoteColour } from '../domain/board.ts';
import { formatDate } from './exportText.ts';
import type { ReportWords } from './reportWords.ts';
import {
  ownBoard,
  type RankedItem,
  type SessionSnapshot,
  type SnapshotGroup,
  type SnapshotSection,
  type StepSnapshot
} from './snapshot.ts';

/*
 * The report once, as a tree of plain blocks: title and facts, the summary (conclusion, top of
 * each vote, chosen cards, agreements), then each step. Markdown, Word and the print view
 * each draw these blocks in their own way, so the three always say the same thing in the
 * same order.
 */

export interface TableColumn {
  readonly title: string;
  /** Share of the table's width (the text column is wide, a number column narrow). */
  readonly weight: number;
  readonly numeric?: boolean;
}

export interface ReportIdea {
  readonly text: string;
  /** Shown after the text: a name, the idea's own dots. */
  readonly extra?: string | undefined;
  readonly colour: NoteColour;
}

export type ReportBlock =
  | {
      readonly kind: 'section';
      /** Stable within the report (for links and labels). */
      readonly id: string;
      readonly title: string;
      readonly level: 2 | 3 | 4;
      readonly blocks: readonly ReportBlock[];
    }
  | { readonly kind: 'facts'; readonly rows: readonly { label: string; value: string }[] }
  | { readonly kind: 'text'; readonly text: string; readonly tone?: 'prompt' | 'muted' }
  | { readonly kind: 'ideas'; readonly items: readonly ReportIdea[] }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | {
      readonly kind: 'table';
      readonly columns: readonly TableColumn[];
      readonly rows: readonly (readonly string[])[];
    }
  /** Four sections (a SWOT's quadrants) shown two by two where the format can. */
  | { readonly kind: 'quadrants'; readonly cells: readonly ReportBlock[] }
  /** The step's board as a picture, where the format has one. */
  | { readonly kind: 'board'; readonly stepId: string; readonly label: string };

export interface ReportOutline {
  readonly title: string;
  readonly blocks: readonly ReportBlock[];
}

const section = (
  id: string,
  title: string,
  level: 2 | 3 | 4,
  blocks: readonly ReportBlock[]
): ReportBlock => ({ kind: 'section', id, title, level, blocks });

function rankingTable(
  rows: readonly RankedItem[],
  words: ReportWords,
  withVoters: boolean
): ReportBlock {
  const columns = rows.some((row) => row.columnTitle);
  return {
    kind: 'table',
    columns: [
      { title: words.rank, weight: 1.4, numeric: true },
      { title: words.item, weight: columns ? 6 : 8 },
      ...(columns ? [{ title: words.column, weight: 2.4 }] : []),
      { title: words.votes, weight: 1.8, numeric: true },
      ...(withVoters ? [{ title: words.people, weight: 1.8, numeric: true }] : [])
    ],
    rows: rows.map((row) => [
      String(row.place),
      row.label,
      ...(columns ? [row.columnTitle ?? '—'] : []),
      String(row.dots),
      ...(withVoters ? [String(row.voters)] : [])
    ])
  };
}

/** A table of things and how often: a wide text column, a narrow number. */
function countTable(
  thing: string,
  count: string,
  rows: readonly (readonly [string, number])[]
): ReportBlock {
  return {
    kind: 'table',
    columns: [
      { title: thing, weight: 8 },
      { title: count, weight: 2, numeric: true }
    ],
    rows: rows.map(([text, number]) => [text, String(number)])
  };
}

export function actionsTable(snapshot: SessionSnapshot, words: ReportWords): ReportBlock {
  if (snapshot.actions.length === 0) return { kind: 'text', text: words.noActions, tone: 'muted' };
  return {
    kind: 'table',
    columns: [
      { title: words.what, weight: 6 },
      { title: words.who, weight: 2.5 },
      { title: words.when, weight: 2.4 }
    ],
    rows: snapshot.actions.map((action) => [action.what, action.who || '—', action.when || '—'])
  };
}

function groupBlocks(
  group: SnapshotGroup,
  stepId: string,
  index: number,
  level: 3 | 4,
  voted: boolean,
  words: ReportWords,
  named: boolean
): ReportBlock[] {
  const ideas: ReportBlock = {
    kind: 'ideas',
    items: group.notes.map((note) => {
      const extra = [
        note.authorName ? words.by(note.authorName) : '',
        voted && group.name === null && note.dots > 0 ? words.dots(note.dots) : ''
      ]
        .filter(Boolean)
        .join(', ');
      return { text: note.text, extra: extra || undefined, colour: note.colour };
    })
  };
  // Ideas that were never grouped need no heading of their own in a brainstorm without groups.
  if (!named) return [ideas];
  const title =
    group.name === null
      ? words.unclustered
      : voted
        ? `${group.name} — ${words.dots(group.dots)}`
        : group.name;
  return [section(`${stepId}-g${index}`, title, level, [ideas])];
}

function sectionBlocks(
  part: SnapshotSection,
  stepId: string,
  index: number,
  voted: boolean,
  clustered: boolean,
  words: ReportWords,
  titled: boolean
): ReportBlock[] {
  const level = titled ? 4 : 3;
  const content: ReportBlock[] =
    part.noteCount === 0
      ? [{ kind: 'text', text: words.noNotes, tone: 'muted' }]
      : part.groups.flatMap((group, g) =>
          groupBlocks(group, `${stepId}-c${index}`, g, level, voted, words, clustered)
        );
  if (!titled) return content;
  const title = part.spread
    ? words.spreadGroups
    : `${part.title ?? ''} (${words.notesCount(part.noteCount)})`;
  return [section(`${stepId}-c${index}`, title, 3, content)];
}

/** A board's columns and groups: one list, sections per column, or a 2×2. */
function boardBlocks(
  step: Extract<StepSnapshot, { kind: 'brainstorm' | 'cluster' }>,
  words: ReportWords
): ReportBlock[] {
  const voted = step.voted;
  const clustered = step.groupCount > 0;
  const titled = step.layout !== 'single';
  const parts = step.sections.map((part, index) =>
    sectionBlocks(part, step.id, index, voted, clustered, words, titled)
  );
  if (step.layout === 'quadrants') return [{ kind: 'quadrants', cells: parts.flat() }];
  return parts.flat();
}

/** One step's blocks (its prompt, then what came out of it); the track report reuses them. */
export function stepBlocks(
  step: StepSnapshot,
  snapshot: SessionSnapshot,
  words: ReportWords
): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  if (step.prompt.trim()) blocks.push({ kind: 'text', text: step.prompt, tone: 'prompt' });
  switch (step.kind) {
    case 'info':
      break;
    case 'brainstorm':
      blocks.push({ kind: 'text', text: words.notesCount(step.noteCount) });
      if (step.noteCount > 0) blocks.push(...boardBlocks(step, words));
      if (step.noteCount > 0 && ownBoard(snapshot, step))
        blocks.push({ kind: 'board', stepId: step.id, label: words.boardOf(step.title) });
      break;
    case 'cluster': {
      const source = snapshot.steps.find((other) => other.id === step.sourceId);
      if (source) {
        // The groups are shown once, with their ideas, in the brainstorm they came from.
        blocks.push({
          kind: 'text',
          text: words.groupsShownAt(step.groupCount, source.number, source.title)
        });
        break;
      }
      blocks.push({ kind: 'text', text: words.clustersOf(step.sourceTitle) });
      if (step.noteCount === 0) blocks.push({ kind: 'text', text: words.noNotes, tone: 'muted' });
      else blocks.push(...boardBlocks(step, words));
      if (step.noteCount > 0)
        blocks.push({ kind: 'board', stepId: step.id, label: words.boardOf(step.title) });
      break;
    }
    case 'vote': {
      blocks.push({
        kind: 'text',
        text: `${words.voteOn(step.sourceTitle)} ${words.voters(step.voters)}`
      });
      const given = step.ranking.filter((row) => row.dots > 0);
      if (given.length > 0) blocks.push(rankingTable(given, words, true));
      const none = step.ranking.length - given.length;
      if (none > 0)
        blocks.push({
          kind: 'text',
          text:
            step.on === 'cluster' ? words.groupsWithoutDots(none) : words.ideasWithoutDots(none),
          tone: 'muted'
        });
      break;
    }
    case 'pick':
      blocks.push({ kind: 'text', text: words.pickers(step.people) });
      if (step.chosen.length > 0)
        blocks.push(
          countTable(
            words.card,
            words.chosenHeader,
            step.chosen.map((pick) => [pick.title, pick.count])
          )
        );
      if (step.unchosen.length > 0)
        blocks.push({ kind: 'text', text: words.notChosen(step.unchosen), tone: 'muted' });
      break;
    case 'round':
      blocks.push({ kind: 'text', text: words.answers(step.answers.length) });
      if (step.answers.length === 0)
        blocks.push({ kind: 'text', text: words.noAnswers, tone: 'muted' });
      else if (step.display === 'cloud')
        blocks.push(
          countTable(
            words.answer,
            words.count,
            step.words.map((word) => [word.word, word.count])
          )
        );
      else blocks.push({ kind: 'list', items: step.answers });
      break;
    case 'actions':
      if (snapshot.summary) blocks.push({ kind: 'text', text: words.actionsAbove, tone: 'muted' });
      else blocks.push(actionsTable(snapshot, words));
      break;
  }
  return blocks;
}

function summaryBlocks(snapshot: SessionSnapshot, words: ReportWords): ReportBlock[] {
  const summary = snapshot.summary;
  if (!summary) return [];
  const blocks: ReportBlock[] = [];
  if (snapshot.conclusion)
    blocks.push(
      section('summary-conclusion', words.conclusion, 3, [
        { kind: 'text', text: snapshot.conclusion }
      ])
    );
  for (const vote of summary.votes) {
    if (vote.top.length === 0) continue;
    blocks.push(
      section(`summary-${vote.stepId}`, words.topOf(vote.title), 3, [
        rankingTable(vote.top, words, false)
      ])
    );
  }
  for (const pick of summary.picks) {
    if (pick.chosen.length === 0) continue;
    blocks.push(
      section(`summary-${pick.stepId}`, words.chosenIn(pick.title), 3, [
        {
          kind: 'list',
          items: pick.chosen.map((card) => `${card.title} — ${words.chosen(card.count)}`)
        }
      ])
    );
  }
  blocks.push(section('summary-actions', words.actions, 3, [actionsTable(snapshot, words)]));
  return [section('summary', words.summary, 2, blocks)];
}

/** The report's blocks, in the session's language. */
export function reportOutline(snapshot: SessionSnapshot, words: ReportWords): ReportOutline {
  const facts = [
    { label: words.date, value: formatDate(snapshot.date, words.locale) },
    { label: words.script, value: snapshot.scriptTitle || '—' },
    { label: words.participants, value: String(snapshot.participants) },
    ...(snapshot.partners ? [{ label: words.partners, value: snapshot.partners }] : [])
  ];
  const blocks: ReportBlock[] = [{ kind: 'facts', rows: facts }];
  if (snapshot.anonymised) blocks.push({ kind: 'text', text: words.anonymised, tone: 'muted' });
  if (!snapshot.summary && snapshot.conclusion)
    blocks.push(
      section('conclusion', words.conclusion, 2, [{ kind: 'text', text: snapshot.conclusion }])
    );
  blocks.push(...summaryBlocks(snapshot, words));
  if (snapshot.steps.length === 0) blocks.push({ kind: 'text', text: words.noSteps });
  for (const step of snapshot.steps)
    blocks.push(
      section(
        `step-${step.id}`,
        `${step.number}. ${step.title}`,
        2,
        stepBlocks(step, snapshot, words)
      )
    );
  return { title: snapshot.title, blocks };
}
