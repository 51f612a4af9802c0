import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { CodeBook } from '../roomCodes.ts';
import { databaseFileName } from '../sync/updateStore.ts';

export interface SqliteCodeBook extends CodeBook {
  close(): void;
}

/**
 * Short session codes kept with the rooms, in the hub's SQLite database, so a code on the
 * projector keeps working after the hub restarts (the present screen registers it once).
 * A connection of its own to the same file: the table is independent of the rooms' rows.
 */
export function openSqliteCodeBook(dataDir: string, maxCodes = 1000): SqliteCodeBook {
  mkdirSync(dataDir, { recursive: true });
  const db = new DatabaseSync(join(dataDir, databaseFileName));
  try {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA busy_timeout = 1000');
    db.exec(`
      CREATE TABLE IF NOT EXISTS room_codes (
        code     TEXT PRIMARY KEY,
        room     TEXT NOT NULL UNIQUE,
        room_key TEXT NOT NULL,
        expires  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS room_codes_by_expiry ON room_codes (expires);
    `);
  } catch (error) {
    db.close();
    throw error;
  }
  const renew = db.prepare(
    'UPDATE room_codes SET expires = ? WHERE room = ? AND expires > ? RETURNING code'
  );
  const prune = db.prepare('DELETE FROM room_codes WHERE expires <= ? OR room = ?');
  const count = db.prepare('SELECT count(*) AS n FROM room_codes');
  const evictOldest = db.prepare(
    'DELETE FROM room_codes WHERE code IN (SELECT code FROM room_codes ORDER BY expires LIMIT ?)'
  );
  const insert = db.prepare(
    'INSERT INTO room_codes (code, room, room_key, expires) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING'
  );
  const find = db.prepare('SELECT room_key FROM room_codes WHERE code = ? AND expires > ?');

  return {
    async renew(roomId, expires, now) {
      const row = renew.get(expires, roomId, now);
      return typeof row?.['code'] === 'string' ? row['code'] : undefined;
    },
    async add(code, roomId, roomKey, expires, now) {
      db.exec('BEGIN IMMEDIATE');
      try {
        prune.run(now, roomId);
        const n = Number(count.get()?.['n'] ?? 0);
        if (n >= maxCodes) evictOldest.run(n - maxCodes + 1);
        const added = insert.run(code, roomId, roomKey, expires).changes === 1;
        db.exec('COMMIT');
        return added;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    async lookUp(code, now) {
      const row = find.get(code, now);
      return typeof row?.['room_key'] === 'string' ? row['room_key'] : undefined;
    },
    close() {
      if (db.isOpen) db.close();
    }
  };
}
