import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { deriveRoomSecrets, newSessionKeys } from '../../src/lib/access/roomKeys.ts';
import { randomId } from '../../src/lib/domain/ids.ts';
import { databaseFileName } from '../../src/hub/sync/updateStore.ts';
import { startHubProcess, type HubProcess } from './hubProcess.ts';
import {
  addIdea,
  ideasOf,
  openDevice,
  ready,
  startSession,
  storedIdeas,
  type TestDevice
} from './testDevice.ts';

/*
 * One round of the hub crash test: a real hub process, phones writing ideas (each a signed
 * record, through the session's rules) as fast as they can through real HocuspocusProviders,
 * kill -9 in the middle, and a check that the database the restarted hub opens holds every
 * update the hub acknowledged.
 *
 * What counts as acknowledged is read off the wire, not from the provider's unsyncedChanges
 * counter (which a reconnect resets, so it can reach 0 early). Hocuspocus handles one
 * connection's messages in order and answers each sync step 2 and update with SyncStatus
 * once applied (and, with Kring's persistence, committed); so the n-th SyncStatus on a socket
 * acknowledges the n-th update sent on it.
 */

export interface CrashRoundOptions {
  readonly writers: number;
  /** Kill the hub once it has acknowledged this many updates in total. */
  readonly killAfterAcks: number;
  /** Each phone stops after this many changes (a big session has a few hundred ideas in all). */
  readonly notesPerWriter?: number;
  readonly log?: (line: string) => void;
  /** A guard against hangs while waiting for those acks (default 120 s). */
  readonly ackWaitMs?: number;
  /** The hub under test and where it stores rooms; a laptop hub on SQLite by default. */
  readonly target?: CrashTarget;
}

/** A hub to crash: started (and restarted) on the same storage, which the test then reads. */
export interface CrashTarget {
  start(): Promise<HubProcess>;
  /** What the storage holds of a room, read as a restarted hub would. */
  stored(room: string): Promise<Y.Doc>;
  cleanup(): void;
}

/** A laptop hub with its SQLite database in a fresh temp folder. */
export function sqliteTarget(): CrashTarget {
  const dir = mkdtempSync(join(tmpdir(), 'kring-crash-'));
  const dataDir = join(dir, 'data');
  const env = { KRING_BUILD_DIR: fakeBuild(dir) };
  return {
    start: () => startHubProcess({ args: ['--data-dir', dataDir], env }),
    stored: async (room) => storedDoc(dataDir, room),
    cleanup: () => rmSync(dir, { recursive: true, force: true })
  };
}

export interface CrashRoundResult {
  readonly sent: number;
  readonly acked: number;
  /** Acknowledged updates found in the database after the restart. */
  readonly ackedAndStored: number;
  /** Ideas the restarted hub served to a fresh device. */
  readonly notesServed: number;
  /** Ideas in acknowledged updates (all must be served). */
  readonly notesAcked: number;
  readonly problems: readonly string[];
}

// Hocuspocus message types (server → client SyncStatus, client → server Sync).
const syncMessage = 0;
const syncStatusMessage = 8;

/** The Yjs update in a client's Hocuspocus message (sync step 2 or update), if any. */
function updateIn(message: Uint8Array): Uint8Array | undefined {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== syncMessage) return undefined;
    const type = decoding.readVarUint(decoder);
    return type === 1 || type === 2 ? decoding.readVarUint8Array(decoder) : undefined;
  } catch {
    return undefined;
  }
}

function isPositiveAck(message: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    return (
      decoding.readVarUint(decoder) === syncStatusMessage && decoding.readVarInt(decoder) === 1
    );
  } catch {
    return false;
  }
}

function bytesOf(data: unknown): Uint8Array | undefined {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}

/** What one socket sent and had acknowledged. */
export interface WireLog {
  /** Where the socket connected (its path names the room). */
  readonly url: string;
  readonly sent: Uint8Array[];
  acks: number;
  closed: boolean;
  /** How the socket ended (for failure messages). */
  closeCode?: number;
}

/** A WebSocket class for HocuspocusProvider that logs updates sent and acks received. */
export function recordingWebSocket(logs: WireLog[], onAck: () => void): typeof WebSocket {
  return class RecordingWebSocket extends WebSocket {
    readonly #log: WireLog;

    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.#log = { url: String(url), sent: [], acks: 0, closed: false };
      logs.push(this.#log);
      // Registered before the provider's own listener: the ack is counted first.
      this.addEventListener('message', (event: MessageEvent) => {
        const data = bytesOf(event.data);
        if (data && isPositiveAck(data)) {
          this.#log.acks += 1;
          onAck();
        }
      });
      this.addEventListener('close', (event: CloseEvent) => {
        this.#log.closed = true;
        this.#log.closeCode = event.code;
      });
    }

    override send(data: Parameters<WebSocket['send']>[0]): void {
      const bytes = bytesOf(data);
      const update = bytes && updateIn(bytes);
      if (update) this.#log.sent.push(update);
      super.send(data);
    }
  };
}

