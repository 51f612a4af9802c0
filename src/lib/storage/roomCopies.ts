import { deriveRoomSecrets, legacyRoomId } from '../access/roomKeys.ts';
import { roomCopyName } from '../domain/roomCopy.ts';
import { forgetMark } from './copyMarks.ts';
import { forgetPaintsOfRoom } from './presentPaints.ts';
import { forgetSnapshot } from './sessionSnapshots.ts';

/*
 * Everything this device keeps of a room besides its library card: the copy of the doc
 * (and the signatures found valid in it) in IndexedDB, the copy from before schema 2 if any
 * (sync/legacyCopy.ts), the copy mark, the facilitate screen's snapshot and the projector's
 * paints in localStorage. Deleting a session promises that everything in it leaves the
 * device: this is the part after the card.
 */

/**
 * Deletes a database. Resolves once it is gone, or once the browser holds the deletion until
 * another window closes its connection: y-indexeddb closes it when asked (lib0's openDB), so
 * it goes as soon as that window hears of it.
 */
function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onblocked = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
  });
}

function indexedDb(): IDBFactory | undefined {
  try {
    return globalThis.indexedDB;
  } catch {
    return undefined; // storage switched off: nothing was kept there
  }
}

/** Removes this device's copy of the room of `roomKey`. */
export async function forgetRoomCopy(
  roomKey: string,
  factory: IDBFactory | undefined = indexedDb()
): Promise<void> {
  let roomId: string;
  try {
    roomId = deriveRoomSecrets(roomKey).roomId;
  } catch {
    return; // a card whose key is no room key: no copy was ever made under it
  }
  // The paints and the snapshot first: they show the copy's content, checked against the mark.
  forgetPaintsOfRoom(roomId);
  forgetSnapshot(roomId);
  forgetMark(roomId);
  if (!factory) return;
  const names = [roomCopyName(roomId), roomCopyName(legacyRoomId(roomKey))];
  await Promise.all(names.map((name) => deleteDatabase(factory, name)));
}
