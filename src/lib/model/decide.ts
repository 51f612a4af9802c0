import { checkAction } from '../domain/actions.ts';
import { checkNoteText, positionAtEnd } from '../domain/board.ts';
import { maxClusterNameLength } from '../domain/clusters.ts';
import { togglePick } from '../domain/picks.ts';
import { checkAnswer } from '../domain/rounds.ts';
import { characterCount, stripInvisible } from '../domain/text.ts';
import { checkTitle } from '../domain/title.ts';
import { addDot, removeDot } from '../domain/votes.ts';
import type { CarryKind, Script, Step } from '../scripts/schema.ts';
import { applyFlow, initialFlow, inputOpen, type FlowAction, type FlowState } from './flow.ts';
import {
  recordCaps,
  schemaVersion,
  type AgreementStatus,
  type BoardData,
  type EntryData,
  type NoteItem
} from './records.ts';
import type { SessionView, ViewerRole } from './view.ts';

/*
 * The rules for what a person may do, written once: decide(actor, command, view) accepts a
 * command with the records to write, or refuses it with a reason. Screens call it for every
 * button (and to know which buttons to show), the fuzz drives it, and the hub and every
 * device count only what its writes could produce (view.ts applies the same limits when it
 * reads). It is pure: ids, clocks and keys come in with the command and the actor.
 *
 * Who may do what:
 *   - a participant writes only their own entries, and only while the step takes input
 *     (not locked; a vote while it is open): add, change, move and take back their ideas;
 *     dots, picks, an answer;
 *   - a facilitator steers the flow, arranges any step (moves and removes ideas, makes and
 *     fills groups within a column), records agreements, types in ideas for people without a
 *     phone (also on a locked step), and names the session;
 *   - the projector only shows (it may start the session, from the facilitator's laptop).
 */

export interface Actor {
  readonly role: ViewerRole;
  /** Holds the facilitator key: may sign the flow, the session and boards. */
  readonly facilitator: boolean;
  /** This device's author id in a step. */
  authorOf(stepId: string): string;
}

export type Command =
  | {
      readonly type: 'addNote';
      readonly stepId: string;
      readonly id: string;
      readonly column: string;
      readonly text: string;
      readonly name?: string | undefined;
      /** Milliseconds, the device's clock (advisory). */
      readonly now: number;
    }
  | { readonly type: 'editNote'; readonly noteId: string; readonly text: string }
  | {
      readonly type: 'moveNote';
      readonly noteId: string;
      readonly column: string;
      /** Where in the column; at its end when absent. */
      readonly position?: number | undefined;
    }
  | { readonly type: 'removeNote'; readonly noteId: string }
  | { readonly type: 'addDot'; readonly stepId: string; readonly itemId: string }
  | { readonly type: 'removeDot'; readonly stepId: string; readonly itemId: string }
  | { readonly type: 'togglePick'; readonly stepId: string; readonly cardId: string }
  | { readonly type: 'setAnswer'; readonly stepId: string; readonly text: string }
  | { readonly type: 'steer'; readonly action: FlowAction; readonly now: number }
  | {
      readonly type: 'createCluster';
      readonly stepId: string;
      readonly id: string;
      readonly name: string;
      readonly column?: string | undefined;
    }
  | { readonly type: 'renameCluster'; readonly clusterId: string; readonly name: string }
  | { readonly type: 'removeCluster'; readonly clusterId: string }
  | { readonly type: 'assignCluster'; readonly noteId: string; readonly clusterId: string | null }
  | {
      readonly type: 'addAction';
      readonly stepId: string;
      readonly id: string;
      readonly what: string;
      readonly who: string;
      readonly when: string;
    }
  | { readonly type: 'removeAction'; readonly actionId: string }
  | {
      readonly type: 'start';
      readonly title: string;
      readonly script: Script;
      /** The facilitator's public key, base32. */
      readonly facilitatorKey: string;
    }
  | { readonly type: 'rename'; readonly title: string }
  | {
      /** Results of earlier sessions of the track, placed where the script takes them. */
      readonly type: 'carry';
      readonly items: readonly CarryInput[];
      readonly now: number;
    }
  | {
      readonly type: 'reviewAgreement';
      readonly stepId: string;
      readonly itemId: string;
      readonly status: AgreementStatus;
      readonly note: string;
    };