/** A stand-in for the built app: the hub needs a handler.js, the crash test no pages. */
export function fakeBuild(dir: string): string {
  const buildDir = join(dir, 'build');
  mkdirSync(buildDir, { recursive: true });
  writeFileSync(
    join(buildDir, 'handler.js'),
    'export function handler(_req, _res, next) { next(); }\n'
  );
  return buildDir;
}

function storedDoc(dataDir: string, room: string): Y.Doc {
  const db = new DatabaseSync(join(dataDir, databaseFileName), { readOnly: true });
  const doc = new Y.Doc();
  try {
    const rows = db
      .prepare('SELECT data FROM updates WHERE room = ? ORDER BY id')
      .all(room)
      .map((row) => row['data'] as Uint8Array);
    if (rows.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(rows));
  } finally {
    db.close();
  }
  return doc;
}

/**
 * Whether the stored doc holds an update: every item either in the doc or held back in it
 * (waiting for an earlier update of its client; Hocuspocus acknowledges those too, and the
 * hub stores them), every delete applied or held back.
 */
export function holds(stored: Y.Doc, update: Uint8Array): boolean {
  const pending = stored.store.pendingStructs
    ? Y.decodeUpdateV2(stored.store.pendingStructs.update).structs
    : [];
  const held = (client: number, clock: number): boolean =>
    clock < Y.getState(stored.store, client) ||
    pending.some(
      (struct) =>
        !(struct instanceof Y.Skip) &&
        struct.id.client === client &&
        struct.id.clock <= clock &&
        clock < struct.id.clock + struct.length
    );
  const { structs, ds } = Y.decodeUpdate(update);
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    for (let clock = struct.id.clock; clock < struct.id.clock + struct.length; clock++) {
      if (!held(struct.id.client, clock)) return false;
    }
  }
  const deletes = Y.snapshot(stored).ds;
  const pendingDeletes = stored.store.pendingDs
    ? Y.decodeUpdateV2(stored.store.pendingDs).ds
    : undefined;
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      const id = Y.createID(client, range.clock);
      if (!Y.isDeleted(deletes, id) && !(pendingDeletes && Y.isDeleted(pendingDeletes, id))) {
        return false;
      }
    }
  }
  return true;
}

