import { compareNotes, type Column, type Note, type NoteColour } from '../domain/board.ts';
import { clusterColumn, groupByCluster, voteItems, type VoteItem } from '../domain/clusters.ts';
import type { Locale } from '../domain/locale.ts';
import { countPicks, validPicks } from '../domain/picks.ts';
import { defaultRoundLength, wordCloud, type CloudWord } from '../domain/rounds.ts';
import type { ReportExtras } from '../domain/session.ts';
import { characterCount } from '../domain/text.ts';
import { tally, validBallot } from '../domain/votes.ts';
import { cardsOf } from '../scripts/cards.ts';
import type { Script, Step } from '../scripts/schema.ts';
import { brainstormColumns } from '../scripts/stepColumns.ts';
import { entriesOf, type SessionData } from './sessionData.ts';

/*
 * A session as the exports show it, computed from plain session data with the same domain
 * rules the screens use (tallies, picks, clusters, word clouds). It holds no author ids or
 * device tokens, so no format built from it can leak one; names only where the participant
 * chose to show one in a named step.
 *
 * The shape follows what a coordinator reads: outcomes first (`summary`), then each step. A
 * brainstorm is split into its columns (a SWOT's quadrants), each column into its groups,
 * best-voted first, each group once with its ideas under it. Dots are counted where they
 * were given: an idea's own dots and its group's dots are separate numbers.
 */

/** One idea as exported. */
export interface SnapshotNote {
  readonly stepId: string;
  readonly columnId: string;
  /** The column's title, or its id when the script no longer has that column. */
  readonly columnTitle: string;
  readonly groupName?: string | undefined;
  readonly text: string;
  readonly colour: NoteColour;
  /** Dots given to this idea itself (in votes on ideas). */
  readonly dots: number;
  /** Dots given to its group (in votes on groups); 0 outside a group. */
  readonly groupDots: number;
  /** Advisory: the author's clock. */
  readonly created: number;
  /** Only when the participant chose to show it, the step was not anonymous, and the export is not anonymised. */
  readonly authorName?: string | undefined;
}

export interface SnapshotGroup {
  /** Null for the ideas in no group. */
  readonly name: string | null;
  /** Dots given to the group (0 for the ideas in no group). */
  readonly dots: number;
  readonly notes: readonly SnapshotNote[];
}

/** A column of a brainstorm (or the whole brainstorm when it has one column) with its groups. */
export interface SnapshotSection {
  /** Null for groups spread over several columns (and a brainstorm without columns). */
  readonly columnId: string | null;
  /** The column's title; null where `columnId` is. */
  readonly title: string | null;
  /** Groups that took ideas from several columns (made before groups kept to one). */
  readonly spread: boolean;
  /** Named groups (most dots first when voted on, else in board order), then the ideas in none. */
  readonly groups: readonly SnapshotGroup[];
  readonly noteCount: number;
}

/** How a brainstorm's columns are laid out: one list, side by side, or a 2×2 (a SWOT). */
export type SectionLayout = 'single' | 'columns' | 'quadrants';

