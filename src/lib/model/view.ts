import type { Action } from '../domain/actions.ts';
import { actionLimits } from '../domain/actions.ts';
import {
  columnColour,
  compareNotes,
  maxNoteLength,
  type Column,
  type Note
} from '../domain/board.ts';
import {
  groupByCluster,
  maxClusterNameLength,
  voteItems,
  type Cluster,
  type ClusterGroup,
  type VoteItem
} from '../domain/clusters.ts';
import type { Locale } from '../domain/locale.ts';
import { maxNameLength } from '../domain/participant.ts';
import { countPicks, validPicks, type PickCount } from '../domain/picks.ts';
import { checkAnswer, defaultRoundLength } from '../domain/rounds.ts';
import { characterCount, stripInvisible } from '../domain/text.ts';
import { tally, validBallot, type Ballot, type TallyRow } from '../domain/votes.ts';
import { cardsOf } from '../scripts/cards.ts';
import type { Card, Script, Step } from '../scripts/schema.ts';
import { brainstormColumns } from '../scripts/stepColumns.ts';
import { currentStep, inputOpen, isRevealed, type FlowState } from './flow.ts';
import type { AgreementStatus, NoteItem } from './records.ts';
import type { CarryKind } from '../scripts/schema.ts';
import type { BoardRecord, EntryRecord, SessionData } from './sessionData.ts';

/*
 * The projection: a session's checked data -> what a screen or an export shows, with every
 * rule about what counts applied in one place, the same on every device and in every export:
 *
 *   - an entry counts when its writer saw the step open (flow.ts inputOpen with the entry's
 *     `at`): after a lock, or outside a vote's window, nothing new counts;
 *   - a person's ideas count up to the step's maximum per person, each within its length
 *     limit; names only in steps that are not anonymous; text shown as text, with direction
 *     controls removed (domain/text.ts);
 *   - ballots and picks count as the rules allow (votes.ts validBallot, picks.ts validPicks);
 *   - a facilitator's arrangement (board record) places, groups and removes ideas; a group
 *     takes ideas of its own column only.
 *
 * Per-step results are computed on first use and kept for this view's life: a view belongs to
 * one version of the data, and LiveSession makes a new one when the data changes.
 */

export type ViewerRole = 'facilitator' | 'projector' | 'participant';

/** Who is looking: decides "mine" and what a hidden brainstorm shows. */
export interface Viewer {
  readonly role: ViewerRole;
  readonly locale: Locale;
  /** This device's author id in a step (undefined for screens that never write). */
  authorOf(stepId: string): string | undefined;
}

/** An idea plus where it is kept: for the rules, never shown or exported. */
export interface PlacedNote extends Note {
  /** The author id of the entry that holds it; '' for an idea a facilitator typed in. */
  readonly owner: string;
  /** Lamport time of its last change. */
  readonly time: number;
}

/** A result carried in from an earlier session, as an info step shows it. */
export interface CarriedItem {
  readonly id: string;
  readonly kind: CarryKind;
  /** Which session and step it came from. */
  readonly source: string;
  readonly text: string;
  /** Dots, how often chosen, who and by when. */
  readonly detail: string;
  /** For agreements: how the facilitator marked it in this session. */
  readonly review?: { readonly status: AgreementStatus; readonly note: string } | undefined;
}

export interface SessionView {
  readonly data: SessionData;
  readonly viewer: Viewer;
  readonly title: string | undefined;
  readonly script: Script | undefined;
  readonly flow: FlowState | undefined;
  /** The step on screen. */
  readonly step: Step | undefined;
  /** The highest Lamport time in the data: new items get a higher one. */
  readonly clock: number;
  stepById(id: string): Step | undefined;
  /** Every idea that counts in a step. */
  notesOf(stepId: string): readonly PlacedNote[];
  note(id: string): PlacedNote | undefined;
  /** What this viewer sees of a step's ideas (a hidden brainstorm before it is revealed). */
  visibleNotes(step: Step): readonly PlacedNote[];
  columnsOf(step: Step): Column[];
  clustersOf(stepId: string): readonly Cluster[];
  groupsOf(stepId: string): ClusterGroup[];
  /** What a vote step is about: the source brainstorm's groups, or its ideas. */
  voteItemsOf(step: Step): VoteItem[];
  /** Ideas of a vote's source that are in no group while there are groups (they get no dots). */
  ungroupedOf(step: Step): readonly PlacedNote[];
  ballotOf(step: Step, authorId?: string): Ballot;
  tallyOf(step: Step): TallyRow[];
  voterCount(step: Step): number;
  cardsOf(step: Step): readonly Card[];
  picksOf(step: Step, authorId?: string): string[];
  pickCounts(step: Step): PickCount[];
  /** Everyone's round answers (text only; who answered is never shown). */
  answersOf(step: Step): string[];
  ownAnswer(step: Step): string | undefined;
  /** People who wrote anything that counts in a step (entries, not names). */
  contributorsOf(stepId: string): number;
  /** Ideas this viewer wrote in a step. */
  ownNoteCount(stepId: string): number;
  maxLengthOf(step: Step): number;
  actionsOf(stepId?: string): readonly Action[];
  /** What an info step carries from earlier sessions, in the order it was carried. */
  carriedOf(stepId: string): readonly CarriedItem[];
  acceptsInput(step: Step): boolean;
  board(stepId: string): BoardRecord | undefined;
  entry(stepId: string, authorId: string): EntryRecord | undefined;
}

