import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { facilitatorCredentials } from '../../src/lib/sync/hubCredentials.ts';
import {
  deriveRoomSecrets,
  newSessionKeys,
  type RoomSecrets
} from '../../src/lib/sync/roomAccess.ts';
import { attachSync, type SyncOptions } from '../../src/hub/sync/attachSync.ts';
import { databaseFileName } from '../../src/hub/sync/updateStore.ts';
import { poll } from '../support/syncServer.ts';

// Real sockets, real Hocuspocus, real SQLite: a bare http.Server on a free loopback port with
// the hub's sync attached (no built app needed).

const cleanups: (() => unknown)[] = [];
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kring-hub-sync-'));
});

afterEach(async () => {
  // Clients first, so none reconnects into a closing server; then servers, then files.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.restoreAllMocks();
  rmSync(dataDir, { recursive: true, force: true });
});

interface TestServer {
  readonly port: number;
  close(): Promise<void>;
}

async function startSyncServer(options: Partial<SyncOptions> = {}): Promise<TestServer> {
  const server = http.createServer((_request, response) => {
    response.statusCode = 404;
    response.end();
  });
  const sync = attachSync(server, { dataDir, ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await sync.close();
      await stopped;
    })());
  cleanups.push(close);
  return { port, close };
}

/** A room's secrets, plus the credentials of its facilitator (who may write anything). */
function newRoom(): RoomSecrets & { writer: string } {
  const { roomKey, facilitatorKey } = newSessionKeys();
  const secrets = deriveRoomSecrets(roomKey);
  const writer = facilitatorCredentials(
    secrets.hubToken,
    secrets.roomId,
    'testdevice0000000',
    facilitatorKey,
    Date.now()
  );
  return { ...secrets, writer };
}

function connect(
  hub: TestServer,
  name: string,
  token: string | null,
  document = new Y.Doc()
): HocuspocusProvider {
  const provider = new HocuspocusProvider({
    url: `ws://127.0.0.1:${hub.port}/sync`,
    name,
    token,
    document
  });
  cleanups.push(() => provider.destroy());
  return provider;
}

function notes(provider: HocuspocusProvider): Y.Map<string> {
  return provider.document.getMap<string>('notes');
}

/** Resolves once every change the provider sent has been acknowledged by the hub. */
async function acknowledged(provider: HocuspocusProvider): Promise<void> {
  await vi.waitFor(() => {
    expect(provider.isSynced).toBe(true);
    expect(provider.hasUnsyncedChanges).toBe(false);
  }, poll);
}

/** Reads the database file from a second connection, as a restarted hub would. */
function storedRows(room: string): Uint8Array[] {
  const db = new DatabaseSync(join(dataDir, databaseFileName), { readOnly: true });
  try {
    return db
      .prepare('SELECT data FROM updates WHERE room = ? ORDER BY id')
      .all(room)
      .map((row) => row['data'] as Uint8Array);
  } finally {
    db.close();
  }
}

function storedNotes(room: string): Record<string, unknown> {
  const doc = new Y.Doc();
  for (const update of storedRows(room)) Y.applyUpdate(doc, update);
  return doc.getMap('notes').toJSON();
}

interface SignalClient {
  readonly ws: WebSocket;
  readonly received: Record<string, unknown>[];
  send(message: unknown): void;
  /** Round trip through the hub: everything sent before has been handled when it resolves. */
  barrier(): Promise<void>;
}

async function openSignal(hub: TestServer, query: string): Promise<SignalClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${hub.port}/signal?${query}`);
  cleanups.push(() => ws.terminate());
  const received: Record<string, unknown>[] = [];
  const pongs: (() => void)[] = [];
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as Record<string, unknown>;
    if (message['type'] === 'pong') pongs.shift()?.();
    else received.push(message);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    received,
    send: (message) => ws.send(JSON.stringify(message)),
    barrier: () =>
      new Promise<void>((resolve) => {
        pongs.push(resolve);
        ws.send(JSON.stringify({ type: 'ping' }));
      })
  };
}

/** Opens a WebSocket that the hub should refuse; resolves with the HTTP status, if any. */
function refusedStatus(url: string): Promise<number | 'no response'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => resolve('no response'));
    ws.on('open', () => reject(new Error(`${url} was accepted`)));
  });
}

/** Resolves with the close code once the hub closes the socket. */
function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

function rawSocket(hub: TestServer, path: string): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${hub.port}${path}`);
  cleanups.push(() => ws.terminate());
  ws.on('error', () => {});
  return new Promise((resolve) => ws.once('open', () => resolve(ws)));
}