/** One carried result: text only (tracks/carry.ts makes these without author ids or names). */
export interface CarryInput {
  /** Derived from where it came from, so carrying twice adds nothing. */
  readonly id: string;
  readonly stepId: string;
  readonly kind: CarryKind;
  readonly source: string;
  readonly text: string;
  readonly detail: string;
}

/** Longest note a facilitator may add to a reviewed agreement (characters). */
export const maxReviewNoteLength = 600;

export type Refusal =
  | 'notFacilitator'
  | 'projector'
  | 'unknownStep'
  | 'wrongActivity'
  | 'unknownColumn'
  | 'unknownNote'
  | 'unknownCluster'
  | 'unknownAction'
  | 'otherColumn'
  | 'notYours'
  | 'locked'
  | 'notOpen'
  | 'limit'
  | 'empty'
  | 'tooLong'
  | 'noDotsLeft'
  | 'itemFull'
  | 'unknownItem'
  | 'tooMany'
  | 'noChange'
  | 'started'
  | 'notStarted';

/** A record to write: the session client signs it and stores it. */
export type Write =
  | {
      readonly kind: 'entry';
      readonly stepId: string;
      readonly at: number;
      readonly data: EntryData;
    }
  | { readonly kind: 'board'; readonly stepId: string; readonly data: BoardData }
  | { readonly kind: 'flow'; readonly state: FlowState }
  | {
      readonly kind: 'session';
      readonly data: {
        readonly v: number;
        readonly title: string;
        readonly script: Script;
        readonly key: string;
      };
    };

export type Decision =
  | { readonly ok: true; readonly writes: readonly Write[] }
  | {
      readonly ok: false;
      readonly reason: Refusal;
      /** For text that was empty or too long: its length in characters. */
      readonly length?: number;
      /** For a text field: which one. */
      readonly field?: 'what' | 'who' | 'when';
    };

const refuse = (
  reason: Refusal,
  extra: { length?: number; field?: 'what' | 'who' | 'when' } = {}
): Decision => ({
  ok: false,
  reason,
  ...extra
});
const accept = (...writes: Write[]): Decision => ({ ok: true, writes });

const seconds = (ms: number): number => Math.max(0, Math.floor(ms / 1000));

/** Why a participant's input is not taken on this step right now, if it is not. */
function closedReason(view: SessionView, step: Step): Refusal | undefined {
  const flow = view.flow;
  if (!flow) return 'notOpen';
  if (inputOpen(flow, step)) return undefined;
  return flow.locked[step.id] !== undefined ? 'locked' : 'notOpen';
}

function entryData(view: SessionView, stepId: string, authorId: string): EntryData {
  return view.entry(stepId, authorId)?.data ?? {};
}

function boardData(view: SessionView, stepId: string): BoardData {
  return view.board(stepId)?.data ?? {};
}

function writeEntry(view: SessionView, stepId: string, data: EntryData): Write {
  return { kind: 'entry', stepId, at: view.flow?.seq ?? 0, data };
}

const cleanName = (name: string): string => stripInvisible(name).replace(/\s+/g, ' ').trim();

export function decide(actor: Actor, command: Command, view: SessionView): Decision {
  const decision = decideCommand(actor, command, view);
  // A record over its kind's caps would count for nothing anywhere: refuse the change instead.
  if (decision.ok && !decision.writes.every(withinCaps)) return refuse('limit');
  return decision;
}

const size = (items: object | undefined): number => (items ? Object.keys(items).length : 0);

/** Whether a record to write stays within what its kind may hold (records.ts recordCaps). */
function withinCaps(write: Write): boolean {
  if (write.kind === 'entry') {
    const d = write.data;
    return (
      size(d.n) <= recordCaps.ideasPerEntry &&
      size(d.x) <= recordCaps.takenBack &&
      size(d.b) <= recordCaps.ballotItems &&
      size(d.p) <= recordCaps.picks
    );
  }
  if (write.kind === 'board') {
    const d = write.data;
    return (
      size(d.pl) <= recordCaps.placements &&
      size(d.gm) <= recordCaps.members &&
      size(d.g) <= recordCaps.groups &&
      size(d.xn) <= recordCaps.removedIdeas &&
      size(d.xg) <= recordCaps.removedGroups &&
      size(d.fn) <= recordCaps.typedIdeas &&
      size(d.ag) <= recordCaps.agreements &&
      size(d.xa) <= recordCaps.removedAgreements &&
      size(d.ci) <= recordCaps.carriedItems &&
      size(d.cn) <= recordCaps.carriedIdeas &&
      size(d.as) <= recordCaps.reviews
    );
  }
  return true;
}

