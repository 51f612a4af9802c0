import { localStore } from './localStore.ts';
import { RecentlyKept } from './recentlyKept.ts';

/*
 * The facilitate screen's snapshot of each room's checked data (model/sessionSnapshot.ts), in
 * localStorage: read synchronously when the screen opens the session, so the board shows
 * before the room's copy is read from IndexedDB and checked. Only the rooms opened last keep
 * one (a full session is a few hundred kB); a room whose copy leaves the device loses its
 * snapshot with it (storage/roomCopies.ts).
 */

export const snapshotKey = (roomId: string): string => `kring-view:${roomId}`;
export const snapshotIndexKey = 'kring-view';
/** Rooms that keep a snapshot: the ones whose session was open last. */
export const snapshotsKept = 3;

const kept = new RecentlyKept(snapshotIndexKey, snapshotKey, snapshotsKept);

/** The room's snapshot as stored, if any. */
export function readSnapshotText(roomId: string): string | null {
  try {
    return localStore()?.getItem(snapshotKey(roomId)) ?? null;
  } catch {
    return null;
  }
}

/**
 * Keeps the room's snapshot. Storage that is full or switched off keeps none (an older one
 * would only be refused later): the screen then opens as it did without.
 */
export function keepSnapshot(roomId: string, text: string): void {
  const store = localStore();
  if (!store) return;
  try {
    kept.keep(store, roomId, text);
  } catch {
    forgetSnapshot(roomId);
  }
}

/** Removes the room's snapshot (its copy left this device, or was replaced). */
export function forgetSnapshot(roomId: string): void {
  const store = localStore();
  if (store) kept.forget(store, roomId);
}
