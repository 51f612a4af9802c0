import type { Document, Extension } from '@hocuspocus/server';
import { isTransactionOrigin } from '@hocuspocus/server';
import * as Y from 'yjs';
import type { UpdateStore } from './updateStore.ts';

/*
 * When is an update safe? Read from @hocuspocus/server 4.7 (src/MessageReceiver.ts,
 * Document.ts, Hocuspocus.ts):
 *
 *   MessageReceiver.readSyncMessage, for a client's SyncStep2 or Update message, calls
 *   y-protocols' readSyncStep2/readUpdate, which is Y.applyUpdate on the room's Document.
 *   Yjs emits the document's 'update' event synchronously while that call runs (in the
 *   transaction cleanup). Only after applyUpdate returns does readSyncMessage send the
 *   client its SyncStatus(true), the ack that clears the provider's unsynced-changes count.
 *
 *   The `onChange` hook is NOT synchronous: Document.handleUpdate calls Hocuspocus's
 *   handleDocumentUpdate synchronously, but that runs `hooks('onChange')`, which chains the
 *   extension calls on `Promise.resolve().then(...)`. onChange therefore runs in a microtask
 *   after the ack has been handed to the socket. `onStoreDocument` is debounced (2 s, at most
 *   10 s). Persisting in either could lose an update the client was told is safe.
 *
 * So this extension listens to the Document's own 'update' event (registered when the room
 * loads, after Document's own listener) and commits each update to SQLite right there: by the
 * time the ack is written, the row is in the database. Broadcasts to the room's other clients
 * go out later still (Document batches them with setImmediate when `flushDelay` is 0).
 *
 * Yjs holds back an update whose causal predecessors it has not seen ("pending"), emits no
 * 'update' for it, and Hocuspocus acks it anyway. Such an update is persisted too, from the
 * document's pending store, in 'afterTransactionCleanup' (which also runs before the ack).
 *
 * If writing fails (disk full, I/O error), the update is already in memory. Throwing would
 * not stop the ack: y-protocols' readUpdate/readSyncStep2 catch every error, including
 * errors thrown by 'update' listeners, log them, and return normally, so Hocuspocus still
 * sends SyncStatus(true). Instead the sending client's socket is closed, which makes
 * Hocuspocus's Connection.send drop the ack; the client keeps the change as unsynced and
 * syncs it again when it reconnects. The room is marked dirty: its whole in-memory state is
 * appended as one row before the next ack to anyone ('afterTransactionCleanup' runs for every
 * applied message, also one that changes nothing), and again at unload.
 *
 * That repair must come before any ack, not just after the next write: the client whose
 * write failed reconnects while the room stays open (others are in it), its sync step 2
 * carries nothing new (the hub holds the change in memory), and the ack of that step 2 tells
 * its provider that nothing is waiting. Found by the crash test (hubCrash.test.ts). If the
 * repair fails too, that client is dropped as well.
 */

export interface PersistenceOptions {
  /** Compact a room's rows into one when it has this many. */
  readonly compactAfter: number;
}

interface TrackedRoom {
  readonly name: string;
  rows: number;
  /** A write failed: the database lacks something the document holds. */
  dirty: boolean;
  compactionScheduled: boolean;
}

/** What the database has of a room's pending (not yet integrable) updates. */
export interface PendingSeen {
  structs: Uint8Array | null;
  deleteSet: Uint8Array | null;
}

const log = (message: string, error: unknown): void => console.error(message, error);

