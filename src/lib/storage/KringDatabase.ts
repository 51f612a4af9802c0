import { Dexie, type EntityTable } from 'dexie';
import type { SessionRecord } from './sessionRecord.ts';
import type { TemplateRecord } from './templateRecord.ts';
import type { TrackRecord } from '../tracks/trackRecord.ts';
import { newSessionKeys } from '../access/roomKeys.ts';

/** The device's own database: the session library and own templates (docs live in y-indexeddb). */
export class KringDatabase extends Dexie {
  sessions!: EntityTable<SessionRecord, 'id'>;
  templates!: EntityTable<TemplateRecord, 'id'>;
  tracks!: EntityTable<TrackRecord, 'id'>;

  constructor(name = 'kring') {
    super(name);
    this.version(1).stores({ sessions: 'id, lastOpenedAt' });
    // Version 3 gives every session a room whose key names its facilitator ("K.V", see
    // roomAccess.ts); records from before get fresh keys (their rooms held no guided flow).
    this.version(3)
      .stores({ sessions: 'id, lastOpenedAt' })
      .upgrade((tx) =>
        tx
          .table('sessions')
          .toCollection()
          .modify((session: { roomKey?: string; facilitatorKey?: string }) => {
            if (session.roomKey?.includes('.') && session.facilitatorKey) return;
            Object.assign(session, newSessionKeys());
          })
      );
    // Version 4 adds the facilitator's own scripts (the script editor's templates).
    this.version(4).stores({ templates: 'id, updatedAt' });
    // Version 5 adds tracks (sessions of one network that build on each other) and finds a
    // track's sessions by their trackId. Sessions from before belong to no track: the upgrade
    // only checks that none claims one (an older archive could not have set it).
    this.version(5)
      .stores({ sessions: 'id, lastOpenedAt, trackId', tracks: 'id, updatedAt' })
      .upgrade((tx) =>
        tx
          .table('sessions')
          .toCollection()
          .modify((session: { trackId?: unknown }) => {
            if (session.trackId !== undefined && typeof session.trackId !== 'string')
              delete session.trackId;
          })
      );
  }
}
