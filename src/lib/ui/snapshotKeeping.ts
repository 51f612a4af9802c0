import { version } from '$app/environment';
import type * as Y from 'yjs';
import { sameMark, type StateMark } from '$lib/domain/stateMark.ts';
import type { SessionData } from '$lib/model/sessionData.ts';
import { readSnapshot, writeSnapshot } from '$lib/model/sessionSnapshot.ts';
import { readMark } from '$lib/storage/copyMarks.ts';
import { keepSnapshot, readSnapshotText } from '$lib/storage/sessionSnapshots.ts';
import type { SessionRecords } from '$lib/sync/SessionRecords.ts';
import { stateOf } from '$lib/sync/storedState.ts';
import { whenIdle } from './whenIdle.ts';

/*
 * The facilitate screen's snapshot of its room (model/sessionSnapshot.ts): read when the
 * screen opens the session, so the board shows before the copy is read from IndexedDB and
 * checked (npm run bench: load_from_idb_ms_1000), and taken again a moment after every change
 * the screen shows, and when the page goes away if something changed since.
 *
 * A snapshot is taken only of data checked from exactly what the copy holds: nothing waiting
 * to be checked, and the doc's state the same as the copy mark (what this device's windows
 * have stored). Used only when it covers the copy mark again.
 */

/** The state of the snapshot each room was opened from: taken again only once that changed. */
const seededAt = new Map<string, StateMark>();

/** The room's snapshot, when it stands in for this device's copy of the room now. */
export function snapshotSeed(roomId: string): SessionData | undefined {
  const mark = readMark(roomId);
  const seed = readSnapshot(readSnapshotText(roomId), mark, version);
  if (seed) seededAt.set(roomId, mark);
  else seededAt.delete(roomId);
  return seed;
}

/**
 * Takes the room's snapshot after changes; returns the way to stop, which takes it once more
 * (the screen left for another one of the app, within the delay after a change).
 */
export function keepSnapshots(
  doc: Y.Doc,
  records: SessionRecords,
  roomId: string,
  delayMs = 2000
): () => void {
  let taken = seededAt.get(roomId);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const take = (): void => {
    if (stopped) return;
    const state = stateOf(doc);
    if (taken && sameMark(taken, state)) return;
    if (!records.settledNow || !sameMark(state, readMark(roomId))) return;
    keepSnapshot(roomId, writeSnapshot(records.data, state, version));
    taken = state;
  };
  const soon = (): void => {
    if (timer !== undefined || stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      void whenIdle().then(take);
    }, delayMs);
  };
  const stopFollowing = records.subscribe(soon);
  soon();
  const page = typeof window === 'undefined' ? undefined : window;
  page?.addEventListener('pagehide', take);
  return () => {
    take();
    stopped = true;
    clearTimeout(timer);
    stopFollowing();
    page?.removeEventListener('pagehide', take);
  };
}
