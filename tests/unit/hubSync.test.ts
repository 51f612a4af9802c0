import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { fetchLoginToken, type LoginKeys } from '../../src/lib/access/hubLogin.ts';
import { databaseFileName } from '../../src/hub/sync/updateStore.ts';
import {
  addIdea,
  ideasOf,
  ready,
  sessionDevice,
  startSession,
  storedIdeas,
  type TestDevice
} from '../support/testDevice.ts';
import {
  authMessage,
  hocuspocusMessage,
  newTestRoom,
  poll,
  SyncTestKit,
  updateMessage,
  type SyncServer,
  type TestRoom
} from '../support/syncServer.ts';

// Real sockets, real Hocuspocus, real SQLite: the hub's sync on a bare http.Server on a free
// loopback port (no built app needed), with devices that write signed records as Kring's
// screens do.

let kit: SyncTestKit;

beforeEach(() => {
  kit = new SyncTestKit();
});

afterEach(async () => {
  // Clients first, so none reconnects into a closing server; then servers, then files.
  await kit.cleanup();
  vi.restoreAllMocks();
});

/** Resolves once every change the device sent has been acknowledged by the hub. */
async function acknowledged(device: Pick<TestDevice, 'provider'>): Promise<void> {
  await vi.waitFor(() => {
    expect(device.provider.isSynced).toBe(true);
    expect(device.provider.hasUnsyncedChanges).toBe(false);
  }, poll);
}

/** The room's facilitator laptop with the session started at the brainstorm, acknowledged. */
async function session(hub: SyncServer, room: TestRoom): Promise<TestDevice> {
  const laptop = kit.device(hub, room, { role: 'facilitator' });
  await vi.waitFor(() => expect(laptop.provider.isSynced).toBe(true), poll);
  startSession(laptop, room.facilitatorKey);
  await acknowledged(laptop);
  return laptop;
}

/** A phone of the room, synced and at the brainstorm. */
async function phone(hub: SyncServer, room: TestRoom, deviceSecret?: string): Promise<TestDevice> {
  const device = kit.device(hub, room, deviceSecret ? { deviceSecret } : {});
  await vi.waitFor(() => expect(ready(device)).toBe(true), poll);
  return device;
}

/** Reads the database file from a second connection, as a restarted hub would. */
function storedRows(dataDir: string, room: string): Uint8Array[] {
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

function stored(hub: SyncServer, room: TestRoom): Record<string, string> {
  const doc = new Y.Doc();
  for (const update of storedRows(hub.dataDir, room.roomId)) Y.applyUpdate(doc, update);
  const ideas = storedIdeas(doc, room.roomKey);
  doc.destroy();
  return ideas;
}

interface SignalClient {
  readonly ws: WebSocket;
  readonly received: Record<string, unknown>[];
  send(message: unknown): void;
  /** Round trip through the hub: everything sent before has been handled when it resolves. */
  barrier(): Promise<void>;
}

/** A signaling socket for a room, logged in (the barrier waits for the login to be accepted). */
async function openSignal(
  hub: SyncServer,
  roomId: string,
  login: LoginKeys | string
): Promise<SignalClient> {
  const ws = await kit.raw(hub.url(`/signal/${roomId}`));
  const received: Record<string, unknown>[] = [];
  const pongs: (() => void)[] = [];
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as Record<string, unknown>;
    if (message['type'] === 'pong') pongs.shift()?.();
    else received.push(message);
  });
  const client: SignalClient = {
    ws,
    received,
    send: (message) => ws.send(JSON.stringify(message)),
    barrier: () =>
      new Promise<void>((resolve) => {
        pongs.push(resolve);
        ws.send(JSON.stringify({ type: 'ping' }));
      })
  };
  const token = typeof login === 'string' ? login : await fetchLoginToken(hub.origin, login);
  client.send({ type: 'login', token });
  await client.barrier();
  return client;
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

/** Whether a message from the hub is Hocuspocus's SyncStatus (the ack of an update). */
function isSyncStatus(data: unknown): boolean {
  if (!(data instanceof Uint8Array)) return false;
  const decoder = decoding.createDecoder(data);
  decoding.readVarString(decoder);
  return decoding.readVarUint(decoder) === 8;
}