/** A Hocuspocus extension that keeps every room's updates in `store` (see above). */
export function persistence(store: UpdateStore, options: PersistenceOptions): Extension {
  const rooms = new WeakMap<Document, TrackedRoom>();

  const compact = (document: Document, room: TrackedRoom): void => {
    room.compactionScheduled = false;
    if (!store.isOpen) return;
    try {
      if (room.dirty && !document.isDestroyed) {
        // A write failed: the document holds something the rows lack. Its whole state is
        // one more update (applying it twice is harmless), so append it before compacting.
        store.append(room.name, Y.encodeStateAsUpdate(document));
        room.dirty = false;
      }
      // Compaction works on the rows alone, never on the in-memory document: whatever is in
      // the database stays there, whoever wrote it.
      room.rows = store.compact(room.name, mergeRows);
    } catch (error) {
      log(`Kring hub: could not compact room ${room.name}`, error);
    }
  };

  /** Saves the room's whole state after a failed write; false when that fails too. */
  const repair = (document: Document, room: TrackedRoom): boolean => {
    if (!store.isOpen) return false;
    try {
      // Includes the document's pending (not yet integrable) updates.
      store.append(room.name, Y.encodeStateAsUpdate(document));
    } catch (error) {
      log(`Kring hub: could not save room ${room.name} after a failed write`, error);
      return false;
    }
    room.rows += 1;
    room.dirty = false;
    return true;
  };

  const scheduleCompaction = (document: Document, room: TrackedRoom): void => {
    if (room.compactionScheduled) return;
    room.compactionScheduled = true;
    // Not inside the 'update' event: that runs in the middle of Yjs's transaction cleanup.
    setImmediate(() => compact(document, room));
  };

  const write = (document: Document, room: TrackedRoom, update: Uint8Array, origin: unknown) => {
    if (!store.isOpen) {
      log(`Kring hub: update for room ${room.name} after the database closed`, undefined);
      dropOriginClient(origin);
      return;
    }
    try {
      store.append(room.name, update);
      room.rows += 1;
    } catch (error) {
      log(`Kring hub: could not save an update for room ${room.name}`, error);
      dropOriginClient(origin);
      room.dirty = true;
      return;
    }
    // The database takes writes (again): a good moment to also repair what it missed.
    if (room.dirty || room.rows >= options.compactAfter) scheduleCompaction(document, room);
  };

  return {
    extensionName: 'KringPersistence',

    async onLoadDocument({ document, documentName }) {
      const rows = store.updates(documentName);
      // Before the listeners below exist: loading writes nothing back.
      if (rows.length > 0) Y.applyUpdate(document, Y.mergeUpdates(rows));
      const room: TrackedRoom = {
        name: documentName,
        rows: rows.length,
        dirty: false,
        compactionScheduled: false
      };
      rooms.set(document, room);

      const seen: PendingSeen = pendingOf(document);
      document.on('afterTransactionCleanup', (transaction) => {
        if (room.dirty && !repair(document, room)) {
          Object.assign(seen, pendingOf(document));
          dropOriginClient(transaction.origin);
          return;
        }
        let update: Uint8Array | undefined;
        try {
          update = newPending(document, seen);
        } catch (error) {
          // Never throw out of a Yjs event: it would cut the transaction's cleanup short.
          log(`Kring hub: could not encode pending updates of room ${room.name}`, error);
          dropOriginClient(transaction.origin);
          room.dirty = true;
          return;
        }
        if (update) write(document, room, update, transaction.origin);
      });
      document.on('update', (update: Uint8Array, origin: unknown) => {
        write(document, room, update, origin);
      });

      if (room.rows >= options.compactAfter) scheduleCompaction(document, room);
    },

    // A room that goes quiet is left as one row.
    async beforeUnloadDocument({ document }) {
      const room = rooms.get(document);
      if (room && (room.rows > 1 || room.dirty)) compact(document, room);
    }
  };
}

/**
 * One update equivalent to all of `rows`. Applied to a fresh document and encoded again (not
 * just Y.mergeUpdates), so the content of deleted notes is garbage-collected; updates that
 * still miss their predecessors stay in, as Yjs's pending part of the state.
 */
export function mergeRows(rows: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, Y.mergeUpdates(rows));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * The pending parts of `document` that appeared since `seen` (which it brings up to date),
 * as one v1 update; undefined when there are none. Throws when they cannot be encoded.
 */
export function newPending(document: Y.Doc, seen: PendingSeen): Uint8Array | undefined {
  const now = pendingOf(document);
  const fresh: Uint8Array[] = [];
  if (now.structs !== null && now.structs !== seen.structs) fresh.push(now.structs);
  if (now.deleteSet !== null && now.deleteSet !== seen.deleteSet) fresh.push(now.deleteSet);
  Object.assign(seen, now);
  if (fresh.length === 0) return undefined;
  // Yjs keeps pending updates in its v2 encoding; the tables hold v1.
  return Y.mergeUpdates(fresh.map((pending) => Y.convertUpdateFormatV2ToV1(pending)));
}

export function pendingOf(document: Y.Doc): PendingSeen {
  return {
    structs: document.store.pendingStructs?.update ?? null,
    deleteSet: document.store.pendingDs
  };
}

/**
 * Closes the socket of the client whose message produced an update that could not be
 * saved. Closing it now puts it in the CLOSING state, so Hocuspocus's Connection.send skips
 * the SyncStatus ack that would otherwise follow.
 */
function dropOriginClient(origin: unknown): void {
  if (isTransactionOrigin(origin) && origin.source === 'connection') {
    origin.connection.webSocket.close(1011, 'storage failed');
  }
}
