import type { SessionRecord } from './sessionRecord.ts';
import type { KringDatabase } from './KringDatabase.ts';
import {
  sortTracks,
  withReview,
  withSession,
  withoutSession,
  type AgreementReview,
  type TrackRecord
} from '../tracks/trackRecord.ts';

/** The tracks kept on this device; their sessions are the library's (SessionLibrary.ts). */
export class TrackLibrary {
  readonly #db: KringDatabase;

  constructor(db: KringDatabase) {
    this.#db = db;
  }

  /** Stores a new track; refuses an id that is taken, so an import never replaces one silently. */
  async add(track: TrackRecord): Promise<void> {
    await this.#db.tracks.add(track);
  }

  /** Stores a track over the one with its id: only after the person chose to replace it. */
  async replace(track: TrackRecord): Promise<void> {
    await this.#db.tracks.put(track);
  }

  async get(id: string): Promise<TrackRecord | undefined> {
    return this.#db.tracks.get(id);
  }

  /** All tracks, the one changed most recently first. */
  async list(): Promise<TrackRecord[]> {
    return sortTracks(await this.#db.tracks.toArray());
  }

  /** The track's sessions in the track's order (sessions missing from the library left out). */
  async sessionsOf(track: TrackRecord): Promise<SessionRecord[]> {
    const found = await this.#db.sessions.bulkGet([...track.sessionIds]);
    return found.filter((session): session is SessionRecord => session !== undefined);
  }

  /** Stores a new session of the track and adds it to the track's row, together. */
  async addSession(trackId: string, session: SessionRecord, now: number): Promise<void> {
    await this.#db.transaction('rw', this.#db.tracks, this.#db.sessions, async () => {
      const track = await this.#db.tracks.get(trackId);
      if (!track) throw new Error(`no track ${trackId}`);
      await this.#db.sessions.add({ ...session, trackId });
      await this.#db.tracks.put(withSession(track, session.id, now));
    });
  }

  /** Adds a follow-up of an agreement to the track's history. */
  async review(
    trackId: string,
    review: Omit<AgreementReview, 'note'> & { note: string }
  ): Promise<TrackRecord | undefined> {
    return this.#db.transaction('rw', this.#db.tracks, async () => {
      const track = await this.#db.tracks.get(trackId);
      if (!track) return undefined;
      const next = withReview(track, review);
      if (next !== track) await this.#db.tracks.put(next);
      return next;
    });
  }

  /** Takes a deleted session out of its track's row. */
  async forgetSession(trackId: string, sessionId: string, now: number): Promise<void> {
    await this.#db.transaction('rw', this.#db.tracks, async () => {
      const track = await this.#db.tracks.get(trackId);
      if (track) await this.#db.tracks.put(withoutSession(track, sessionId, now));
    });
  }

  /** Removes the track; its sessions stay in the library, on their own. */
  async remove(id: string): Promise<void> {
    await this.#db.transaction('rw', this.#db.tracks, this.#db.sessions, async () => {
      await this.#db.tracks.delete(id);
      await this.#db.sessions
        .where('trackId')
        .equals(id)
        .modify((session: { trackId?: string }) => {
          delete session.trackId;
        });
    });
  }
}
