import type { SessionRecord } from '../../storage/sessionRecord.ts';
import { readStoredDoc } from '../../export/browser/storeArchive.ts';
import { project, type SessionView } from '../../model/view.ts';
import type { SessionData } from '../../model/sessionData.ts';
import { readSessionData } from '../../sync/sessionTransfer.ts';
import * as Y from 'yjs';

/*
 * Browser only: the sessions of a track as this device keeps them, read from IndexedDB
 * (offline), each as checked data and the facilitator's view of it (no author is "me").
 */

export interface StoredSession {
  readonly record: SessionRecord;
  readonly data: SessionData;
  readonly view: SessionView;
  /** The doc's whole state, for the track archive. */
  readonly update: Uint8Array;
}

export async function readTrackSessions(
  records: readonly SessionRecord[]
): Promise<StoredSession[]> {
  return Promise.all(
    records.map(async (record) => {
      const doc = await readStoredDoc(record.roomKey);
      try {
        const data = readSessionData(doc, record.roomKey);
        const view = project(data, {
          role: 'facilitator',
          locale: record.locale,
          authorOf: () => undefined
        });
        return { record, data, view, update: Y.encodeStateAsUpdate(doc) };
      } finally {
        doc.destroy();
      }
    })
  );
}
