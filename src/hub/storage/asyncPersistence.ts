import type { Document, Extension } from '@hocuspocus/server';
import * as Y from 'yjs';
import { mergeRows, newPending, pendingOf, type PendingSeen } from '../sync/persistence.ts';
import { gateOf } from './gatedSocket.ts';
import type { AsyncUpdateStore } from './postgresStore.ts';

/*
 * Persistence for a store whose commits are asynchronous (Postgres), keeping the promise of
 * the synchronous SQLite path (persistence.ts): a client is told an update is saved only once
 * it is committed.
 *
 * Hocuspocus applies a client's update and writes its SyncStatus ack in the same synchronous
 * run; a Postgres commit takes a round trip. So every update is handed to the room's commit
 * queue in the document's own 'update' event (pending, not yet integrable updates in
 * 'afterTransactionCleanup', as in persistence.ts), and every socket of the room holds what
 * Hocuspocus sends it until that commit is done (gatedSocket.ts). A message that starts while
 * a commit is in flight is held behind it too ('beforeHandleMessage', which Hocuspocus awaits
 * before applying): a phone that reconnects and offers a change the hub already holds in
 * memory (sent by a peer of it, whose commit is still on its way) gets its ack only after
 * that commit.
 *
 * The queue commits in batches: updates that arrive while a commit is in flight go together
 * in the next one, so a busy room costs one round trip per batch, not per update.
 *
 * If a commit fails, every socket of the room is closed (the held acks with it): each client
 * keeps its changes as unsaved and sends them again. The room is marked dirty, and its whole
 * state goes into the next commit, before any other ack (a reconnecting client's sync brings
 * nothing the hub holds in memory, so its ack must wait for that repair).
 */

export interface AsyncPersistenceOptions {
  /** Compact a room's rows into one when it has this many. */
  readonly compactAfter: number;
  /** Told about failed commits and compactions (no room content, no keys). */
  readonly onError: (message: string, error: unknown) => void;
}

interface Room {
  readonly name: string;
  readonly document: Document;
  queue: Uint8Array[];
  /** The batch being formed: it starts once the one in flight is done. */
  next: Promise<boolean> | undefined;
  /** The newest batch started or forming; settles after every earlier one. */
  tail: Promise<boolean>;
  inFlight: number;
  rows: number;
  dirty: boolean;
  compacting: boolean;
}

const internalError = 1011;

export function asyncPersistence(
  store: AsyncUpdateStore,
  options: AsyncPersistenceOptions
): Extension {
  const rooms = new WeakMap<Document, Room>();

  const holdAll = (room: Room, committed: Promise<boolean>): void => {
    for (const connection of room.document.getConnections()) {
      gateOf(connection.webSocket)?.holdUntil(committed);
    }
  };

  const flush = async (room: Room): Promise<boolean> => {
    room.next = undefined;
    const batch = room.queue.splice(0);
    // After a failed commit the rows lack something the document holds: its whole state
    // (pending updates included) goes first, and covers the batch's updates as well.
    const repairing = room.dirty && !room.document.isDestroyed;
    if (repairing) batch.unshift(Y.encodeStateAsUpdate(room.document));
    if (batch.length === 0) return true;
    try {
      await store.append(room.name, batch);
    } catch (error) {
      options.onError(`could not save ${batch.length} updates of room ${short(room.name)}`, error);
      room.dirty = true;
      for (const connection of room.document.getConnections()) {
        connection.webSocket.close(internalError, 'storage failed');
      }
      return false;
    }
    if (repairing) room.dirty = false;
    room.rows += batch.length;
    if (room.rows >= options.compactAfter) void compact(room);
    return true;
  };

  /** Queues an update (or, with none, a repair of a dirty room) and holds the room's sockets. */
  const commit = (room: Room, update: Uint8Array | undefined): void => {
    if (update) room.queue.push(update);
    if (!room.next) {
      room.inFlight += 1;
      const batch = room.tail.then(() => flush(room));
      room.next = batch;
      room.tail = batch;
      void batch.then(() => (room.inFlight -= 1));
    }
    holdAll(room, room.next);
  };

  const compact = async (room: Room): Promise<void> => {
    if (room.compacting) return;
    room.compacting = true;
    const before = room.rows;
    try {
      const left = await store.compact(room.name, mergeRows);
      // Rows appended while compacting stayed outside it.
      room.rows = left + (room.rows - before);
    } catch (error) {
      options.onError(`could not compact room ${short(room.name)}`, error);
    } finally {
      room.compacting = false;
    }
  };

  return {
    extensionName: 'KringAsyncPersistence',

    async onLoadDocument({ document, documentName }) {
      const rows = await store.updates(documentName);
      // Before the listeners below exist: loading writes nothing back.
      if (rows.length > 0) Y.applyUpdate(document, Y.mergeUpdates(rows));
      const room: Room = {
        name: documentName,
        document,
        queue: [],
        next: undefined,
        tail: Promise.resolve(true),
        inFlight: 0,
        rows: rows.length,
        dirty: false,
        compacting: false
      };
      rooms.set(document, room);

      const seen: PendingSeen = pendingOf(document);
      document.on('afterTransactionCleanup', () => {
        let pending: Uint8Array | undefined;
        try {
          pending = newPending(document, seen);
        } catch (error) {
          // Never throw out of a Yjs event. The whole state goes in the next commit instead.
          options.onError(`could not encode pending updates of room ${short(room.name)}`, error);
          room.dirty = true;
        }
        if (pending || room.dirty) commit(room, pending);
      });
      document.on('update', (update: Uint8Array) => commit(room, update));
    },

    async beforeHandleMessage({ document, connection }) {
      const room = rooms.get(document);
      if (room && room.inFlight > 0) gateOf(connection.webSocket)?.holdUntil(room.tail);
    },

    // A room leaves memory only with everything committed; it is left as one row.
    async beforeUnloadDocument({ document }) {
      const room = rooms.get(document);
      if (!room) return;
      if (room.dirty) commit(room, undefined);
      if (!(await room.tail)) {
        // Unloading now would drop what only the memory holds: keep the room (Hocuspocus
        // unloads it with its next last client).
        throw new Error(`room ${short(room.name)} is not saved`);
      }
      if (room.rows > 1) await compact(room);
    }
  };
}

/** Enough of a room id to follow it in logs. */
function short(room: string): string {
  return `${room.slice(0, 6)}…`;
}
