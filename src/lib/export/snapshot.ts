import type * as Y from 'yjs';
import { compareNotes, type Column, type Note, type NoteColour } from '../domain/board.ts';
import { groupByCluster, voteItems } from '../domain/clusters.ts';
import type { Locale } from '../domain/locale.ts';
import { countPicks, validPicks } from '../domain/picks.ts';
import { defaultRoundLength, wordCloud, type CloudWord } from '../domain/rounds.ts';
import { characterCount } from '../domain/text.ts';
import { tally, validBallot } from '../domain/votes.ts';
import { cardsOf } from '../scripts/cards.ts';
import type { Script, Step } from '../scripts/schema.ts';
import { brainstormColumns } from '../scripts/stepColumns.ts';
import { readNotes } from '../sync/boardDoc.ts';
import {
  readActions,
  readClusters,
  readPersonal,
  readScript,
  readTitle,
  splitPersonalKey
} from '../sync/sessionDoc.ts';

/*
 * A session as plain data for the exports: everything a report, spreadsheet or board image
 * shows, read once from the doc with the same domain rules the screens use (tallies, picks,
 * clusters, word clouds). It holds no author ids or device tokens, so no format built from
 * it can leak one; names only where the participant chose to show one in a named step.
 */

/** One note as exported. */
export interface SnapshotNote {
  readonly stepId: string;
  readonly columnId: string;
  /** The column's title, or its id when the script no longer has that column. */
  readonly columnTitle: string;
  readonly clusterName?: string | undefined;
  readonly text: string;
  readonly colour: NoteColour;
  /**
   * Dots from the votes on this brainstorm: the note's own when the group voted on notes,
   * its cluster's when it voted on clusters (so every note of a cluster shows the cluster's
   * dots, and a column of these does not add up to the dots given).
   */
  readonly votes: number;
  /** Advisory: the author's clock. */
  readonly created: number;
  /** Only when the participant chose to show it, the step was not anonymous, and the export is not anonymised. */
  readonly authorName?: string | undefined;
}

export interface SnapshotColumn {
  readonly id: string;
  readonly title: string;
  readonly notes: readonly SnapshotNote[];
}

export interface SnapshotGroup {
  /** Null for the notes in no cluster. */
  readonly name: string | null;
  readonly notes: readonly SnapshotNote[];
}

export interface RankedItem {
  readonly label: string;
  readonly dots: number;
  readonly voters: number;
}

export interface PickedCard {
  readonly title: string;
  readonly count: number;
}

export interface SnapshotAction {
  readonly stepId: string;
  readonly stepTitle: string;
  readonly what: string;
  readonly who: string;
  readonly when: string;
}

interface StepBase {
  readonly id: string;
  /** 1-based position in the script. */
  readonly number: number;
  readonly title: string;
  readonly prompt: string;
}

export type StepSnapshot = StepBase &
  (
    | { readonly kind: 'info' }
    | {
        readonly kind: 'brainstorm';
        readonly anonymous: boolean;
        readonly columns: readonly SnapshotColumn[];
        /** Clusters in order, then the unclustered notes (only when there are any). */
        readonly groups: readonly SnapshotGroup[];
        readonly clustered: boolean;
        readonly noteCount: number;
      }
    | {
        readonly kind: 'cluster';
        readonly sourceTitle: string;
        readonly groups: readonly SnapshotGroup[];
      }
    | {
        readonly kind: 'vote';
        readonly sourceTitle: string;
        readonly on: 'cluster' | 'note';
        readonly ranking: readonly RankedItem[];
        /** People who put at least one dot. */
        readonly voters: number;
      }
    | {
        readonly kind: 'pick';
        readonly picks: readonly PickedCard[];
        /** People who picked at least one card. */
        readonly people: number;
      }
    | {
        readonly kind: 'round';
        readonly display: 'list' | 'cloud';
        /** Sorted alphabetically, so the order says nothing about who answered. */
        readonly answers: readonly string[];
        readonly words: readonly CloudWord[];
      }
    | { readonly kind: 'actions'; readonly actions: readonly SnapshotAction[] }
  );

export interface SessionSnapshot {
  readonly title: string;
  /** When the session was made (milliseconds since the epoch). */
  readonly date: number;
  readonly locale: Locale;
  readonly scriptTitle: string;
  /** Distinct people who wrote a note, voted, picked or answered. */
  readonly participants: number;
  readonly steps: readonly StepSnapshot[];
  readonly actions: readonly SnapshotAction[];
  readonly anonymised: boolean;
}

