import { Dexie, type EntityTable } from 'dexie';
import type { SessionRecord } from '../domain/session.ts';

/** The device's own database: the session library (docs live in y-indexeddb). */
export class KringDatabase extends Dexie {
  sessions!: EntityTable<SessionRecord, 'id'>;

  constructor(name = 'kring') {
    super(name);
    this.version(1).stores({ sessions: 'id, lastOpenedAt' });
  }
}