/** Hocuspocus's first message: the token for a document. */
function authMessage(room: RoomSecrets & { writer: string }): Uint8Array {
  return hocuspocusMessage(room.roomId, (e) => {
    encoding.writeVarUint(e, 2); // Auth
    encoding.writeVarUint(e, 0); // Token
    encoding.writeVarString(e, room.writer);
  });
}

/** Whether a message from the hub is Hocuspocus's SyncStatus (the ack of an update). */
function isSyncStatus(data: unknown): boolean {
  if (!(data instanceof Uint8Array)) return false;
  const decoder = decoding.createDecoder(data);
  decoding.readVarString(decoder);
  return decoding.readVarUint(decoder) === 8;
}

/** A Hocuspocus protocol message: document name, then the given fields. */
function hocuspocusMessage(name: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, name);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

describe('relay on /sync', () => {
  it('keeps two clients of one room in sync', async () => {
    const hub = await startSyncServer();
    const room = newRoom();
    const a = connect(hub, room.roomId, room.writer);
    const b = connect(hub, room.roomId, room.writer);

    notes(a).set('n1', 'from a');
    notes(b).set('n2', 'from b');

    await vi.waitFor(() => {
      expect(notes(a).toJSON()).toEqual({ n1: 'from a', n2: 'from b' });
      expect(notes(b).toJSON()).toEqual({ n1: 'from a', n2: 'from b' });
    }, poll);
  });

  it('refuses a wrong, missing or other room’s token, and sends such a client nothing', async () => {
    const hub = await startSyncServer();
    const room = newRoom();
    const owner = connect(hub, room.roomId, room.writer);
    notes(owner).set('secret', 'only for the room');
    await acknowledged(owner);

    const otherRoom = newRoom();
    const attempts = [otherRoom.hubToken, null, '', 'not-a-token', room.roomId, 'x'.repeat(5000)];
    for (const token of attempts) {
      const intruder = connect(hub, room.roomId, token);
      const messages: unknown[] = [];
      intruder.on('message', (message: unknown) => messages.push(message));
      const refused = new Promise<string>((resolve) =>
        intruder.on('authenticationFailed', ({ reason }: { reason: string }) => resolve(reason))
      );
      expect(await refused).toBe('permission-denied');
      expect(intruder.isAuthenticated).toBe(false);
      expect(intruder.isSynced).toBe(false);
      expect(notes(intruder).size).toBe(0);
      // The permission-denied answer is the only message it ever got.
      expect(messages).toHaveLength(1);
      intruder.destroy();
    }

    // The room's own client was not disturbed.
    notes(owner).set('after', 'still here');
    await acknowledged(owner);
    expect(storedNotes(room.roomId)).toMatchObject({ after: 'still here' });
  });

  it('has an update in the database before it sends the ack', async () => {
    const hub = await startSyncServer();
    const room = newRoom();
    const client = connect(hub, room.roomId, room.writer);
    await acknowledged(client);

    // The hub's sockets are ws sockets (the provider uses Node's own WebSocket): look at
    // the database at the very moment the hub hands each SyncStatus ack to its socket.
    const atAck: number[] = [];
    const send = WebSocket.prototype.send;
    vi.spyOn(WebSocket.prototype, 'send').mockImplementation(function (
      this: WebSocket,
      ...args: Parameters<WebSocket['send']>
    ) {
      if (isSyncStatus(args[0])) atAck.push(Object.keys(storedNotes(room.roomId)).length);
      send.apply(this, args);
    });

    for (let i = 1; i <= 5; i++) {
      notes(client).set(`n${i}`, `note ${i}`);
      await acknowledged(client);
    }
    expect(atAck).toEqual([1, 2, 3, 4, 5]);
  });

  it('does not ack an update it could not save, and saves it once it can', async () => {
    const hub = await startSyncServer();
    const room = newRoom();
    // A socket that reconnects at once (the default waits a second or more).
    const socket = new HocuspocusProviderWebsocket({
      url: `ws://127.0.0.1:${hub.port}/sync`,
      delay: 10,
      minDelay: 10,
      maxDelay: 50
    });
    cleanups.push(() => socket.destroy());
    const client = new HocuspocusProvider({
      websocketProvider: socket,
      name: room.roomId,
      token: room.writer
    });
    client.attach();
    cleanups.push(() => client.destroy());
    await acknowledged(client);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});

    // Another writer holds the database: the hub's next write fails after its busy timeout.
    const blocker = new DatabaseSync(join(dataDir, databaseFileName));
    cleanups.push(() => blocker.isOpen && blocker.close());
    blocker.exec('BEGIN IMMEDIATE');
    const dropped = new Promise((resolve) => client.on('disconnect', resolve));
    notes(client).set('lost?', 'no');
    await dropped;
    expect(client.hasUnsyncedChanges).toBe(true);
    blocker.exec('COMMIT');
    blocker.close();
    expect(errors).toHaveBeenCalledWith(
      expect.stringContaining('could not save an update'),
      expect.anything()
    );

    // The client reconnects; the next write succeeds and brings the missed one along.
    await acknowledged(client);
    notes(client).set('next', 'yes');
    await acknowledged(client);
    await vi.waitFor(
      () => expect(storedNotes(room.roomId)).toEqual({ 'lost?': 'no', next: 'yes' }),
      poll
    );
  });

  it('keeps an update that arrived before its predecessor', async () => {
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (update: Uint8Array) => updates.push(update));
    source.getMap('notes').set('first', '1');
    source.getMap('notes').set('second', '2');
    const [first = new Uint8Array(), second = new Uint8Array()] = updates;

    // Only the second update reaches the hub: Yjs cannot apply it yet, Hocuspocus acks it.
    const room = newRoom();
    const hub = await startSyncServer();
    const raw = await rawSocket(hub, '/sync');
    let acks = 0;
    raw.on('message', (data: Buffer) => {
      if (isSyncStatus(new Uint8Array(data))) acks += 1;
    });
    raw.send(authMessage(room));
    raw.send(
      hocuspocusMessage(room.roomId, (e) => {
        encoding.writeVarUint(e, 0); // Sync
        encoding.writeVarUint(e, 2); // Update
        encoding.writeVarUint8Array(e, second);
      })
    );
    await vi.waitFor(() => expect(acks).toBe(1), poll);
    raw.terminate();
    await hub.close();

    // After a restart, the first update arrives and completes the room.
    const again = await startSyncServer();
    const firstOnly = new Y.Doc();
    Y.applyUpdate(firstOnly, first);
    connect(again, room.roomId, room.writer, firstOnly);
    const reader = connect(again, room.roomId, room.writer);
    await vi.waitFor(
      () => expect(notes(reader).toJSON()).toEqual({ first: '1', second: '2' }),
      poll
    );
  });

  it('gives a room back after a restart, and an empty doc for a room never written', async () => {
    const room = newRoom();
    const first = await startSyncServer();
    const writer = connect(first, room.roomId, room.writer);
    notes(writer).set('kept', 'across restarts');
    await acknowledged(writer);
    writer.destroy();
    await first.close();

    const second = await startSyncServer();
    const reader = connect(second, room.roomId, room.writer);
    await vi.waitFor(() => expect(notes(reader).get('kept')).toBe('across restarts'), poll);

    const fresh = newRoom();
    const newcomer = connect(second, fresh.roomId, fresh.writer);
    await vi.waitFor(() => expect(newcomer.isSynced).toBe(true), poll);
    expect(newcomer.document.share.size).toBe(0);
    expect(storedRows(fresh.roomId)).toHaveLength(0);
  });

  it('compacts a room’s rows without losing content', async () => {
    const room = newRoom();
    const hub = await startSyncServer({ compactAfter: 5 });
    const client = connect(hub, room.roomId, room.writer);
    for (let i = 0; i < 40; i++) {
      notes(client).set(`n${i}`, `note ${i}`);
      if (i % 10 === 0) notes(client).delete(`n${i}`);
    }
    await acknowledged(client);
    await vi.waitFor(() => expect(storedRows(room.roomId).length).toBeLessThan(5), poll);

    const expected = notes(client).toJSON();
    expect(Object.keys(expected)).toHaveLength(36);
    expect(storedNotes(room.roomId)).toEqual(expected);

    // Leaving the room compacts it to one row; a restarted hub serves the same content.
    client.destroy();
    await hub.close();
    expect(storedRows(room.roomId)).toHaveLength(1);
    const again = await startSyncServer({ compactAfter: 5 });
    const reader = connect(again, room.roomId, room.writer);
    await vi.waitFor(() => expect(notes(reader).toJSON()).toEqual(expected), poll);
  });

  it('survives garbage from clients, and other rooms keep working', async () => {
    const hub = await startSyncServer({ maxRelayMessageBytes: 64 * 1024 });
    const room = newRoom();
    // Hocuspocus and y-protocols log what they could not decode; keep the test output clean.
    vi.spyOn(console, 'error').mockImplementation(() => {});

    // Text instead of the binary protocol.
    const text = await rawSocket(hub, '/sync');
    const textClosed = closeCode(text);
    text.send('hello');
    expect(await textClosed).toBe(1008);

    // Bytes that do not decode as a Hocuspocus message.
    const junk = await rawSocket(hub, '/sync');
    const junkClosed = closeCode(junk);
    junk.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    expect(await junkClosed).toBeGreaterThanOrEqual(1000);

    // Larger than the relay accepts.
    const huge = await rawSocket(hub, '/sync');
    const hugeClosed = closeCode(huge);
    huge.send(new Uint8Array(128 * 1024));
    expect(await hugeClosed).toBe(1009);

    // An authenticated client sending a Yjs update that is not one.
    const member = await rawSocket(hub, '/sync');
    member.send(authMessage(room));
    member.send(
      hocuspocusMessage(room.roomId, (e) => {
        encoding.writeVarUint(e, 0); // Sync
        encoding.writeVarUint(e, 2); // Update
        encoding.writeVarUint8Array(e, new Uint8Array([1, 200, 7, 3, 9, 9, 9]));
      })
    );
    member.send(hocuspocusMessage(room.roomId, (e) => encoding.writeVarUint(e, 99)));

    // An unknown path is dropped without an HTTP answer.
    expect(await refusedStatus(`ws://127.0.0.1:${hub.port}/elsewhere`)).toBe('no response');

    // The hub is still up: the same room and another one sync normally.
    for (const secrets of [room, newRoom()]) {
      const a = connect(hub, secrets.roomId, secrets.writer);
      const b = connect(hub, secrets.roomId, secrets.writer);
      notes(a).set('ok', 'yes');
      await vi.waitFor(() => expect(notes(b).get('ok')).toBe('yes'), poll);
    }
  });
});