describe('relay on /sync', () => {
  it('keeps the devices of one room in sync', async () => {
    const hub = await kit.start();
    const room = newTestRoom();
    const laptop = await session(hub, room);
    const [a, b] = [await phone(hub, room), await phone(hub, room)];

    const fromA = addIdea(a, 'van a');
    const fromB = addIdea(b, 'van b');

    const both = { [fromA]: 'van a', [fromB]: 'van b' };
    await vi.waitFor(() => {
      expect(ideasOf(a)).toEqual(both);
      expect(ideasOf(b)).toEqual(both);
      expect(ideasOf(laptop)).toEqual(both);
    }, poll);
  });

  it('refuses a wrong, missing, replayed or other room’s login, and sends such a client nothing', async () => {
    const hub = await kit.start();
    const room = newTestRoom();
    const laptop = await session(hub, room);
    addIdea(laptop, 'alleen voor de groep');
    await acknowledged(laptop);

    const other = newTestRoom();
    // A login the room's own phone sent once (sniffed on the wifi): its challenge is used up.
    const sniffed = await fetchLoginToken(hub.origin, room.participant);
    const used = kit.connect(hub, room.roomId, sniffed);
    await vi.waitFor(() => expect(used.isSynced).toBe(true), poll);
    const attempts: (string | null | LoginKeys)[] = [
      other.facilitator,
      await fetchLoginToken(hub.origin, other.participant),
      sniffed,
      null,
      '',
      'not-a-token',
      room.roomId,
      room.roomKey,
      'x'.repeat(5000)
    ];
    for (const login of attempts) {
      const intruder = kit.connect(hub, room.roomId, login, { reconnect: false });
      const messages: unknown[] = [];
      intruder.on('message', (message: unknown) => messages.push(message));
      const refused = new Promise<string>((resolve) =>
        intruder.on('authenticationFailed', ({ reason }: { reason: string }) => resolve(reason))
      );
      expect(await refused).toBe('permission-denied');
      expect(intruder.isAuthenticated).toBe(false);
      expect(intruder.isSynced).toBe(false);
      expect(intruder.document.share.size).toBe(0);
      // The permission-denied answer is the only message it ever got.
      expect(messages).toHaveLength(1);
      intruder.destroy();
    }

    // The room's own devices were not disturbed.
    const after = addIdea(laptop, 'nog steeds hier');
    await acknowledged(laptop);
    expect(stored(hub, room)).toMatchObject({ [after]: 'nog steeds hier' });
  });

  it('has an update in the database before it sends the ack', async () => {
    const hub = await kit.start();
    const room = newTestRoom();
    await session(hub, room);
    const device = await phone(hub, room);
    await acknowledged(device);

    // The hub's sockets are ws sockets (the provider uses Node's own WebSocket): look at
    // the database at the very moment the hub hands each SyncStatus ack to its socket.
    const atAck: number[] = [];
    const send = WebSocket.prototype.send;
    vi.spyOn(WebSocket.prototype, 'send').mockImplementation(function (
      this: WebSocket,
      ...args: Parameters<WebSocket['send']>
    ) {
      if (isSyncStatus(args[0])) atAck.push(Object.keys(stored(hub, room)).length);
      send.apply(this, args);
    });

    for (let i = 1; i <= 5; i++) {
      addIdea(device, `idee ${i}`);
      await acknowledged(device);
    }
    expect(atAck).toEqual([1, 2, 3, 4, 5]);
  });

  it('does not ack an update it could not save, and saves it once it can', async () => {
    const hub = await kit.start();
    const room = newTestRoom();
    await session(hub, room);
    // Reconnects at once (the default waits a second or more).
    const device = await phone(hub, room);
    await acknowledged(device);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});

    // Another writer holds the database: the hub's next write fails after its busy timeout.
    const blocker = new DatabaseSync(join(hub.dataDir, databaseFileName));
    kit.defer(() => blocker.isOpen && blocker.close());
    blocker.exec('BEGIN IMMEDIATE');
    const dropped = new Promise((resolve) => device.provider.on('disconnect', resolve));
    const lost = addIdea(device, 'verloren?');
    await dropped;
    expect(device.provider.hasUnsyncedChanges).toBe(true);
    blocker.exec('COMMIT');
    blocker.close();
    expect(errors).toHaveBeenCalledWith(
      expect.stringContaining('could not save an update'),
      expect.anything()
    );

    // The device reconnects; the next write succeeds and brings the missed one along.
    await acknowledged(device);
    const next = addIdea(device, 'nee');
    await acknowledged(device);
    await vi.waitFor(
      () => expect(stored(hub, room)).toEqual({ [lost]: 'verloren?', [next]: 'nee' }),
      poll
    );
  });

  it('keeps an update that arrived before its predecessor', async () => {
    const hub = await kit.start();
    const room = newTestRoom();
    const laptop = await session(hub, room);

    // A phone that works offline: two ideas, each one update, the second building on the first.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(laptop.doc));
    const updates: Uint8Array[] = [];
    offline.on('update', (update: Uint8Array) => updates.push(update));
    const writer = sessionDevice(offline, { roomKey: room.roomKey, deviceSecret: 'offline-phone' });
    const first = addIdea(writer, 'eerste');
    const second = addIdea(writer, 'tweede');
    const [firstUpdate, secondUpdate] = updates as [Uint8Array, Uint8Array];
    expect(updates).toHaveLength(2);

    // Only the second update reaches the hub: Yjs cannot apply it yet, Hocuspocus acks it.
    const raw = await kit.member(hub, room);
    let acks = 0;
    raw.on('message', (data: Buffer) => {
      if (isSyncStatus(new Uint8Array(data))) acks += 1;
    });
    raw.send(updateMessage(room.roomId, secondUpdate));
    await vi.waitFor(() => expect(acks).toBe(1), poll);
    await kit.closeAll();

    // After a restart, the first update arrives and completes the room.
    const again = await kit.start();
    const firstOnly = new Y.Doc();
    Y.applyUpdate(firstOnly, Y.encodeStateAsUpdate(laptop.doc));
    Y.applyUpdate(firstOnly, firstUpdate);
    kit.connect(again, room.roomId, room.participant, { document: firstOnly });
    const reader = await phone(again, room);
    await vi.waitFor(
      () => expect(ideasOf(reader)).toEqual({ [first]: 'eerste', [second]: 'tweede' }),
      poll
    );
  });

  it('gives a room back after a restart, and an empty doc for a room never written', async () => {
    const room = newTestRoom();
    const first = await kit.start();
    await session(first, room);
    const writer = await phone(first, room);
    const kept = addIdea(writer, 'blijft na een herstart');
    await acknowledged(writer);
    await kit.closeAll();

    const second = await kit.start();
    const reader = await phone(second, room);
    expect(ideasOf(reader)).toEqual({ [kept]: 'blijft na een herstart' });

    const fresh = newTestRoom();
    const newcomer = kit.connect(second, fresh.roomId, fresh.participant);
    await vi.waitFor(() => expect(newcomer.isSynced).toBe(true), poll);
    expect(newcomer.document.share.size).toBe(0);
    expect(storedRows(second.dataDir, fresh.roomId)).toHaveLength(0);
  });

  it('compacts a room’s rows without losing content', async () => {
    const room = newTestRoom();
    const hub = await kit.start({ compactAfter: 5 });
    await session(hub, room);
    const device = await phone(hub, room);
    for (let i = 0; i < 40; i++) {
      const id = addIdea(device, `idee ${i}`);
      if (i % 10 === 0) device.must({ type: 'removeNote', noteId: id });
    }
    await acknowledged(device);
    await vi.waitFor(
      () => expect(storedRows(hub.dataDir, room.roomId).length).toBeLessThan(5),
      poll
    );

    const expected = ideasOf(device);
    expect(Object.keys(expected)).toHaveLength(36);
    expect(stored(hub, room)).toEqual(expected);

    // Leaving the room compacts it to one row; a restarted hub serves the same content.
    await kit.closeAll();
    expect(storedRows(hub.dataDir, room.roomId)).toHaveLength(1);
    const again = await kit.start({ compactAfter: 5 });
    const reader = await phone(again, room);
    expect(ideasOf(reader)).toEqual(expected);
  });

  it('survives garbage from clients, and other rooms keep working', async () => {
    const hub = await kit.start({ maxRelayMessageBytes: 64 * 1024 });
    const room = newTestRoom();
    // Hocuspocus and y-protocols log what they could not decode; keep the test output clean.
    vi.spyOn(console, 'error').mockImplementation(() => {});

    // Text instead of the binary protocol.
    const text = await kit.raw(hub.url('/sync'));
    const textClosed = closeCode(text);
    text.send('hello');
    expect(await textClosed).toBe(1008);

    // Bytes that do not decode as a Hocuspocus message.
    const junk = await kit.raw(hub.url('/sync'));
    const junkClosed = closeCode(junk);
    junk.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    expect(await junkClosed).toBeGreaterThanOrEqual(1000);

    // Larger than the relay accepts.
    const huge = await kit.raw(hub.url('/sync'));
    const hugeClosed = closeCode(huge);
    huge.send(new Uint8Array(128 * 1024));
    expect(await hugeClosed).toBe(1009);

    // A logged-in client sending a Yjs update that is not one, and an unknown message type.
    const member = await kit.member(hub, room);
    member.send(updateMessage(room.roomId, new Uint8Array([1, 200, 7, 3, 9, 9, 9])));
    member.send(hocuspocusMessage(room.roomId, (e) => encoding.writeVarUint(e, 99)));
    // A second login on a connection that is in already.
    member.send(authMessage(room.roomId, await fetchLoginToken(hub.origin, room.facilitator)));

    // An unknown path is dropped without an HTTP answer.
    expect(await refusedStatus(hub.url('/elsewhere'))).toBe('no response');

    // The hub is still up: the same room and another one sync normally.
    for (const secrets of [room, newTestRoom()]) {
      await session(hub, secrets);
      const [a, b] = [await phone(hub, secrets), await phone(hub, secrets)];
      const id = addIdea(a, 'ok');
      await vi.waitFor(() => expect(ideasOf(b)).toEqual({ [id]: 'ok' }), poll);
    }
  });
});