async function until(
  done: () => boolean,
  what: string,
  // A guard against hangs, not a speed check: the machine may be busy with other work.
  timeoutMs = 120_000,
  explain: () => string = () => ''
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${explain()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Ideas a phone adds before it goes on editing them (a person's entry holds at most 100). */
const ideasPerPhone = 40;

/** Runs one round; resolves with what was sent, acknowledged and found again. */
export async function runCrashRound(options: CrashRoundOptions): Promise<CrashRoundResult> {
  const log = options.log ?? (() => {});
  const target = options.target ?? sqliteTarget();
  const { roomKey, facilitatorKey } = newSessionKeys();
  const room = deriveRoomSecrets(roomKey);
  const devices: TestDevice[] = [];
  let hub: HubProcess | undefined;
  const open = (deviceSecret: string, extra: Partial<Parameters<typeof openDevice>[0]> = {}) => {
    const device = openDevice({ origin: hub?.url ?? '', roomKey, deviceSecret, ...extra });
    devices.push(device);
    return device;
  };
  try {
    hub = await target.start();
    // The facilitator's laptop starts the session at the brainstorm.
    const laptop = open(randomId(), { role: 'facilitator', facilitatorKey });
    await until(() => laptop.provider.isSynced, 'the laptop to sync');
    startSession(laptop, facilitatorKey);
    await until(() => !laptop.provider.hasUnsyncedChanges, 'the session to be saved');
    const session = Y.encodeStateAsUpdate(laptop.doc);

    const logs: WireLog[] = [];
    let acks = 0;
    const WebSocketClass = recordingWebSocket(logs, () => (acks += 1));

    let writing = true;
    const writerDocs: Y.Doc[] = [];
    const writerSecrets: string[] = [];
    const writers = Array.from({ length: options.writers }, async (_, index) => {
      const deviceSecret = randomId();
      writerSecrets[index] = deviceSecret;
      const phone = open(deviceSecret, { webSocket: WebSocketClass });
      writerDocs[index] = phone.doc;
      // Polled rather than awaited as an event: the hub may be killed before this phone synced.
      while (writing && !ready(phone)) await new Promise((resolve) => setTimeout(resolve, 5));
      // A phone writing as fast as the event loop lets it: one change per turn (new ideas,
      // then edits of them). Past the hub's message limit it is closed (4429) and reconnects,
      // as a real phone would.
      const ids: string[] = [];
      for (let n = 0; writing && n < (options.notesPerWriter ?? 1000); n++) {
        if (ids.length < ideasPerPhone) ids.push(addIdea(phone, `phone ${index} idea ${n}`));
        else {
          const noteId = ids[n % ideasPerPhone] ?? '';
          phone.must({ type: 'editNote', noteId, text: `phone ${index} edit ${n}` });
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    });

    // Killed after that many acks (each change is signed, and every phone checks the others');
    // should the phones run out of changes first, killed then.
    let writersDone = 0;
    const writerDone = (): void => void (writersDone += 1);
    for (const writer of writers) writer.then(writerDone, writerDone);
    await until(
      () => acks >= options.killAfterAcks || writersDone === writers.length,
      `${options.killAfterAcks} acks`,
      options.ackWaitMs
    );
    await hub.stop('SIGKILL');
    writing = false;
    await Promise.all(writers);
    // Acks the hub wrote before it died may still be on their way in; every socket closes.
    await until(() => logs.every((entry) => entry.closed), 'the sockets to close');
    // Destroying a device leaves its document: the phone still holds everything it wrote.
    for (const device of devices.splice(0)) device.destroy();

    const sent = logs.reduce((sum, entry) => sum + entry.sent.length, 0);
    const acked = logs.flatMap((entry, socket) =>
      entry.sent.slice(0, entry.acks).map((update, index) => ({ update, socket, index, entry }))
    );
    log(`killed after ${acks} acks; ${sent} updates sent, ${acked.length} acknowledged`);

    // The hub comes back on the same storage.
    hub = await target.start();
    const stored = await target.stored(room.roomId);
    const problems: string[] = [];
    let ackedAndStored = 0;
    const ackedDoc = new Y.Doc();
    Y.applyUpdate(ackedDoc, session);
    for (const { update, socket, index, entry } of acked) {
      if (holds(stored, update)) ackedAndStored += 1;
      else {
        problems.push(
          `acknowledged update ${index + 1} of ${entry.sent.length} sent on socket ${socket} ` +
            `(${entry.acks} acks, closed ${entry.closeCode}) is not in the database`
        );
      }
      Y.applyUpdate(ackedDoc, update);
    }
    const ackedIdeas = Object.keys(storedIdeas(ackedDoc, roomKey));

    // And serves it: a fresh phone gets every acknowledged idea.
    const reader = open(randomId());
    await until(() => reader.provider.isSynced, 'the restarted hub to sync a reader');
    const served = (): Record<string, string> => ideasOf(reader);
    const missing = ackedIdeas.filter((id) => !(id in served()));
    if (missing.length > 0)
      problems.push(`the restarted hub lacks ${missing.length} acknowledged ideas`);
    log(
      `restarted: ${ackedAndStored}/${acked.length} acknowledged updates in the database, ` +
        `${ackedIdeas.length - missing.length}/${ackedIdeas.length} acknowledged ideas served ` +
        `(${Object.keys(served()).length} ideas in all)`
    );

    // The phones come back with what they kept (their docs): in the end nothing is lost.
    const everything = new Set(writerDocs.flatMap((doc) => Object.keys(storedIdeas(doc, roomKey))));
    const returning = writerDocs.map((document, index) =>
      open(writerSecrets[index] ?? '', { document })
    );
    const started = performance.now();
    try {
      await until(
        () =>
          returning.every(
            (phone) => phone.provider.isSynced && !phone.provider.hasUnsyncedChanges
          ) && Object.keys(served()).length >= everything.size,
        'the phones to sync with the restarted hub',
        60_000
      );
    } catch {
      problems.push(
        `the returning phones did not sync within a minute: ` +
          `${Object.keys(served()).length}/${everything.size} ideas on the hub`
      );
    }
    log(
      `phones back: ${Object.keys(served()).length}/${everything.size} ideas on the hub after ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`
    );
    stored.destroy();
    ackedDoc.destroy();
    return {
      sent,
      acked: acked.length,
      ackedAndStored,
      notesServed: Object.keys(served()).length,
      notesAcked: ackedIdeas.length,
      problems
    };
  } finally {
    for (const device of devices) device.destroy();
    await hub?.stop('SIGKILL');
    target.cleanup();
  }
}
