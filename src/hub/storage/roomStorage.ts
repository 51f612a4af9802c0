import type { Extension, WebSocketLike } from '@hocuspocus/server';
import type { WebSocket } from 'ws';
import { persistence } from '../sync/persistence.ts';
import { openUpdateStore } from '../sync/updateStore.ts';

/**
 * Where the relay keeps its rooms. Whatever the engine, the rule is the same: an update a
 * client sent is committed before that client hears that it is saved (Hocuspocus's
 * SyncStatus), and a room that opens is loaded whole before anyone is served.
 */
export interface RoomStorage {
  /** The Hocuspocus side: loads each room as it opens and commits every update. */
  readonly extension: Extension;
  /**
   * The socket Hocuspocus writes to for one client. A synchronous store needs nothing (the
   * commit is done when the update event returns); an asynchronous one holds what is sent
   * until the commits before it are done (gatedSocket.ts).
   */
  wrapSocket(ws: WebSocket): WebSocketLike;
  /** After the rooms unloaded: closes the database. */
  close(): Promise<void>;
}

export interface SqliteStorageOptions {
  /** Compact a room's stored rows into one when it has this many. */
  readonly compactAfter: number;
}

/** The laptop default: SQLite in `<dataDir>/kring-hub.sqlite`, embedded, no service to run. */
export function sqliteStorage(dataDir: string, options: SqliteStorageOptions): RoomStorage {
  const store = openUpdateStore(dataDir);
  return {
    extension: persistence(store, { compactAfter: options.compactAfter }),
    wrapSocket: (ws) => ws,
    close: async () => {
      // Every update was committed as it arrived; closing only checkpoints the WAL.
      store.close();
    }
  };
}
