import {
  isTransactionOrigin,
  type beforeSyncPayload,
  type Hocuspocus,
  type LocalTransactionOrigin
} from '@hocuspocus/server';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import * as Y from 'yjs';

/*
 * Everything the hub relies on in @hocuspocus/server and Yjs beyond their documented APIs,
 * in one place. package.json pins both to exact versions; tests/unit/libraryContract.test.ts
 * fails when an upgrade changes any of these, so read it (and this file) before upgrading.
 * Read from @hocuspocus/server 4.7.0 (src/MessageReceiver.ts, Connection.ts, Hocuspocus.ts)
 * and Yjs 13.6.33 (src/utils/StructStore.js, encoding.js):
 *
 * 1. When an update is safe (persistence.ts). For a client's SyncStep2 or Update message,
 *    MessageReceiver.readSyncMessage calls y-protocols' readSyncStep2/readUpdate, which is
 *    Y.applyUpdate on the room's Document; Yjs emits the document's 'update' event and then
 *    'afterTransactionCleanup' synchronously inside that call. Only after it returns does
 *    Hocuspocus send the client SyncStatus(true), the ack that clears the provider's count of
 *    unsynced changes. Connection.send drops a message once the socket is closing, so closing
 *    the sender's socket inside those events suppresses the ack (dropSender below).
 *
 * 2. Updates Yjs cannot integrate yet (their predecessors are missing) emit no 'update' event
 *    and are acked all the same. Yjs keeps them in private fields of the doc's StructStore:
 *    `pendingStructs: { missing, update }` and `pendingDs: Uint8Array`, both in its v2
 *    encoding, replaced (never changed in place) when they change (pendingUpdates below).
 *
 * 3. Which rooms are open (limits.ts): Hocuspocus keeps loaded rooms in `documents` (public)
 *    and rooms still loading in `loadingDocuments`, a Map by name (openRooms below).
 *
 * 4. Message checks are Hocuspocus hooks, not a reading of its wire format: `beforeSync` gets
 *    the y-protocols sync type and the update before it is applied, for messages addressed to
 *    the room as `<room>` or `<room>\0<session>`; a hook that throws stops the message (not
 *    applied, not acked) and closes the connection's document, dropping what it had queued.
 *
 * 5. The hub's own changes (the guard's repairs) carry a "local" transaction origin:
 *    Hocuspocus broadcasts them to every connection of the room, and persistence stores them.
 *
 * 6. When a change reaches the room's other clients (afterBroadcast below). With
 *    `flushDelay: 0`, Document.handleUpdate (a listener of the doc's 'update' event, added in
 *    its constructor) queues the update and sends what is queued in a setImmediate it
 *    schedules then. Yjs emits 'afterAllTransactions' after 'update', and a transaction's
 *    observers run before both, while `doc._transactionCleanups` is not empty.
 */

/** The Yjs update a client's sync message carries, as beforeSync sees it; none for SyncStep1. */
export function syncUpdate(
  message: Pick<beforeSyncPayload, 'type' | 'payload'>
): Uint8Array | undefined {
  return message.type === messageYjsSyncStep2 || message.type === messageYjsUpdate
    ? message.payload
    : undefined;
}

/** Names of the rooms Hocuspocus has loaded or is loading. */
export function openRooms(instance: Hocuspocus): Set<string> {
  return new Set([...instance.documents.keys(), ...instance.loadingDocuments.keys()]);
}

/** What Yjs holds back of a doc until the missing parts arrive (v2 encoding; null: nothing). */
export interface PendingUpdates {
  readonly structs: Uint8Array | null;
  readonly deleteSet: Uint8Array | null;
}

export function pendingUpdates(doc: Y.Doc): PendingUpdates {
  return { structs: doc.store.pendingStructs?.update ?? null, deleteSet: doc.store.pendingDs };
}

/** The pending parts that changed since `seen`, as one update in the v1 encoding. */
export function pendingSince(seen: PendingUpdates, now: PendingUpdates): Uint8Array | undefined {
  const fresh: Uint8Array[] = [];
  if (now.structs !== null && now.structs !== seen.structs) fresh.push(now.structs);
  if (now.deleteSet !== null && now.deleteSet !== seen.deleteSet) fresh.push(now.deleteSet);
  if (fresh.length === 0) return undefined;
  return Y.mergeUpdates(fresh.map((pending) => Y.convertUpdateFormatV2ToV1(pending)));
}

/**
 * Closes the socket of the client whose message made a transaction (nothing for the hub's own
 * changes). Called while the update is applied, this keeps Hocuspocus from acking it.
 */
export function dropSender(origin: unknown, code: number, reason: string): void {
  if (isTransactionOrigin(origin) && origin.source === 'connection') {
    origin.connection.webSocket.close(code, reason);
  }
}

/** A transaction origin for the hub's own changes (broadcast and stored like a client's). */
export function hubOrigin<T extends Record<string, unknown>>(tag: T): LocalTransactionOrigin & T {
  return { source: 'local', ...tag };
}

/** Defers work until the room's other clients have been sent this turn's changes. */
export interface AfterBroadcast {
  defer(job: () => void): void;
  stop(): void;
}

/**
 * Work that may wait until the room has the change (point 6): jobs deferred while a
 * transaction is applied run in a setImmediate scheduled on 'afterAllTransactions', so after
 * Hocuspocus's broadcast of that transaction; jobs deferred outside one run in the next
 * turn. A job that throws is reported and does not stop the others (or the hub).
 */
export function afterBroadcast(doc: Y.Doc, onError: (error: unknown) => void): AfterBroadcast {
  const jobs: (() => void)[] = [];
  let scheduled: NodeJS.Immediate | undefined;
  const run = (): void => {
    scheduled = undefined;
    for (const job of jobs.splice(0)) {
      try {
        job();
      } catch (error) {
        onError(error);
      }
    }
  };
  const schedule = (): void => {
    if (jobs.length > 0) scheduled ??= setImmediate(run);
  };
  const inTransaction = (): boolean =>
    doc._transaction !== null || doc._transactionCleanups.length > 0;
  doc.on('afterAllTransactions', schedule);
  return {
    defer(job) {
      jobs.push(job);
      if (!inTransaction()) schedule();
    },
    stop() {
      doc.off('afterAllTransactions', schedule);
      jobs.length = 0;
      if (scheduled) clearImmediate(scheduled);
      scheduled = undefined;
    }
  };
}
