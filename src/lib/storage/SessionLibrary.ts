import { sortForLibrary, type ReportExtras, type SessionRecord } from './sessionRecord.ts';
import type { KringDatabase } from './KringDatabase.ts';
import { forgetPaint } from './presentPaints.ts';
import { forgetRoomCopy } from './roomCopies.ts';

/** The sessions kept on this device. */
export class SessionLibrary {
  readonly #db: KringDatabase;

  constructor(db: KringDatabase) {
    this.#db = db;
  }

  /** Stores a new session; refuses to overwrite one with the same id. */
  async add(session: SessionRecord): Promise<void> {
    await this.#db.sessions.add(session);
  }

  /** All sessions, most recently used first. */
  async list(): Promise<SessionRecord[]> {
    return sortForLibrary(await this.#db.sessions.toArray());
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    return this.#db.sessions.get(id);
  }

  /** Marks a session as just opened so it rises to the top of the library. */
  async touch(id: string, now: number): Promise<void> {
    await this.#db.sessions.update(id, { lastOpenedAt: now });
  }

  /** The session on this device that holds this room, if any. */
  async findByRoomKey(roomKey: string): Promise<SessionRecord | undefined> {
    return this.#db.sessions.filter((session) => session.roomKey === roomKey).first();
  }

  /** Follows the title the facilitators gave the session in its shared doc. */
  async rename(id: string, title: string): Promise<void> {
    await this.#db.sessions.update(id, { title });
  }

  /** Keeps what the facilitator typed for the report (partners, conclusion) with the session. */
  async setReport(id: string, report: ReportExtras): Promise<void> {
    await this.#db.sessions.update(id, { report: { ...report } });
  }

  /** Removes the session's card and the projector's last paint of it; its room's copy stays. */
  async removeCard(id: string): Promise<void> {
    await this.#db.sessions.delete(id);
    forgetPaint(id);
  }

  /**
   * Removes the session from this device: its card, and its room's copy with all kept beside
   * it (storage/roomCopies.ts). The card goes first: the library never lists a session whose
   * content is gone. A room another card still names keeps its copy.
   */
  async remove(id: string): Promise<void> {
    const session = await this.#db.sessions.get(id);
    await this.removeCard(id);
    if (!session || (await this.findByRoomKey(session.roomKey))) return;
    await forgetRoomCopy(session.roomKey);
  }
}
