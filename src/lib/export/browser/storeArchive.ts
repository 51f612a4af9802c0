import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import type { SessionRecord } from '../../storage/sessionRecord.ts';
import type { SessionLibrary } from '../../storage/SessionLibrary.ts';
import { deriveRoomSecrets } from '../../access/roomKeys.ts';
import { roomCopyName } from '../../domain/roomCopy.ts';
import { markStored } from '../../storage/copyMarks.ts';
import { forgetRoomCopy } from '../../storage/roomCopies.ts';
import { stateOf } from '../../sync/storedState.ts';

/*
 * Browser only: puts an imported session on this device: its doc into IndexedDB under the
 * name RoomConnection reads (y-indexeddb), then its card into the library. The doc goes
 * first, so the library never lists a session whose content is missing.
 */

export function docName(roomKey: string): string {
  return roomCopyName(deriveRoomSecrets(roomKey).roomId);
}

/** The session on this device that an archive would collide with: the same id or the same room. */
export async function findExisting(
  library: SessionLibrary,
  record: SessionRecord
): Promise<SessionRecord | undefined> {
  return (await library.get(record.id)) ?? (await library.findByRoomKey(record.roomKey));
}

async function writeDoc(roomKey: string, update: Uint8Array): Promise<void> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const persistence = new IndexeddbPersistence(docName(roomKey), doc);
  // On its first load y-indexeddb stores the doc's whole state; closing waits for the write.
  await persistence.whenSynced;
  await persistence.destroy();
  markStored(deriveRoomSecrets(roomKey).roomId, stateOf(doc));
  doc.destroy();
}

/**
 * A session's doc as this device keeps it, read from IndexedDB without connecting anywhere
 * (the caller destroys it). Works offline.
 */
export async function readStoredDoc(roomKey: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(docName(roomKey), doc);
  await persistence.whenSynced;
  await persistence.destroy();
  return doc;
}

/**
 * Stores an imported session. With `replacing`, that session's card and its device copy
 * are removed first (a hub that holds the room will still sync its own state back in).
 */
export async function storeImported(
  library: SessionLibrary,
  record: SessionRecord,
  update: Uint8Array,
  replacing?: SessionRecord
): Promise<void> {
  if (replacing) {
    // The copies replaced, with what is kept beside them (paints, snapshot, mark).
    for (const roomKey of new Set([replacing.roomKey, record.roomKey])) {
      await forgetRoomCopy(roomKey);
    }
  }
  await writeDoc(record.roomKey, update);
  if (replacing) await library.removeCard(replacing.id);
  // Another card of the same id (when the room differed) must go too, or add() refuses.
  if (replacing && replacing.id !== record.id) await library.removeCard(record.id);
  await library.add(record);
}