describe('signaling on /signal', () => {
  it('refuses a wrong, missing or other room’s token with 401', async () => {
    const hub = await startSyncServer();
    const room = newRoom();
    const other = newRoom();
    const base = `ws://127.0.0.1:${hub.port}/signal`;
    for (const query of [
      `room=${room.roomId}&token=${other.hubToken}`,
      `room=${room.roomId}`,
      `token=${room.hubToken}`,
      `room=${room.roomId}&token=${room.roomId}`,
      ''
    ]) {
      expect(await refusedStatus(`${base}?${query}`)).toBe(401);
    }
    // The right token still gets in.
    const member = await openSignal(hub, `room=${room.roomId}&token=${room.hubToken}`);
    await member.barrier();
  });

  it('relays a publish to the subscribers of its own room only', async () => {
    const hub = await startSyncServer();
    const roomA = newRoom();
    const roomB = newRoom();
    const a1 = await openSignal(hub, `room=${roomA.roomId}&token=${roomA.hubToken}`);
    const a2 = await openSignal(hub, `room=${roomA.roomId}&token=${roomA.hubToken}`);
    const b1 = await openSignal(hub, `room=${roomB.roomId}&token=${roomB.hubToken}`);

    // a1 also asks for room B (y-webrtc subscribes a shared socket to every open room).
    a1.send({ type: 'subscribe', topics: [roomA.roomId, roomB.roomId, 42] });
    a2.send({ type: 'subscribe', topics: [roomA.roomId] });
    b1.send({ type: 'subscribe', topics: [roomB.roomId] });
    await Promise.all([a1.barrier(), a2.barrier(), b1.barrier()]);

    a1.send({ type: 'publish', topic: roomA.roomId, data: 'offer' });
    a1.send({ type: 'publish', topic: roomB.roomId, data: 'sneaky' });
    await a1.barrier();
    // Whatever the hub forwarded to b1 for a1 was sent before this marker.
    b1.send({ type: 'publish', topic: roomB.roomId, data: 'marker' });
    await vi.waitFor(() => expect(b1.received).toHaveLength(1), poll);
    await vi.waitFor(() => expect(a2.received).toHaveLength(1), poll);

    const relayed = { type: 'publish', topic: roomA.roomId, data: 'offer', clients: 2 };
    expect(a1.received).toEqual([relayed]);
    expect(a2.received).toEqual([relayed]);
    expect(b1.received).toEqual([
      { type: 'publish', topic: roomB.roomId, data: 'marker', clients: 1 }
    ]);

    // After unsubscribing, a2 gets nothing more.
    a2.send({ type: 'unsubscribe', topics: [roomA.roomId] });
    await a2.barrier();
    a1.send({ type: 'publish', topic: roomA.roomId, data: 'second' });
    await vi.waitFor(() => expect(a1.received).toHaveLength(2), poll);
    expect(a1.received[1]).toMatchObject({ data: 'second', clients: 1 });
    await a2.barrier();
    expect(a2.received).toHaveLength(1);
  });

  it('closes a socket that sends garbage, and keeps serving the others', async () => {
    const hub = await startSyncServer({ maxSignalingMessageBytes: 1024 });
    const room = newRoom();
    const query = `room=${room.roomId}&token=${room.hubToken}`;
    const cases: [string, (ws: WebSocket) => void, number][] = [
      ['not JSON', (ws) => ws.send('{"type": subscribe'), 1008],
      ['JSON but no object', (ws) => ws.send('[1, 2, 3]'), 1008],
      ['null', (ws) => ws.send('null'), 1008],
      ['binary', (ws) => ws.send(new Uint8Array([1, 2, 3])), 1008],
      ['too big', (ws) => ws.send('x'.repeat(4096)), 1009]
    ];
    for (const [, sendGarbage, code] of cases) {
      const client = await openSignal(hub, query);
      const closed = closeCode(client.ws);
      sendGarbage(client.ws);
      expect(await closed).toBe(code);
    }

    // Unknown message types are ignored, not fatal.
    const a = await openSignal(hub, query);
    const b = await openSignal(hub, query);
    a.send({ type: 'nonsense', topics: 'nope' });
    a.send({ type: 'subscribe', topics: 'not a list' });
    a.send({ type: 'subscribe', topics: [room.roomId] });
    b.send({ type: 'subscribe', topics: [room.roomId] });
    await Promise.all([a.barrier(), b.barrier()]);
    b.send({ type: 'publish', topic: room.roomId, data: 'still working' });
    await vi.waitFor(() => expect(a.received).toHaveLength(1), poll);
    expect(a.received[0]).toMatchObject({ data: 'still working', clients: 2 });
  });
});
