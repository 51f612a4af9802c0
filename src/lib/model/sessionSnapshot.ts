import { covers, parseMark, type StateMark } from '../domain/stateMark.ts';
import type { BoardRecord, EntryRecord, SessionData } from './sessionData.ts';

/*
 * A session's checked data (sessionData.ts) as text, with what the doc held when it was
 * taken: a laptop screen that opens the session again shows it at once, and reads and checks
 * its copy of the room after that (sync/SessionRecords.ts `seed`). Only the data that copy
 * gave is in it, as this device checked it.
 *
 * A snapshot stands in for the copy only when it holds all the copy holds: its state covers
 * the room's copy mark (storage/copyMarks.ts), the rule the projector's first paint follows.
 * It must come from the same build too: another build may read or check records otherwise.
 */

interface StoredSnapshot {
  readonly v: 1;
  readonly build: string;
  readonly state: StateMark;
  readonly session: SessionData['session'];
  readonly flow: SessionData['flow'];
  readonly entries: [string, [string, EntryRecord][]][];
  readonly boards: [string, BoardRecord][];
}

/** The snapshot of `data`, taken when the doc held `state`. */
export function writeSnapshot(data: SessionData, state: StateMark, build: string): string {
  const stored: StoredSnapshot = {
    v: 1,
    build,
    state,
    session: data.session,
    flow: data.flow,
    entries: [...data.entries].map(([stepId, step]) => [stepId, [...step]]),
    boards: [...data.boards]
  };
  return JSON.stringify(stored);
}

/**
 * The data of a snapshot that stands in for the copy whose mark is `mark`, or undefined:
 * none, damaged, of another build, or older than the copy.
 */
export function readSnapshot(
  text: string | null,
  mark: StateMark,
  build: string
): SessionData | undefined {
  if (!text) return undefined;
  let stored: Partial<StoredSnapshot>;
  try {
    stored = JSON.parse(text) as Partial<StoredSnapshot>;
  } catch {
    return undefined;
  }
  if (stored?.v !== 1 || stored.build !== build) return undefined;
  if (!Array.isArray(stored.entries) || !Array.isArray(stored.boards)) return undefined;
  const state = parseMark(JSON.stringify(stored.state ?? null));
  if (Object.keys(state).length === 0 || !covers(state, mark)) return undefined;
  try {
    return {
      session: stored.session,
      flow: stored.flow,
      entries: new Map(stored.entries.map(([stepId, step]) => [stepId, new Map(step)])),
      boards: new Map(stored.boards)
    };
  } catch {
    return undefined;
  }
}