/** What the device's library knows about the session (the doc may hold newer title and script). */
export interface SnapshotSource {
  readonly title: string;
  readonly createdAt: number;
  readonly locale: Locale;
  readonly script?: Script | undefined;
}

export interface SnapshotOptions {
  /** Drop every name, also where participants chose to show one. */
  readonly anonymise?: boolean;
}

/** The columns of a brainstorm step, as the projector shows them (from a pick when the script says so). */
export function stepColumns(
  doc: Y.Doc,
  script: Script,
  step: Step,
  locale: Locale
): readonly Column[] {
  return brainstormColumns(script, step, locale, (pickStep) =>
    pickStep.activity.type === 'pick'
      ? countPicks(
          readPersonal(doc, 'picks', pickStep.id).values(),
          cardsOf(pickStep.activity.cards).map((card) => card.id),
          pickStep.activity.max
        )
      : []
  );
}

/** Reads the whole session from its doc into plain data for the exports. */
export function sessionSnapshot(
  doc: Y.Doc,
  source: SnapshotSource,
  options: SnapshotOptions = {}
): SessionSnapshot {
  const locale = source.locale;
  const anonymise = options.anonymise === true;
  const script = readScript(doc) ?? source.script;
  const steps = script?.steps ?? [];
  const stepById = new Map(steps.map((step) => [step.id, step]));
  const titleOf = (stepId: string): string => stepById.get(stepId)?.title[locale] ?? stepId;
  const notes = [...readNotes(doc).values()].sort(compareNotes);
  const clusters = readClusters(doc);
  const clusterNames = new Map(clusters.map((cluster) => [cluster.id, cluster.name]));

  // Dots per note, from every vote step on the note's brainstorm.
  const votesPerNote = new Map<string, number>();
  for (const step of steps) {
    if (step.activity.type !== 'vote') continue;
    const source = step.activity.source;
    const items = voteItems(notes, clusters, source);
    const rows = tally(
      readPersonal(doc, 'ballots', step.id).values(),
      step.activity,
      items.map((item) => item.id)
    );
    const dots = new Map(rows.map((row) => [row.itemId, row.dots]));
    for (const note of notes) {
      if (note.step !== source) continue;
      const own = items.some((item) => item.kind === 'note')
        ? (dots.get(note.id) ?? 0)
        : note.cluster
          ? (dots.get(note.cluster) ?? 0)
          : 0;
      votesPerNote.set(note.id, (votesPerNote.get(note.id) ?? 0) + own);
    }
  }

  const columnTitles = new Map<string, Map<string, string>>();
  for (const step of steps) {
    if (!script || step.activity.type !== 'brainstorm') continue;
    columnTitles.set(
      step.id,
      new Map(stepColumns(doc, script, step, locale).map((c) => [c.id, c.title]))
    );
  }

  const exported = new Map<string, SnapshotNote>();
  for (const note of notes) exported.set(note.id, exportNote(note));

  function exportNote(note: Note): SnapshotNote {
    const step = stepById.get(note.step);
    const named = !anonymise && step?.activity.type === 'brainstorm' && !step.activity.anonymous;
    return {
      stepId: note.step,
      columnId: note.column,
      columnTitle: columnTitles.get(note.step)?.get(note.column) ?? note.column,
      clusterName: note.cluster ? clusterNames.get(note.cluster) : undefined,
      text: note.text,
      colour: note.colour,
      votes: votesPerNote.get(note.id) ?? 0,
      created: note.created,
      authorName: named ? note.authorName : undefined
    };
  }

  function groupsOf(stepId: string): SnapshotGroup[] {
    return groupByCluster(notes, clusters, stepId)
      .filter((group) => group.cluster !== null || group.notes.length > 0)
      .map((group) => ({
        name: group.cluster?.name ?? null,
        notes: group.notes.map((note) => exported.get(note.id) as SnapshotNote)
      }));
  }

  const actions: SnapshotAction[] = readActions(doc).map((action) => ({
    stepId: action.stepId,
    stepTitle: titleOf(action.stepId),
    what: action.what,
    who: action.who,
    when: action.when
  }));

  const stepSnapshots = steps.map((step, index): StepSnapshot => {
    const base: StepBase = {
      id: step.id,
      number: index + 1,
      title: step.title[locale],
      prompt: step.prompt[locale]
    };
    const activity = step.activity;
    switch (activity.type) {
      case 'info':
        return { ...base, kind: 'info' };
      case 'brainstorm': {
        const own = notes.filter((note) => note.step === step.id);
        const columns = script ? stepColumns(doc, script, step, locale) : [];
        return {
          ...base,
          kind: 'brainstorm',
          anonymous: activity.anonymous,
          columns: columns.map((column) => ({
            id: column.id,
            title: column.title,
            notes: own
              .filter((note) => note.column === column.id)
              .map((note) => exported.get(note.id) as SnapshotNote)
          })),
          groups: groupsOf(step.id),
          clustered: clusters.some((cluster) => cluster.stepId === step.id),
          noteCount: own.length
        };
      }
      case 'cluster':
        return {
          ...base,
          kind: 'cluster',
          sourceTitle: titleOf(activity.source),
          groups: groupsOf(activity.source)
        };
      case 'vote': {
        const items = voteItems(notes, clusters, activity.source);
        const ids = items.map((item) => item.id);
        const ballots = [...readPersonal(doc, 'ballots', step.id).values()];
        const labels = new Map(items.map((item) => [item.id, item.label]));
        return {
          ...base,
          kind: 'vote',
          sourceTitle: titleOf(activity.source),
          on: items.some((item) => item.kind === 'cluster') ? 'cluster' : 'note',
          ranking: tally(ballots, activity, ids).map((row) => ({
            label: labels.get(row.itemId) ?? '',
            dots: row.dots,
            voters: row.voters
          })),
          voters: ballots.filter(
            (ballot) => Object.keys(validBallot(ballot, activity, ids)).length > 0
          ).length
        };
      }
      case 'pick': {
        const cards = cardsOf(activity.cards);
        const ids = cards.map((card) => card.id);
        const selections = [...readPersonal(doc, 'picks', step.id).values()];
        const titles = new Map(cards.map((card) => [card.id, card.title[locale]]));
        return {
          ...base,
          kind: 'pick',
          picks: countPicks(selections, ids, activity.max).map((row) => ({
            title: titles.get(row.cardId) ?? row.cardId,
            count: row.count
          })),
          people: selections.filter((raw) => validPicks(raw, ids, activity.max).length > 0).length
        };
      }
      case 'round': {
        const max = activity.maxLength ?? defaultRoundLength;
        const answers = [...readPersonal(doc, 'answers', step.id).values()]
          .filter(
            (value): value is string =>
              typeof value === 'string' && value.trim() !== '' && characterCount(value) <= max
          )
          .sort((a, b) => a.localeCompare(b, locale));
        return {
          ...base,
          kind: 'round',
          display: activity.display,
          answers,
          words: wordCloud(answers, locale)
        };
      }
      case 'actions':
        return {
          ...base,
          kind: 'actions',
          actions: actions.filter((action) => action.stepId === step.id)
        };
    }
  });

  return {
    title: readTitle(doc) ?? source.title,
    date: source.createdAt,
    locale,
    scriptTitle: script?.title[locale] ?? '',
    participants: countContributors(doc, notes),
    steps: stepSnapshots,
    actions,
    anonymised: anonymise
  };
}

/** Everyone who left something in the doc: notes, ballots, picks or answers. */
function countContributors(doc: Y.Doc, notes: readonly Note[]): number {
  const authors = new Set(notes.map((note) => note.author));
  for (const root of ['ballots', 'picks', 'answers'] as const) {
    doc.getMap<unknown>(root).forEach((_value, key) => {
      const parts = splitPersonalKey(key);
      if (parts) authors.add(parts.author);
    });
  }
  return authors.size;
}

/** The snapshot narrowed to one step (its actions only), or the whole session without a step id. */
export function selectStep(snapshot: SessionSnapshot, stepId: string | undefined): SessionSnapshot {
  if (!stepId) return snapshot;
  return {
    ...snapshot,
    steps: snapshot.steps.filter((step) => step.id === stepId),
    actions: snapshot.actions.filter((action) => action.stepId === stepId)
  };
}

/** Steps that have a board to draw: brainstorms (columns) and cluster steps (groups). */
export function hasBoard(step: StepSnapshot): boolean {
  return step.kind === 'brainstorm' || step.kind === 'cluster';
}
