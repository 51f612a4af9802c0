import type { Script } from '../scripts/schema.ts';
import type { FlowState } from './flow.ts';
import type { BoardData, EntryData } from './records.ts';

/*
 * A session as plain, checked data: what the records in the doc say once their shapes and
 * signatures have been checked (sync/SessionRecords.ts does that), and nothing else. The
 * projection (view.ts) turns it into what screens and exports show; the rules (decide.ts)
 * judge commands against that view. No Yjs, no Svelte, no crypto here.
 */

/** The session record: written once by the facilitator, renamed at most. */
export interface SessionInfo {
  readonly seq: number;
  readonly version: number;
  readonly title: string;
  readonly script: Script;
  /** The facilitator's public key (base32). */
  readonly facilitatorKey: string;
}

/** One person's entries for one step. */
export interface EntryRecord {
  readonly stepId: string;
  readonly authorId: string;
  readonly seq: number;
  /** The flow state the author saw when writing. */
  readonly at: number;
  readonly data: EntryData;
}

/** The facilitator's arrangement of one step. */
export interface BoardRecord {
  readonly stepId: string;
  readonly seq: number;
  readonly data: BoardData;
}

export interface SessionData {
  readonly session: SessionInfo | undefined;
  /** The newest validly signed flow state. */
  readonly flow: FlowState | undefined;
  /** Entries per step, per author id. */
  readonly entries: ReadonlyMap<string, ReadonlyMap<string, EntryRecord>>;
  readonly boards: ReadonlyMap<string, BoardRecord>;
}

export const emptySessionData: SessionData = {
  session: undefined,
  flow: undefined,
  entries: new Map(),
  boards: new Map()
};

/** Entries of one step (empty when none). */
export function entriesOf(data: SessionData, stepId: string): ReadonlyMap<string, EntryRecord> {
  return data.entries.get(stepId) ?? new Map();
}

/** With one step's entry replaced or added (for writers and tests). */
export function withEntry(data: SessionData, entry: EntryRecord): SessionData {
  const entries = new Map(data.entries);
  const step = new Map(entries.get(entry.stepId));
  step.set(entry.authorId, entry);
  entries.set(entry.stepId, step);
  return { ...data, entries };
}

/** With one step's board replaced or added. */
export function withBoard(data: SessionData, board: BoardRecord): SessionData {
  const boards = new Map(data.boards);
  boards.set(board.stepId, board);
  return { ...data, boards };
}
