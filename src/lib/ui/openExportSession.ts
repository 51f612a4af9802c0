import { markStored } from '$lib/storage/copyMarks.ts';
import type { SessionRecord } from '$lib/storage/sessionRecord.ts';
import { openSession } from './openSession.ts';

/**
 * Opens a session to export it, away from the facilitate screen (the library, the report
 * view). The device's own copy comes from IndexedDB, so this works offline; when the hub is
 * reachable its newer state syncs in too. Relay only: an export needs no peer-to-peer mesh.
 */
export function openExportSession(
  record: SessionRecord,
  origin: string
): ReturnType<typeof openSession> {
  return openSession({
    roomKey: record.roomKey,
    facilitatorKey: record.facilitatorKey,
    url: new URL('/?paths=relay', origin),
    role: 'facilitator',
    locale: record.locale,
    markCopy: markStored
  });
}
