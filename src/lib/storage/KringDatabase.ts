import { Dexie, type EntityTable } from 'dexie';
import type { SessionRecord } from '../domain/session.ts';
import { newRoomKey } from '../sync/roomAccess.ts';

/** The device's own database: the session library (docs live in y-indexeddb). */
export class KringDatabase extends Dexie {
  sessions!: EntityTable<SessionRecord, 'id'>;

  constructor(name = 'kring') {
    super(name);
    this.version(1).stores({ sessions: 'id, lastOpenedAt' });
    // Version 2 gave every session its own room: older records get fresh keys.
    this.version(2)
      .stores({ sessions: 'id, lastOpenedAt' })
      .upgrade((tx) =>
        tx
          .table('sessions')
          .toCollection()
          .modify((session: { roomKey?: string; facilitatorKey?: string }) => {
            session.roomKey ??= newRoomKey();
            session.facilitatorKey ??= newRoomKey();
          })
      );
  }
}