function decideCommand(actor: Actor, command: Command, view: SessionView): Decision {
  // The projector only shows; on the facilitator's laptop it may start the session it shows.
  if (actor.role === 'projector' && command.type !== 'start') return refuse('projector');
  const time = view.clock + 1;
  const facilitatorOnly = (): Decision | undefined =>
    actor.facilitator ? undefined : refuse('notFacilitator');

  switch (command.type) {
    case 'addNote': {
      const step = view.stepById(command.stepId);
      if (!step) return refuse('unknownStep');
      if (step.activity.type !== 'brainstorm') return refuse('wrongActivity');
      if (!view.columnsOf(step).some((column) => column.id === command.column)) {
        return refuse('unknownColumn');
      }
      const check = checkNoteText(command.text, view.maxLengthOf(step));
      if (!check.ok) return refuse(check.error, { length: check.length });
      const name = command.name && !step.activity.anonymous ? cleanName(command.name) : '';
      const item: NoteItem = name
        ? [command.id, command.column, check.text, seconds(command.now), time, name]
        : [command.id, command.column, check.text, seconds(command.now), time];
      if (actor.facilitator) {
        // Typed in for someone without a phone: the facilitator's, so also on a locked step.
        const board = boardData(view, step.id);
        if ((board.fn?.length ?? 0) >= recordCaps.typedIdeas) return refuse('limit');
        return accept({
          kind: 'board',
          stepId: step.id,
          data: { ...board, fn: [...(board.fn ?? []), item] }
        });
      }
      const closed = closedReason(view, step);
      if (closed) return refuse(closed);
      const max = step.activity.maxNotesPerPerson;
      if (max !== undefined && view.ownNoteCount(step.id) >= max) return refuse('limit');
      const entry = entryData(view, step.id, actor.authorOf(step.id));
      return accept(writeEntry(view, step.id, { ...entry, n: [...(entry.n ?? []), item] }));
    }

    case 'editNote': {
      const note = view.note(command.noteId);
      const step = note && view.stepById(note.step);
      if (!note || !step) return refuse('unknownNote');
      const facilitatorsOwn = note.byFacilitator && actor.facilitator;
      if (!facilitatorsOwn) {
        if (note.owner !== actor.authorOf(step.id)) return refuse('notYours');
        const closed = closedReason(view, step);
        if (closed) return refuse(closed);
      }
      const check = checkNoteText(command.text, view.maxLengthOf(step));
      if (!check.ok) return refuse(check.error, { length: check.length });
      if (check.text === note.text) return refuse('noChange');
      // New words only: the idea keeps its time, so it stays where it is on the board (also
      // where a facilitator put it); the time of the change goes beside it, for merging.
      const edit = (item: NoteItem): NoteItem =>
        item[0] === note.id ? (Object.assign([...item], { 2: check.text }) as NoteItem) : item;
      if (facilitatorsOwn) {
        const board = boardData(view, step.id);
        return accept({
          kind: 'board',
          stepId: step.id,
          data: { ...board, fn: (board.fn ?? []).map(edit), fe: { ...board.fe, [note.id]: time } }
        });
      }
      const entry = entryData(view, step.id, note.owner);
      return accept(
        writeEntry(view, step.id, {
          ...entry,
          n: (entry.n ?? []).map(edit),
          e: { ...entry.e, [note.id]: time }
        })
      );
    }

    case 'moveNote': {
      const note = view.note(command.noteId);
      const step = note && view.stepById(note.step);
      if (!note || !step) return refuse('unknownNote');
      if (!actor.facilitator) {
        if (note.owner !== actor.authorOf(step.id)) return refuse('notYours');
        const closed = closedReason(view, step);
        if (closed) return refuse(closed);
      }
      if (!view.columnsOf(step).some((column) => column.id === command.column)) {
        return refuse('unknownColumn');
      }
      if (note.column === command.column && command.position === undefined)
        return refuse('noChange');
      const position = command.position ?? positionAtEnd(view.notesOf(step.id), command.column);
      if (actor.facilitator) {
        const board = boardData(view, step.id);
        const pl = {
          ...board.pl,
          [note.id]: [command.column, position, time] as [string, number, number]
        };
        return accept({ kind: 'board', stepId: step.id, data: { ...board, pl } });
      }
      // The author's own move: a newer time than any earlier placement, at the column's end.
      const entry = entryData(view, step.id, note.owner);
      const n = (entry.n ?? []).map((item) =>
        item[0] === note.id
          ? (Object.assign([...item], { 1: command.column, 4: time }) as NoteItem)
          : item
      );
      return accept(writeEntry(view, step.id, { ...entry, n }));
    }

    case 'removeNote': {
      const note = view.note(command.noteId);
      const step = note && view.stepById(note.step);
      if (!note || !step) return refuse('unknownNote');
      if (actor.facilitator) {
        const board = boardData(view, step.id);
        return accept({
          kind: 'board',
          stepId: step.id,
          data: { ...board, xn: [...(board.xn ?? []), note.id] }
        });
      }
      if (note.owner !== actor.authorOf(step.id)) return refuse('notYours');
      const closed = closedReason(view, step);
      if (closed) return refuse(closed);
      const { e, ...entry } = entryData(view, step.id, note.owner);
      const edits = e && withoutKey(e, note.id);
      return accept(
        writeEntry(view, step.id, {
          ...entry,
          n: (entry.n ?? []).filter((item) => item[0] !== note.id),
          x: [...(entry.x ?? []), note.id],
          ...(edits && { e: edits })
        })
      );
    }

    case 'addDot':
    case 'removeDot': {
      const step = view.stepById(command.stepId);
      if (!step) return refuse('unknownStep');
      if (step.activity.type !== 'vote') return refuse('wrongActivity');
      const closed = closedReason(view, step);
      if (closed) return refuse(closed);
      const ballot = view.ballotOf(step, actor.authorOf(step.id));
      const entry = entryData(view, step.id, actor.authorOf(step.id));
      if (command.type === 'removeDot') {
        if (!ballot[command.itemId]) return refuse('noChange');
        return accept(
          writeEntry(view, step.id, { ...entry, b: removeDot(ballot, command.itemId) })
        );
      }
      const items = view.voteItemsOf(step).map((item) => item.id);
      const result = addDot(ballot, command.itemId, step.activity, items);
      if (!result.ok) return refuse(result.reason);
      return accept(writeEntry(view, step.id, { ...entry, b: result.ballot }));
    }

    case 'togglePick': {
      const step = view.stepById(command.stepId);
      if (!step) return refuse('unknownStep');
      if (step.activity.type !== 'pick') return refuse('wrongActivity');
      if (!view.cardsOf(step).some((card) => card.id === command.cardId))
        return refuse('unknownItem');
      const closed = closedReason(view, step);
      if (closed) return refuse(closed);
      const result = togglePick(
        view.picksOf(step, actor.authorOf(step.id)),
        command.cardId,
        step.activity.max
      );
      if (!result.ok) return refuse(result.reason);
      const entry = entryData(view, step.id, actor.authorOf(step.id));
      return accept(writeEntry(view, step.id, { ...entry, p: [...result.picked] }));
    }

    case 'setAnswer': {
      const step = view.stepById(command.stepId);
      if (!step) return refuse('unknownStep');
      if (step.activity.type !== 'round') return refuse('wrongActivity');
      const closed = closedReason(view, step);
      if (closed) return refuse(closed);
      const check = checkAnswer(command.text, step.activity.maxLength);
      if (!check.ok) return refuse(check.error, { length: check.length });
      const entry = entryData(view, step.id, actor.authorOf(step.id));
      return accept(writeEntry(view, step.id, { ...entry, t: check.answer }));
    }

    case 'steer': {
      const refused = facilitatorOnly();
      if (refused) return refused;
      if (!view.script || !view.flow) return refuse('notStarted');
      const next = applyFlow(view.script, view.flow, command.action, command.now);
      if (next === view.flow) return refuse('noChange');
      return accept({ kind: 'flow', state: next });
    }

    case 'createCluster':
    case 'renameCluster': {
      const refused = facilitatorOnly();
      if (refused) return refused;
      const name = cleanName(command.name);
      if (!name) return refuse('empty', { length: 0 });
      if (characterCount(name) > maxClusterNameLength) {
        return refuse('tooLong', { length: characterCount(name) });
      }
      if (command.type === 'renameCluster') {
        const cluster = findCluster(view, command.clusterId);
        if (!cluster) return refuse('unknownCluster');
        const board = boardData(view, cluster.stepId);
        const g = {
          ...board.g,
          [cluster.id]: [name, cluster.column ?? '', cluster.position, time] as [
            string,
            string,
            number,
            number
          ]
        };
        return accept({ kind: 'board', stepId: cluster.stepId, data: { ...board, g } });
      }
      const step = view.stepById(command.stepId);
      if (!step) return refuse('unknownStep');
      if (step.activity.type !== 'brainstorm') return refuse('wrongActivity');
      if (
        command.column !== undefined &&
        !view.columnsOf(step).some((c) => c.id === command.column)
      ) {
        return refuse('unknownColumn');
      }
      const position = Math.max(0, ...view.clustersOf(step.id).map((c) => c.position)) + 1;
      const board = boardData(view, step.id);
      const g = {
        ...board.g,
        [command.id]: [name, command.column ?? '', position, time] as [
          string,
          string,
          number,
          number
        ]
      };
      return accept({ kind: 'board', stepId: step.id, data: { ...board, g } });
    }

    case 'removeCluster': {
      const refused = facilitatorOnly();
      if (refused) return refused;
      const cluster = findCluster(view, command.clusterId);
      if (!cluster) return refuse('unknownCluster');
      const board = boardData(view, cluster.stepId);
      return accept({
        kind: 'board',
        stepId: cluster.stepId,
        data: { ...board, xg: [...(board.xg ?? []), cluster.id] }
      });
    }

    case 'assignCluster': {
      const refused = facilitatorOnly();
      if (refused) return refused;
      const note = view.note(command.noteId);
      if (!note) return refuse('unknownNote');
      if (command.clusterId !== null) {
        const cluster = view.clustersOf(note.step).find((c) => c.id === command.clusterId);
        if (!cluster) return refuse('unknownCluster');
        // A group keeps to its column: a weakness never lands in a group of strengths.
        if (cluster.column !== undefined && cluster.column !== note.column)
          return refuse('otherColumn');
      }
      if ((note.cluster ?? null) === command.clusterId) return refuse('noChange');
      const board = boardData(view, note.step);
      const gm = { ...board.gm, [note.id]: [command.clusterId ?? '', time] as [string, number] };
      return accept({ kind: 'board', stepId: note.step, data: { ...board, gm } });
    }

    case 'addAction': {
      const refused = facilitatorOnly();
      if (refused) return refused;
      const step = view.stepById(command.stepId);
      if (!step) return refuse('unknownStep');
      if (step.activity.type !== 'actions') return refuse('wrongActivity');
      const check = checkAction(command);
      if (!check.ok) return refuse(check.error, { field: check.field });
      const position = Math.max(0, ...view.actionsOf(step.id).map((a) => a.position)) + 1;
      const board = boardData(view, step.id);
      const { what, who, when } = check.action;
      const ag = {
        ...board.ag,
        [command.id]: [what, who, when, position, time] as [string, string, string, number, number]
      };
      return accept({ kind: 'board', stepId: step.id, data: { ...board, ag } });
    }

    case 'removeAction': {
      const refused = facilitatorOnly();
      if (refused) return refused;
      const action = view.actionsOf().find((a) => a.id === command.actionId);
      if (!action) return refuse('unknownAction');
      const board = boardData(view, action.stepId);
      return accept({
        kind: 'board',
        stepId: action.stepId,
        data: { ...board, xa: [...(board.xa ?? []), action.id] }
      });
    }

    case 'start': {
      const refused = facilitatorOnly();
      if (refused) return refused;
      if (view.data.session) return refuse('started');
      const title = checkTitle(command.title);
      if (!title.ok) return refuse(title.error);
      const session: Write = {
        kind: 'session',
        data: {
          v: schemaVersion,
          title: title.title,
          script: command.script,
          key: command.facilitatorKey
        }
      };
      return accept(session, { kind: 'flow', state: initialFlow(command.script) });
    }

    case 'carry': {
      const refused = facilitatorOnly();
      if (refused) return refused;
      return carryWrites(view, command, time);
    }

    case 'reviewAgreement': {
      const refused = facilitatorOnly();
      if (refused) return refused;
      const item = view.carriedOf(command.stepId).find((c) => c.id === command.itemId);
      if (!item || item.kind !== 'agreements') return refuse('unknownItem');
      const note = stripInvisible(command.note.replace(/\r\n?/g, '\n')).trim();
      if (characterCount(note) > maxReviewNoteLength)
        return refuse('tooLong', { length: characterCount(note) });
      if (item.review?.status === command.status && item.review.note === note)
        return refuse('noChange');
      const board = boardData(view, command.stepId);
      const as = {
        ...board.as,
        [item.id]: [command.status, note, time] as [AgreementStatus, string, number]
      };
      return accept({ kind: 'board', stepId: command.stepId, data: { ...board, as } });
    }

    case 'rename': {
      const refused = facilitatorOnly();
      if (refused) return refused;
      const session = view.data.session;
      if (!session) return refuse('notStarted');
      const title = checkTitle(command.title);
      if (!title.ok) return refuse(title.error);
      if (title.title === session.title) return refuse('noChange');
      return accept({
        kind: 'session',
        data: {
          v: session.version,
          title: title.title,
          script: session.script,
          key: session.facilitatorKey
        }
      });
    }
  }
}

