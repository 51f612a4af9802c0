import type { Note, NoteColour } from '../domain/board.ts';
import type { Locale } from '../domain/locale.ts';
import { wordCloud, type CloudWord } from '../domain/rounds.ts';
import type { SessionView } from '../model/view.ts';
import type { Script } from '../scripts/schema.ts';

/*
 * A session as plain data for the exports: everything a report, spreadsheet or board image
 * shows, taken from the session model's view (model/view.ts), so an export counts exactly
 * what the screens count. It holds no author ids, so no format built from it can leak one;
 * names only where the participant chose to show one in a named step.
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
  /** The most people who wrote, voted, picked or answered in one step. */
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

/** Reads the whole session from the model's view into plain data for the exports. */
export function sessionSnapshot(
  view: SessionView,
  source: SnapshotSource,
  options: SnapshotOptions = {}
): SessionSnapshot {
  const locale = source.locale;
  const anonymise = options.anonymise === true;
  const script = view.script ?? source.script;
  const steps = script?.steps ?? [];
  const stepById = new Map(steps.map((step) => [step.id, step]));
  const titleOf = (stepId: string): string => stepById.get(stepId)?.title[locale] ?? stepId;
  const clusterNames = new Map(
    steps.flatMap((step) => view.clustersOf(step.id).map((c) => [c.id, c.name] as const))
  );

  // Dots per note, from every vote step on the note's brainstorm.
  const votesPerNote = new Map<string, number>();
  for (const step of steps) {
    if (step.activity.type !== 'vote') continue;
    const items = view.voteItemsOf(step);
    const dots = new Map(view.tallyOf(step).map((row) => [row.itemId, row.dots]));
    for (const note of view.notesOf(step.activity.source)) {
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
    if (step.activity.type !== 'brainstorm') continue;
    columnTitles.set(step.id, new Map(view.columnsOf(step).map((c) => [c.id, c.title])));
  }

  const exported = new Map<string, SnapshotNote>();
  for (const step of steps)
    for (const note of view.notesOf(step.id)) exported.set(note.id, exportNote(note));

  function exportNote(note: Note): SnapshotNote {
    return {
      stepId: note.step,
      columnId: note.column,
      columnTitle: columnTitles.get(note.step)?.get(note.column) ?? note.column,
      clusterName: note.cluster ? clusterNames.get(note.cluster) : undefined,
      text: note.text,
      colour: note.colour,
      votes: votesPerNote.get(note.id) ?? 0,
      created: note.created,
      authorName: anonymise ? undefined : note.authorName
    };
  }

  function groupsOf(stepId: string): SnapshotGroup[] {
    return view
      .groupsOf(stepId)
      .filter((group) => group.cluster !== null || group.notes.length > 0)
      .map((group) => ({
        name: group.cluster?.name ?? null,
        notes: group.notes.map((note) => exported.get(note.id) as SnapshotNote)
      }));
  }

  const actions: SnapshotAction[] = view.actionsOf().map((action) => ({
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
        const own = view.notesOf(step.id);
        return {
          ...base,
          kind: 'brainstorm',
          anonymous: activity.anonymous,
          columns: view.columnsOf(step).map((column) => ({
            id: column.id,
            title: column.title,
            notes: own
              .filter((note) => note.column === column.id)
              .map((note) => exported.get(note.id) as SnapshotNote)
          })),
          groups: groupsOf(step.id),
          clustered: view.clustersOf(step.id).length > 0,
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
        const items = view.voteItemsOf(step);
        const labels = new Map(items.map((item) => [item.id, item.label]));
        return {
          ...base,
          kind: 'vote',
          sourceTitle: titleOf(activity.source),
          on: items.some((item) => item.kind === 'cluster') ? 'cluster' : 'note',
          ranking: view.tallyOf(step).map((row) => ({
            label: labels.get(row.itemId) ?? '',
            dots: row.dots,
            voters: row.voters
          })),
          voters: view.voterCount(step)
        };
      }
      case 'pick': {
        const titles = new Map(view.cardsOf(step).map((card) => [card.id, card.title[locale]]));
        return {
          ...base,
          kind: 'pick',
          picks: view.pickCounts(step).map((row) => ({
            title: titles.get(row.cardId) ?? row.cardId,
            count: row.count
          })),
          people: view.contributorsOf(step.id)
        };
      }
      case 'round': {
        // Sorted, so the order says nothing about who answered.
        const answers = [...view.answersOf(step)].sort((a, b) => a.localeCompare(b, locale));
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
    title: view.title ?? source.title,
    date: source.createdAt,
    locale,
    scriptTitle: script?.title[locale] ?? '',
    // Entries carry a new pseudonym in every step, so nothing links one person's steps: the
    // most people in any one step is what can be counted.
    participants: Math.max(0, ...steps.map((step) => view.contributorsOf(step.id))),
    steps: stepSnapshots,
    actions,
    anonymised: anonymise
  };
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