export interface RankedItem {
  readonly label: string;
  readonly kind: 'cluster' | 'note';
  /** The column (quadrant) of the idea or group, when its brainstorm has several. */
  readonly columnTitle?: string | undefined;
  readonly dots: number;
  readonly voters: number;
  /** 1-based; items with the same dots share a place ("1, 1, 3"). */
  readonly place: number;
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

interface BoardParts {
  readonly layout: SectionLayout;
  /** Whether a vote counted dots on this brainstorm (so dots are worth showing). */
  readonly voted: boolean;
  readonly sections: readonly SnapshotSection[];
  /** Named groups in all sections. */
  readonly groupCount: number;
  readonly noteCount: number;
}

export type BrainstormSnapshot = StepBase &
  BoardParts & {
    readonly kind: 'brainstorm';
    readonly anonymous: boolean;
    readonly clustered: boolean;
  };

export type ClusterSnapshot = StepBase &
  BoardParts & {
    readonly kind: 'cluster';
    readonly sourceId: string;
    readonly sourceTitle: string;
  };

export type VoteSnapshot = StepBase & {
  readonly kind: 'vote';
  readonly sourceId: string;
  readonly sourceTitle: string;
  readonly on: 'cluster' | 'note';
  /** Every item, most dots first; ties share a place. */
  readonly ranking: readonly RankedItem[];
  /** People who put at least one dot. */
  readonly voters: number;
};

export type PickSnapshot = StepBase & {
  readonly kind: 'pick';
  /** Cards chosen at least once, most chosen first. */
  readonly chosen: readonly PickedCard[];
  /** Titles of the cards nobody chose, in the deck's order. */
  readonly unchosen: readonly string[];
  /** People who picked at least one card. */
  readonly people: number;
};

export type StepSnapshot = StepBase &
  (
    | { readonly kind: 'info' }
    | Omit<BrainstormSnapshot, keyof StepBase>
    | Omit<ClusterSnapshot, keyof StepBase>
    | Omit<VoteSnapshot, keyof StepBase>
    | Omit<PickSnapshot, keyof StepBase>
    | {
        readonly kind: 'round';
        readonly display: 'list' | 'cloud';
        /** Sorted alphabetically, so the order says nothing about who answered. */
        readonly answers: readonly string[];
        readonly words: readonly CloudWord[];
      }
    | { readonly kind: 'actions'; readonly actions: readonly SnapshotAction[] }
  );

/** The outcomes a report opens with. */
export interface SessionSummary {
  /** Per vote: the items in the top places that got dots (a tie at the last place is kept whole). */
  readonly votes: readonly {
    readonly stepId: string;
    readonly title: string;
    readonly sourceTitle: string;
    readonly top: readonly RankedItem[];
  }[];
  /** Per pick: the cards chosen at least once. */
  readonly picks: readonly {
    readonly stepId: string;
    readonly title: string;
    readonly chosen: readonly PickedCard[];
  }[];
}

export interface SessionSnapshot {
  readonly title: string;
  /** When the session was made (milliseconds since the epoch). */
  readonly date: number;
  readonly locale: Locale;
  readonly scriptTitle: string;
  /** Distinct people who wrote an idea, voted, picked or answered. */
  readonly participants: number;
  /** Who took part (organisations), as the facilitator typed it; may be empty. */
  readonly partners: string;
  /** The facilitator's short conclusion; may be empty. */
  readonly conclusion: string;
  /** Outcomes of the whole session; absent when the export is of one step. */
  readonly summary: SessionSummary | undefined;
  readonly steps: readonly StepSnapshot[];
  readonly actions: readonly SnapshotAction[];
  readonly anonymised: boolean;
}

export interface SnapshotOptions {
  /** Drop every name, also where participants chose to show one. */
  readonly anonymise?: boolean;
  /** The facilitator's additions for the report (kept on the device, not in the doc). */
  readonly extras?: ReportExtras | undefined;
}

/** How many places the summary shows per vote. */
export const summaryPlaces = 5;

/** The columns of a brainstorm step, as the projector shows them (from a pick when the script says so). */
export function stepColumns(
  data: SessionData,
  script: Script,
  step: Step,
  locale: Locale
): readonly Column[] {
  return brainstormColumns(script, step, locale, (pickStep) =>
    pickStep.activity.type === 'pick'
      ? countPicks(
          entriesOf(data.picks, pickStep.id),
          cardsOf(pickStep.activity.cards).map((card) => card.id),
          pickStep.activity.max
        )
      : []
  );
}

/** Competition places: 1 + the number of items with more dots. */
function withPlaces<T extends { readonly dots: number }>(
  rows: readonly T[]
): (T & { place: number })[] {
  return rows.map((row) => ({
    ...row,
    place: 1 + rows.filter((other) => other.dots > row.dots).length
  }));
}

/** The session as the exports show it, from plain session data. */
export function snapshotOf(data: SessionData, options: SnapshotOptions = {}): SessionSnapshot {
  const locale = data.locale;
  const anonymise = options.anonymise === true;
  const script = data.script;
  const steps = script?.steps ?? [];
  const stepById = new Map(steps.map((step) => [step.id, step]));
  const titleOf = (stepId: string): string => stepById.get(stepId)?.title[locale] ?? stepId;
  const notes = [...data.notes].sort(compareNotes);
  const clusters = data.clusters;
  const clusterNames = new Map(clusters.map((cluster) => [cluster.id, cluster.name]));

  const columnsOf = new Map<string, readonly Column[]>();
  for (const step of steps)
    if (script && step.activity.type === 'brainstorm')
      columnsOf.set(step.id, stepColumns(data, script, step, locale));
  const columnTitle = (stepId: string, column: string | undefined): string | undefined =>
    column === undefined
      ? undefined
      : (columnsOf.get(stepId)?.find((c) => c.id === column)?.title ?? column);

  // Dots per idea and per group, from every vote step on their brainstorm.
  const noteDots = new Map<string, number>();
  const groupDots = new Map<string, number>();
  const votedOn = new Set<string>();
  const tallies = new Map<string, { items: VoteItem[]; rows: ReturnType<typeof tally> }>();
  for (const step of steps) {
    if (step.activity.type !== 'vote') continue;
    const items = voteItems(notes, clusters, step.activity.source);
    const rows = tally(
      entriesOf(data.ballots, step.id),
      step.activity,
      items.map((item) => item.id)
    );
    tallies.set(step.id, { items, rows });
    votedOn.add(step.activity.source);
    const kinds = new Map(items.map((item) => [item.id, item.kind]));
    for (const row of rows) {
      const target = kinds.get(row.itemId) === 'note' ? noteDots : groupDots;
      target.set(row.itemId, (target.get(row.itemId) ?? 0) + row.dots);
    }
  }

  const exported = new Map<string, SnapshotNote>();
  for (const note of notes) exported.set(note.id, exportNote(note));

  function exportNote(note: Note): SnapshotNote {
    const step = stepById.get(note.step);
    const named = !anonymise && step?.activity.type === 'brainstorm' && !step.activity.anonymous;
    const group = note.cluster ? clusterNames.get(note.cluster) : undefined;
    return {
      stepId: note.step,
      columnId: note.column,
      columnTitle: columnTitle(note.step, note.column) ?? note.column,
      groupName: group,
      text: note.text,
      colour: note.colour,
      dots: noteDots.get(note.id) ?? 0,
      groupDots: group !== undefined && note.cluster ? (groupDots.get(note.cluster) ?? 0) : 0,
      created: note.created,
      authorName: named ? note.authorName : undefined
    };
  }

  const boards = new Map<string, BoardParts>();
  function boardOf(stepId: string): BoardParts {
    const known = boards.get(stepId);
    if (known) return known;
    const board = buildBoard(stepId);
    boards.set(stepId, board);
    return board;
  }

  function buildBoard(stepId: string): BoardParts {
    const voted = votedOn.has(stepId);
    const byDots = (a: { dots: number }, b: { dots: number }): number =>
      voted ? b.dots - a.dots : 0;
    const all = groupByCluster(notes, clusters, stepId);
    const named = all.filter((group) => group.cluster !== null);
    const loose = all.find((group) => group.cluster === null)?.notes ?? [];
    const toGroup = (name: string | null, dots: number, own: readonly Note[]): SnapshotGroup => ({
      name,
      dots,
      notes: own.map((note) => exported.get(note.id) as SnapshotNote).sort(byDots)
    });
    const groups = named
      .map((group) => ({
        column: clusterColumn(group),
        group: toGroup(
          group.cluster?.name ?? '',
          groupDots.get(group.cluster?.id ?? '') ?? 0,
          group.notes
        )
      }))
      .sort((a, b) => byDots(a.group, b.group));
    const section = (
      columnId: string | null,
      title: string | null,
      own: readonly SnapshotGroup[],
      rest: readonly Note[],
      spread = false
    ): SnapshotSection => {
      const all = rest.length > 0 ? [...own, toGroup(null, 0, rest)] : [...own];
      return {
        columnId,
        title,
        spread,
        groups: all,
        noteCount: all.reduce((sum, group) => sum + group.notes.length, 0)
      };
    };

    const columns = columnsOf.get(stepId) ?? [];
    const stepNotes = notes.filter((note) => note.step === stepId);
    let sections: SnapshotSection[];
    if (columns.length <= 1) {
      sections = [
        section(
          columns[0]?.id ?? null,
          columns[0]?.title ?? null,
          groups.map((g) => g.group),
          loose
        )
      ];
    } else {
      // Columns the script no longer has keep their ideas, after the known ones.
      const ids = [
        ...columns.map((c) => c.id),
        ...new Set(stepNotes.map((n) => n.column).filter((id) => !columns.some((c) => c.id === id)))
      ];
      sections = ids.map((id) =>
        section(
          id,
          columnTitle(stepId, id) ?? id,
          groups.filter((g) => g.column === id).map((g) => g.group),
          loose.filter((note) => note.column === id)
        )
      );
      const spread = groups.filter((g) => g.column === undefined || !ids.includes(g.column));
      if (spread.length > 0)
        sections.push(
          section(
            null,
            null,
            spread.map((g) => g.group),
            [],
            true
          )
        );
    }
    const fixed = sections.filter((s) => s.columnId !== null).length;
    return {
      voted,
      layout:
        columns.length <= 1
          ? 'single'
          : fixed === 4 && sections.length === 4
            ? 'quadrants'
            : 'columns',
      sections,
      groupCount: named.length,
      noteCount: stepNotes.length
    };
  }

  const actions: SnapshotAction[] = data.actions.map((action) => ({
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
      case 'brainstorm':
        return {
          ...base,
          ...boardOf(step.id),
          kind: 'brainstorm',
          anonymous: activity.anonymous,
          clustered: clusters.some((cluster) => cluster.stepId === step.id)
        };
      case 'cluster':
        return {
          ...base,
          ...boardOf(activity.source),
          kind: 'cluster',
          sourceId: activity.source,
          sourceTitle: titleOf(activity.source)
        };
      case 'vote': {
        const { items, rows } = tallies.get(step.id) ?? { items: [], rows: [] };
        const ids = items.map((item) => item.id);
        const byId = new Map(items.map((item) => [item.id, item]));
        return {
          ...base,
          kind: 'vote',
          sourceId: activity.source,
          sourceTitle: titleOf(activity.source),
          on: items.some((item) => item.kind === 'cluster') ? 'cluster' : 'note',
          ranking: withPlaces(
            rows.map((row) => {
              const item = byId.get(row.itemId);
              return {
                label: item?.label ?? '',
                kind: item?.kind ?? 'note',
                columnTitle:
                  (columnsOf.get(activity.source)?.length ?? 0) > 1
                    ? columnTitle(activity.source, item?.column)
                    : undefined,
                dots: row.dots,
                voters: row.voters
              };
            })
          ),
          voters: entriesOf(data.ballots, step.id).filter(
            (ballot) => Object.keys(validBallot(ballot, activity, ids)).length > 0
          ).length
        };
      }
      case 'pick': {
        const cards = cardsOf(activity.cards);
        const ids = cards.map((card) => card.id);
        const selections = entriesOf(data.picks, step.id);
        const titles = new Map(cards.map((card) => [card.id, card.title[locale]]));
        const counts = countPicks(selections, ids, activity.max);
        return {
          ...base,
          kind: 'pick',
          chosen: counts
            .filter((row) => row.count > 0)
            .map((row) => ({ title: titles.get(row.cardId) ?? row.cardId, count: row.count })),
          unchosen: cards
            .filter((card) => !counts.some((row) => row.cardId === card.id && row.count > 0))
            .map((card) => card.title[locale]),
          people: selections.filter((raw) => validPicks(raw, ids, activity.max).length > 0).length
        };
      }
      case 'round': {
        const max = activity.maxLength ?? defaultRoundLength;
        const answers = entriesOf(data.answers, step.id)
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
    title: data.title,
    date: data.createdAt,
    locale,
    scriptTitle: script?.title[locale] ?? '',
    participants: countContributors(data),
    partners: options.extras?.partners ?? '',
    conclusion: options.extras?.conclusion ?? '',
    summary: summaryOf(stepSnapshots),
    steps: stepSnapshots,
    actions,
    anonymised: anonymise
  };
}

function summaryOf(steps: readonly StepSnapshot[]): SessionSummary {
  const votes: SessionSummary['votes'][number][] = [];
  const picks: SessionSummary['picks'][number][] = [];
  for (const step of steps) {
    if (step.kind === 'vote')
      votes.push({
        stepId: step.id,
        title: step.title,
        sourceTitle: step.sourceTitle,
        top: step.ranking.filter((row) => row.dots > 0 && row.place <= summaryPlaces)
      });
    if (step.kind === 'pick')
      picks.push({ stepId: step.id, title: step.title, chosen: step.chosen });
  }
  return { votes, picks };
}

/** Everyone who left something: ideas, ballots, picks or answers. */
function countContributors(data: SessionData): number {
  const authors = new Set(data.notes.map((note) => note.author));
  for (const entry of [...data.ballots, ...data.picks, ...data.answers]) authors.add(entry.author);
  return authors.size;
}

/** The snapshot narrowed to one step (its agreements only, no summary), or the whole session without a step id. */
export function selectStep(snapshot: SessionSnapshot, stepId: string | undefined): SessionSnapshot {
  if (!stepId) return snapshot;
  return {
    ...snapshot,
    summary: undefined,
    steps: snapshot.steps.filter((step) => step.id === stepId),
    actions: snapshot.actions.filter((action) => action.stepId === stepId)
  };
}

/** Steps that have a board to draw: brainstorms (columns) and cluster steps (groups). */
export function hasBoard(
  step: StepSnapshot
): step is Extract<StepSnapshot, { kind: 'brainstorm' | 'cluster' }> {
  return step.kind === 'brainstorm' || step.kind === 'cluster';
}

/**
 * Whether a step's board is drawn as its own picture: a cluster step shows its brainstorm's
 * board again, so it gets one only when that brainstorm is not in the same export.
 */
export function ownBoard(snapshot: SessionSnapshot, step: StepSnapshot): boolean {
  if (step.kind === 'brainstorm') return true;
  if (step.kind === 'cluster') return !snapshot.steps.some((other) => other.id === step.sourceId);
  return false;
}