/** The boards a carry writes: info steps list the items, brainstorms get them as ideas. */
function carryWrites(
  view: SessionView,
  command: Extract<Command, { type: 'carry' }>,
  time: number
): Decision {
  const boards = new Map<string, BoardData>();
  // Each item a later time than the one before, so they keep the order they were carried in.
  let at = time;
  for (const input of command.items) {
    const step = view.stepById(input.stepId);
    if (!step) return refuse('unknownStep');
    if (!step.carry?.kinds.includes(input.kind)) return refuse('wrongActivity');
    const board = boards.get(step.id) ?? boardData(view, step.id);
    const known = new Set([
      ...(board.ci ?? []).map((item) => item[0]),
      ...(board.fn ?? []).map((item) => item[0]),
      ...(board.xn ?? [])
    ]);
    if (known.has(input.id)) continue;
    const source = cleanName(input.source).slice(0, 240);
    if (step.activity.type === 'brainstorm') {
      // A carried result longer than this brainstorm's ideas may be is shortened, not lost.
      const max = view.maxLengthOf(step);
      const chars = [...stripInvisible(input.text).trim()];
      const text = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
      const check = checkNoteText(text, max);
      if (!check.ok) return refuse(check.error, { length: check.length });
      const column = step.carry.column ?? view.columnsOf(step)[0]?.id;
      if (!column) return refuse('unknownColumn');
      const item: NoteItem = [input.id, column, check.text, seconds(command.now), at++];
      boards.set(step.id, {
        ...board,
        fn: [...(board.fn ?? []), item],
        cn: { ...board.cn, [input.id]: source }
      });
    } else {
      const text = stripInvisible(input.text).trim();
      if (!text) return refuse('empty', { length: 0 });
      if (text.length > 1200) return refuse('tooLong', { length: characterCount(text) });
      const detail = cleanName(input.detail).slice(0, 320);
      boards.set(step.id, {
        ...board,
        ci: [...(board.ci ?? []), [input.id, input.kind, source, text, detail, at++]]
      });
    }
  }
  if (boards.size === 0) return refuse('noChange');
  return accept(...[...boards].map(([stepId, data]): Write => ({ kind: 'board', stepId, data })));
}

function findCluster(view: SessionView, clusterId: string) {
  for (const step of view.script?.steps ?? []) {
    const cluster = view.clustersOf(step.id).find((c) => c.id === clusterId);
    if (cluster) return cluster;
  }
  return undefined;
}

/**
 * Whether the actor may do this: what screens use to show or hide a button. A command that
 * would change nothing (moving an idea to the column it is in) still says "allowed".
 */
export function may(actor: Actor, command: Command, view: SessionView): boolean {
  const decision = decide(actor, command, view);
  return decision.ok || decision.reason === 'noChange';
}

/** A table without one key (undefined once empty, so the record stays as small as before). */
function withoutKey<T>(
  table: Readonly<Record<string, T>>,
  key: string
): Record<string, T> | undefined {
  const rest = Object.entries(table).filter(([k]) => k !== key);
  return rest.length > 0 ? Object.fromEntries(rest) : undefined;
}
