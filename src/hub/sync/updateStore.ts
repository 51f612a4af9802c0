import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** Name of the hub's database file inside the data directory. */
export const databaseFileName = 'kring-hub.sqlite';

/**
 * The rooms' Yjs updates, append-only per room, in SQLite. Every call is synchronous and
 * committed when it returns: the relay writes each update before it acknowledges it.
 */
export interface UpdateStore {
  /** Every stored update of a room, oldest first; empty for a room that was never written. */
  updates(room: string): Uint8Array[];
  /** Appends one update to a room, committed when this returns. */
  append(room: string, update: Uint8Array): void;
  /**
   * Replaces a room's rows by `merge(rows)`, in one transaction: rows that another writer
   * appends meanwhile are not lost. Returns how many rows the room has afterwards.
   */
  compact(room: string, merge: (rows: Uint8Array[]) => Uint8Array): number;
  /** How many rows a room has. */
  count(room: string): number;
  readonly isOpen: boolean;
  close(): void;
}

const schemaVersion = 1;

/**
 * Opens (creating if needed) `<dataDir>/kring-hub.sqlite`.
 *
 * Durability: WAL with `synchronous = NORMAL`. A commit is then written to the WAL file
 * before `append` returns, so it survives the hub process being killed (kill -9, a crash):
 * the data sits in the operating system, which writes it out. Only a power cut or kernel
 * crash can lose the last commits; the phones still hold everything in IndexedDB and send
 * what the hub lacks when they sync again. `FULL` would add an fsync to every update, in the
 * relay's hot path (measured here: 13 µs per insert with NORMAL, 185 µs with FULL; far more
 * on a slow laptop disk).
 */
export function openUpdateStore(dataDir: string): UpdateStore {
  mkdirSync(dataDir, { recursive: true });
  const db = new DatabaseSync(join(dataDir, databaseFileName));
  try {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    // WAL readers never block the hub; only another writer on the same file could (a second
    // hub on this data dir). Wait for it briefly: waiting blocks the event loop.
    db.exec('PRAGMA busy_timeout = 1000');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const selectRows = db.prepare('SELECT id, data FROM updates WHERE room = ? ORDER BY id');
  const insertRow = db.prepare('INSERT INTO updates (room, data) VALUES (?, ?)');
  const deleteRows = db.prepare('DELETE FROM updates WHERE room = ? AND id <= ?');
  const countRows = db.prepare('SELECT count(*) AS n FROM updates WHERE room = ?');

  return {
    updates(room) {
      return selectRows.all(room).map((row) => toBytes(row['data']));
    },
    append(room, update) {
      insertRow.run(room, update);
    },
    compact(room, merge) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const rows = selectRows.all(room);
        const last = rows.at(-1)?.['id'];
        if (rows.length > 1 && typeof last === 'number') {
          const merged = merge(rows.map((row) => toBytes(row['data'])));
          deleteRows.run(room, last);
          insertRow.run(room, merged);
        }
        db.exec('COMMIT');
        return Math.min(rows.length, 1);
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    count(room) {
      return Number(countRows.get(room)?.['n'] ?? 0);
    },
    get isOpen() {
      return db.isOpen;
    },
    close() {
      if (db.isOpen) db.close();
    }
  };
}

function migrate(db: DatabaseSync): void {
  const version = Number(db.prepare('PRAGMA user_version').get()?.['user_version'] ?? 0);
  if (version > schemaVersion) {
    throw new Error(
      `the database was written by a newer Kring (schema ${version}); update Kring or use another --data-dir`
    );
  }
  if (version === schemaVersion) return;
  db.exec(`
    BEGIN IMMEDIATE;
    CREATE TABLE IF NOT EXISTS updates (
      id   INTEGER PRIMARY KEY,
      room TEXT NOT NULL,
      data BLOB NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS updates_by_room ON updates (room, id);
    PRAGMA user_version = ${schemaVersion};
    COMMIT;
  `);
}

function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw new Error('updates.data is not a blob');
}
