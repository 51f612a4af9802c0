import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { legacyRoomId } from '../access/roomKeys.ts';
import { roomCopyName } from '../domain/roomCopy.ts';
import { roots, sessionKey } from '../model/records.ts';
import { localOrigin } from './RoomConnection.ts';
import { isLegacyDoc, migrateLegacyDoc } from './sessionTransfer.ts';

/*
 * Browser only. A session made before schema 2 lives on its facilitator's device under its
 * old room id. When that session opens on the facilitator's laptop and its new room is still
 * empty, its old copy is brought to schema 2 and written into the new room (which then syncs
 * it to the hub and the phones). The old copy is left in place.
 */

async function databaseExists(name: string): Promise<boolean> {
  const list = await globalThis.indexedDB?.databases?.().catch(() => undefined);
  return list?.some((db) => db.name === name) ?? false;
}

/** Migrates the facilitator's old local copy into `doc`, once; true when it did. */
export async function migrateLegacyCopy(
  doc: Y.Doc,
  keys: { readonly roomKey: string; readonly facilitatorKey: string }
): Promise<boolean> {
  if (doc.getMap(roots.session).has(sessionKey)) return false;
  const name = roomCopyName(legacyRoomId(keys.roomKey));
  if (!(await databaseExists(name))) return false;
  const legacy = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, legacy);
  try {
    await persistence.whenSynced;
    if (!isLegacyDoc(legacy)) return false;
    const update = migrateLegacyDoc(legacy, keys);
    if (!update || doc.getMap(roots.session).has(sessionKey)) return false;
    Y.applyUpdate(doc, update, localOrigin);
    return true;
  } finally {
    await persistence.destroy();
    legacy.destroy();
  }
}
