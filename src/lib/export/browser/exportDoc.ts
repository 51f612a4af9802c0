import type { SessionRecord } from '../../domain/session.ts';
import { deviceSecret } from '../../storage/deviceIdentity.ts';
import { facilitatorCredentials } from '../../sync/hubCredentials.ts';
import { RoomConnection } from '../../sync/RoomConnection.ts';

/**
 * Browser only: opens a session's doc to export it, away from the facilitate screen (the
 * library, the report view). The device's own copy comes from IndexedDB, so this works
 * offline; when the hub is reachable its newer state syncs in too. Relay only: an export
 * needs no peer-to-peer mesh, and no presence: it is no screen in the room.
 */
export function openExportDoc(record: SessionRecord, origin: string): RoomConnection {
  const secret = deviceSecret();
  return new RoomConnection({
    roomKey: record.roomKey,
    origin,
    paths: { relay: true, peer: false },
    credentials: (secrets) =>
      facilitatorCredentials(
        secrets.hubToken,
        secrets.roomId,
        secret,
        record.facilitatorKey,
        Date.now()
      )
  });
}