const noteText = (text: string): string => stripInvisible(text);

/** A name as shown: cleaned, one line, short. */
function shownName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const name = stripInvisible(raw).replace(/\s+/g, ' ').trim();
  if (!name || characterCount(name) > maxNameLength) return undefined;
  return name;
}

function oneLine(raw: string, max: number): string | undefined {
  const text = stripInvisible(raw).replace(/\s+/g, ' ').trim();
  return text && characterCount(text) <= max ? text : undefined;
}

export function project(data: SessionData, viewer: Viewer): SessionView {
  const script = data.session?.script;
  const flow = data.flow;
  const steps = new Map(script?.steps.map((step) => [step.id, step]) ?? []);
  const memo = new Map<string, unknown>();
  const cached = <T>(key: string, compute: () => T): T => {
    if (memo.has(key)) return memo.get(key) as T;
    const value = compute();
    memo.set(key, value);
    return value;
  };
  /** With no flow yet (still loading), everything counts. */
  const counts = (step: Step, at: number): boolean => !flow || inputOpen(flow, step, at);

  const clock = (): number =>
    cached('clock', () => {
      let max = 0;
      const items = (list: readonly NoteItem[] | undefined) => {
        for (const item of list ?? []) max = Math.max(max, item[4]);
      };
      const edits = (table: Readonly<Record<string, number>> | undefined) => {
        for (const time of Object.values(table ?? {})) max = Math.max(max, time);
      };
      for (const step of data.entries.values())
        for (const entry of step.values()) {
          items(entry.data.n);
          edits(entry.data.e);
        }
      for (const board of data.boards.values()) {
        const d = board.data;
        items(d.fn);
        edits(d.fe);
        for (const item of d.ci ?? []) max = Math.max(max, item[5]);
        for (const table of [d.pl, d.gm, d.g, d.ag, d.as]) {
          for (const value of Object.values(table ?? {}))
            max = Math.max(max, value.at(-1) as number);
        }
      }
      return max;
    });

  const maxLengthOf = (step: Step): number =>
    step.activity.type === 'brainstorm'
      ? Math.min(step.activity.maxLength ?? maxNoteLength, maxNoteLength)
      : maxNoteLength;

  const columnsOf = (step: Step): Column[] =>
    cached(`columns:${step.id}`, () =>
      brainstormColumns(script, step, viewer.locale, (pickStep) => pickCounts(pickStep))
    );

  const countingEntries = (step: Step): EntryRecord[] =>
    cached(`entries:${step.id}`, () =>
      [...(data.entries.get(step.id)?.values() ?? [])].filter((entry) => counts(step, entry.at))
    );

  const clustersOf = (stepId: string): readonly Cluster[] =>
    cached(`clusters:${stepId}`, () => {
      const board = data.boards.get(stepId)?.data;
      const removed = new Set(board?.xg ?? []);
      return Object.entries(board?.g ?? {})
        .filter(([id]) => !removed.has(id))
        .flatMap(([id, [name, column, position]]) => {
          const clean = oneLine(name, maxClusterNameLength);
          return clean ? [{ id, stepId, name: clean, column: column || undefined, position }] : [];
        })
        .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
    });

  const notesOf = (stepId: string): readonly PlacedNote[] =>
    cached(`notes:${stepId}`, () => {
      const step = steps.get(stepId);
      if (!step || step.activity.type !== 'brainstorm') return [];
      const activity = step.activity;
      const board = data.boards.get(stepId)?.data;
      const removed = new Set(board?.xn ?? []);
      const carriedFrom = board?.cn ?? {};
      const placements = board?.pl ?? {};
      const membership = board?.gm ?? {};
      const groups = new Map(clustersOf(stepId).map((group) => [group.id, group]));
      const maxLength = maxLengthOf(step);
      const columnIndex = new Map(columnsOf(step).map((column, index) => [column.id, index]));
      const mineId = viewer.authorOf(stepId);
      const notes: PlacedNote[] = [];

      const place = (item: NoteItem, owner: string): void => {
        const [id, column, rawText, created, time, name] = item;
        if (removed.has(id)) return;
        const text = noteText(rawText);
        const length = characterCount(text.trim());
        if (length === 0 || length > maxLength) return;
        const placement = placements[id];
        const moved = placement && placement[2] >= time ? placement : undefined;
        const finalColumn = moved ? moved[0] : column;
        const member = membership[id]?.[0];
        const group = member ? groups.get(member) : undefined;
        notes.push({
          id,
          step: stepId,
          column: finalColumn,
          text,
          colour: columnColour(columnIndex.get(finalColumn) ?? 0, columnIndex.size),
          authorName: activity.anonymous ? undefined : shownName(name),
          position: moved ? moved[1] : time,
          cluster:
            group && (group.column === undefined || group.column === finalColumn)
              ? group.id
              : undefined,
          created: created * 1000,
          mine: owner !== '' && owner === mineId,
          byFacilitator: owner === '',
          carried: owner === '' ? oneLine(carriedFrom[id] ?? '', 240) : undefined,
          owner,
          time
        });
      };

      const seen = new Set<string>();
      for (const entry of countingEntries(step)) {
        const taken = new Set(entry.data.x ?? []);
        const own = (entry.data.n ?? [])
          .filter((item) => !taken.has(item[0]) && !seen.has(item[0]))
          .sort((a, b) => a[4] - b[4] || a[0].localeCompare(b[0]));
        const allowed = activity.maxNotesPerPerson ?? own.length;
        for (const item of own.slice(0, allowed)) {
          seen.add(item[0]);
          place(item, entry.authorId);
        }
      }
      for (const item of board?.fn ?? []) {
        if (seen.has(item[0])) continue;
        seen.add(item[0]);
        place(item, '');
      }
      return notes.sort(compareNotes);
    });

  const noteIndex = (): Map<string, PlacedNote> =>
    cached('noteIndex', () => {
      const index = new Map<string, PlacedNote>();
      for (const step of script?.steps ?? []) {
        for (const note of notesOf(step.id)) index.set(note.id, note);
      }
      return index;
    });

  const groupsOf = (stepId: string): ClusterGroup[] =>
    cached(`groups:${stepId}`, () => groupByCluster(notesOf(stepId), clustersOf(stepId), stepId));

  const voteItemsOf = (step: Step): VoteItem[] =>
    cached(`voteItems:${step.id}`, () =>
      step.activity.type === 'vote'
        ? voteItems(
            notesOf(step.activity.source),
            clustersOf(step.activity.source),
            step.activity.source
          )
        : []
    );

  const ballots = (step: Step): Map<string, Ballot> =>
    cached(`ballots:${step.id}`, () => {
      const result = new Map<string, Ballot>();
      if (step.activity.type !== 'vote') return result;
      const items = voteItemsOf(step).map((item) => item.id);
      for (const entry of countingEntries(step)) {
        const ballot = validBallot(entry.data.b, step.activity, items);
        if (Object.keys(ballot).length > 0) result.set(entry.authorId, ballot);
      }
      return result;
    });

  const cardsOfStep = (step: Step): readonly Card[] =>
    step.activity.type === 'pick' ? cardsOf(step.activity.cards) : [];

  const picks = (step: Step): Map<string, string[]> =>
    cached(`picks:${step.id}`, () => {
      const result = new Map<string, string[]>();
      if (step.activity.type !== 'pick') return result;
      const cards = cardsOfStep(step).map((card) => card.id);
      for (const entry of countingEntries(step)) {
        const picked = validPicks(entry.data.p, cards, step.activity.max);
        if (picked.length > 0) result.set(entry.authorId, picked);
      }
      return result;
    });

  function pickCounts(step: Step): PickCount[] {
    return cached(`pickCounts:${step.id}`, () => {
      if (step.activity.type !== 'pick') return [];
      const cards = cardsOfStep(step).map((card) => card.id);
      return countPicks(picks(step).values(), cards, step.activity.max);
    });
  }

  const answers = (step: Step): Map<string, string> =>
    cached(`answers:${step.id}`, () => {
      const result = new Map<string, string>();
      if (step.activity.type !== 'round') return result;
      const max = step.activity.maxLength ?? defaultRoundLength;
      for (const entry of countingEntries(step)) {
        if (entry.data.t === undefined) continue;
        const check = checkAnswer(entry.data.t, max);
        if (check.ok) result.set(entry.authorId, check.answer);
      }
      return result;
    });

  const actionsOf = (stepId?: string): readonly Action[] =>
    cached(`actions:${stepId ?? '*'}`, () => {
      const all: Action[] = [];
      for (const [boardStep, board] of data.boards) {
        if (stepId !== undefined && boardStep !== stepId) continue;
        if (steps.get(boardStep)?.activity.type !== 'actions') continue;
        const removed = new Set(board.data.xa ?? []);
        for (const [id, [what, who, when, position]] of Object.entries(board.data.ag ?? {})) {
          if (removed.has(id)) continue;
          const cleanWhat = oneLine(what, actionLimits.what);
          if (!cleanWhat) continue;
          all.push({
            id,
            stepId: boardStep,
            what: cleanWhat,
            who: oneLine(who, actionLimits.who) ?? '',
            when: oneLine(when, actionLimits.when) ?? '',
            position
          });
        }
      }
      return all.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
    });

  const carriedOf = (stepId: string): readonly CarriedItem[] =>
    cached(`carried:${stepId}`, () => {
      const board = data.boards.get(stepId)?.data;
      const reviews = board?.as ?? {};
      return (board?.ci ?? []).flatMap(([id, kind, source, rawText, detail]) => {
        const text = noteText(rawText).trim();
        if (!text) return [];
        const review = reviews[id];
        return [
          {
            id,
            kind,
            source: oneLine(source, 240) ?? '',
            text,
            detail: oneLine(detail, 320) ?? '',
            review: review ? { status: review[0], note: noteText(review[1]).trim() } : undefined
          }
        ];
      });
    });

  const current = script && flow ? currentStep(script, flow) : undefined;

  return {
    data,
    viewer,
    title: data.session ? oneLine(data.session.title, 480) : undefined,
    script,
    flow,
    step: current,
    get clock() {
      return clock();
    },
    stepById: (id) => steps.get(id),
    notesOf,
    note: (id) => noteIndex().get(id),
    visibleNotes(step) {
      const notes = notesOf(step.id);
      if (!flow || isRevealed(flow, step) || viewer.role === 'facilitator') return notes;
      if (viewer.role === 'participant') return notes.filter((note) => note.mine);
      return [];
    },
    columnsOf,
    clustersOf,
    groupsOf,
    voteItemsOf,
    ungroupedOf(step) {
      if (step.activity.type !== 'vote') return [];
      const source = step.activity.source;
      if (clustersOf(source).length === 0) return [];
      return notesOf(source).filter((note) => note.cluster === undefined);
    },
    ballotOf(step, authorId = viewer.authorOf(step.id)) {
      return (authorId && ballots(step).get(authorId)) || {};
    },
    tallyOf(step) {
      return cached(`tally:${step.id}`, () =>
        step.activity.type === 'vote'
          ? tally(
              ballots(step).values(),
              step.activity,
              voteItemsOf(step).map((item) => item.id)
            )
          : []
      );
    },
    voterCount: (step) => ballots(step).size,
    cardsOf: cardsOfStep,
    picksOf(step, authorId = viewer.authorOf(step.id)) {
      return (authorId && picks(step).get(authorId)) || [];
    },
    pickCounts,
    answersOf: (step) => [...answers(step).values()],
    ownAnswer(step) {
      const me = viewer.authorOf(step.id);
      return me ? answers(step).get(me) : undefined;
    },
    contributorsOf(stepId) {
      const step = steps.get(stepId);
      if (!step) return 0;
      switch (step.activity.type) {
        case 'brainstorm':
          return new Set(notesOf(stepId).flatMap((note) => (note.owner ? [note.owner] : []))).size;
        case 'vote':
          return ballots(step).size;
        case 'pick':
          return picks(step).size;
        case 'round':
          return answers(step).size;
        default:
          return 0;
      }
    },
    ownNoteCount(stepId) {
      const me = viewer.authorOf(stepId);
      const step = steps.get(stepId);
      if (!me || !step) return 0;
      const entry = data.entries.get(stepId)?.get(me);
      const taken = new Set(entry?.data.x ?? []);
      return (entry?.data.n ?? []).filter((item) => !taken.has(item[0])).length;
    },
    maxLengthOf,
    actionsOf,
    carriedOf,
    acceptsInput: (step) => (flow ? inputOpen(flow, step) : false),
    board: (stepId) => data.boards.get(stepId),
    entry: (stepId, authorId) => data.entries.get(stepId)?.get(authorId)
  };
}
