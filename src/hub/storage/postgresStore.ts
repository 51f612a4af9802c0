import pg from 'pg';

/**
 * The rooms' Yjs updates in Postgres, append-only per room, as SQLite keeps them on a laptop
 * (updateStore.ts). Rows are CRDT updates: applying them in any order, or twice, gives the
 * same document, so two hubs that both wrote a room (a lease that changed hands while the old
 * holder still had a commit in flight) never lose each other's rows.
 */
export interface AsyncUpdateStore {
  /** Every stored update of a room; empty for a room never written. */
  updates(room: string): Promise<Uint8Array[]>;
  /** Appends updates to a room in one transaction, committed when this resolves. */
  append(room: string, updates: readonly Uint8Array[]): Promise<void>;
  /**
   * Replaces the rows it reads by `merge(rows)`, in one transaction; rows another writer
   * commits meanwhile stay. Returns how many rows the room has afterwards.
   */
  compact(room: string, merge: (rows: Uint8Array[]) => Uint8Array): Promise<number>;
  close(): Promise<void>;
}

export interface PostgresStoreOptions {
  /** A connection string, e.g. postgres://kring@127.0.0.1:5432/kring. */
  readonly url: string;
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
  /** Told about connection errors of idle clients (the pool replaces them). */
  readonly onError?: (error: Error) => void;
}

const schema = `
  CREATE TABLE IF NOT EXISTS kring_updates (
    id   bigserial PRIMARY KEY,
    room text NOT NULL,
    data bytea NOT NULL
  );
  CREATE INDEX IF NOT EXISTS kring_updates_by_room ON kring_updates (room, id);
`;

/**
 * Connects to Postgres and creates the table when missing. Durability is Postgres's own:
 * with the default `synchronous_commit = on` a commit is in the write-ahead log on disk when
 * it is acknowledged to the hub.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<AsyncUpdateStore> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // A database that does not answer must not leave a phone waiting for ever: the commit
    // fails, the phone is told nothing, it sends again.
    connectionTimeoutMillis: 5000,
    query_timeout: 10_000
  });
  pool.on('error', (error) => options.onError?.(error));
  try {
    // Two hubs starting at once both create the table: the lock makes one wait for the other.
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('kring_schema'))");
      await client.query(schema);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }

  return {
    async updates(room) {
      const result = await pool.query<{ data: Buffer }>(
        'SELECT data FROM kring_updates WHERE room = $1 ORDER BY id',
        [room]
      );
      return result.rows.map((row) => toBytes(row.data));
    },
    async append(room, updates) {
      if (updates.length === 0) return;
      // One statement, one transaction: a batch is committed whole or not at all.
      await pool.query('INSERT INTO kring_updates (room, data) SELECT $1, unnest($2::bytea[])', [
        room,
        updates.map((update) => Buffer.from(update.buffer, update.byteOffset, update.byteLength))
      ]);
    },
    async compact(room, merge) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // FOR UPDATE: a second compactor of the same rows waits, then finds them gone.
        const rows = await client.query<{ id: string; data: Buffer }>(
          'SELECT id, data FROM kring_updates WHERE room = $1 ORDER BY id FOR UPDATE',
          [room]
        );
        if (rows.rows.length > 1) {
          const merged = merge(rows.rows.map((row) => toBytes(row.data)));
          // Exactly the rows merged: one committed by another writer meanwhile stays.
          await client.query('DELETE FROM kring_updates WHERE id = ANY($1::bigint[])', [
            rows.rows.map((row) => row.id)
          ]);
          await client.query('INSERT INTO kring_updates (room, data) VALUES ($1, $2)', [
            room,
            Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength)
          ]);
        }
        await client.query('COMMIT');
        return Math.min(rows.rows.length, 1);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end()
  };
}

function toBytes(data: Buffer): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