describe('signaling on /signal/<room id>', () => {
  it('lets in only a login for the room named in the path, never one in the URL', async () => {
    const hub = await kit.start({ signalingLoginTimeoutMs: 300 });
    const room = newTestRoom();
    const other = newTestRoom();
    // No room, or a room id of the wrong length: refused (401). A path that names no room id
    // at all is no sync path: dropped like any unknown path. The old query string with a token
    // in it opens nothing.
    const paths: [string, number | 'no response'][] = [
      ['/signal', 401],
      [`/signal?room=${room.roomId}&token=${encodeURIComponent(room.roomKey)}`, 401],
      [`/signal/${room.roomId}x`, 401],
      ['/signal/', 'no response'],
      [`/signal/${room.roomId.toUpperCase()}`, 'no response'],
      [`/signal/${room.roomId}/more`, 'no response']
    ];
    for (const [path, status] of paths) {
      expect(await refusedStatus(hub.url(path)), path).toBe(status);
    }
    // Another room's login, a replayed login and a made-up one: closed "login refused".
    const used = await fetchLoginToken(hub.origin, room.participant);
    await openSignal(hub, room.roomId, used);
    for (const token of [await fetchLoginToken(hub.origin, other.participant), used, 'v2.x']) {
      const ws = await kit.raw(hub.url(`/signal/${room.roomId}`));
      const end = new Promise<{ code: number; reason: string }>((resolve) =>
        ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
      );
      ws.send(JSON.stringify({ type: 'login', token }));
      expect(await end).toEqual({ code: 1008, reason: 'login refused' });
    }
    // No login at all: closed once the time is up.
    const silent = await kit.raw(hub.url(`/signal/${room.roomId}`));
    const silentEnd = new Promise<string>((resolve) =>
      silent.once('close', (_code, reason) => resolve(reason.toString()))
    );
    expect(await silentEnd).toBe('no login');
  });

  it('relays a publish to the logged-in subscribers of its own room only', async () => {
    const hub = await kit.start();
    const roomA = newTestRoom();
    const roomB = newTestRoom();
    const a1 = await openSignal(hub, roomA.roomId, roomA.participant);
    const a2 = await openSignal(hub, roomA.roomId, roomA.facilitator);
    const b1 = await openSignal(hub, roomB.roomId, roomB.participant);

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
    const hub = await kit.start({ maxSignalingMessageBytes: 1024 });
    const room = newTestRoom();
    const cases: [string, (ws: WebSocket) => void, number][] = [
      ['not JSON', (ws) => ws.send('{"type": subscribe'), 1008],
      ['JSON but no object', (ws) => ws.send('[1, 2, 3]'), 1008],
      ['null', (ws) => ws.send('null'), 1008],
      ['binary', (ws) => ws.send(new Uint8Array([1, 2, 3])), 1008],
      ['too big', (ws) => ws.send('x'.repeat(4096)), 1009]
    ];
    for (const [, sendGarbage, code] of cases) {
      const client = await openSignal(hub, room.roomId, room.participant);
      const end = closeCode(client.ws);
      sendGarbage(client.ws);
      expect(await end).toBe(code);
    }

    // Unknown message types are ignored, not fatal.
    const a = await openSignal(hub, room.roomId, room.participant);
    const b = await openSignal(hub, room.roomId, room.participant);
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
