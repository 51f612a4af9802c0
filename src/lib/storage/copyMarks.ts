import { mergedMark, parseMark, type StateMark } from '../domain/stateMark.ts';
import { forgetPaintsOfRoom } from './presentPaints.ts';
import { localStore } from './localStore.ts';

/*
 * What this device's copy of each room holds, as far as any of its windows has stored it
 * (domain/stateMark.ts), merged by maximum, in localStorage: a page reads it synchronously
 * before its code loads. The present screen's first paint (ui/presentPaintScript.ts) is only
 * used when it covers this mark.
 *
 * Kept by the laptop's screens (facilitate, present, report; ui/openSession.ts `markCopy`).
 * A participant's screen leaves it out: phones have no present screen, and a join link opened
 * on the laptop is normally another origin (the laptop's network address, not 127.0.0.1),
 * with a copy of its own.
 *
 * localStorage has no transactions across windows: two windows merging in the same moment
 * can lose one's contribution, so a window merges its whole state with every change and once
 * more when it closes (sync/storedState.ts), not only what changed.
 */

const prefix = 'kring-copy:';

export function copyMarkKey(roomId: string): string {
  return prefix + roomId;
}

/**
 * Merges `state` into the room's mark. Storage too full to keep the mark cannot keep the
 * paints it guards either: they are removed (which also frees room).
 */
export function markStored(roomId: string, state: StateMark): void {
  const store = localStore();
  if (!store) return;
  const key = copyMarkKey(roomId);
  try {
    const merged = mergedMark(parseMark(store.getItem(key)), state);
    if (merged) store.setItem(key, JSON.stringify(merged));
  } catch {
    forgetPaintsOfRoom(roomId);
  }
}

/** Drops the room's mark with its copy (the caller forgets the paints of that copy first). */
export function forgetMark(roomId: string): void {
  try {
    localStore()?.removeItem(copyMarkKey(roomId));
  } catch {
    // nothing more to do
  }
}

/** The room's mark as stored now. */
export function readMark(roomId: string): StateMark {
  try {
    return parseMark(localStore()?.getItem(copyMarkKey(roomId)) ?? null);
  } catch {
    return {};
  }
}
