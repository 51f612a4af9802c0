import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loginKeysFor } from '../../src/lib/access/hubLogin.ts';
import { newRoomKey, newSessionKeys } from '../../src/lib/access/roomKeys.ts';
import { readPresence } from '../../src/lib/domain/participant.ts';
import {
  localOrigin,
  RoomConnection,
  type ConnectionStatus
} from '../../src/lib/sync/RoomConnection.ts';
import { newTestRoom, poll, SyncTestKit } from '../support/syncServer.ts';

// A phone's RoomConnection in Node against a real hub: what its status says when storage is
// missing and when the hub refuses it for a limit. (The browser side of storage is in
// tests/e2e/storage.spec.ts.)

let kit: SyncTestKit;
const original = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB');

beforeEach(() => {
  kit = new SyncTestKit();
  Object.defineProperty(globalThis, 'indexedDB', { value: new IDBFactory(), configurable: true });
  Object.defineProperty(globalThis, 'IDBKeyRange', { value: IDBKeyRange, configurable: true });
});

afterEach(async () => {
  await kit.cleanup();
  if (original) Object.defineProperty(globalThis, 'indexedDB', original);
  else Reflect.deleteProperty(globalThis, 'indexedDB');
  vi.restoreAllMocks();
});

function open(
  port: number,
  roomKey = newSessionKeys().roomKey,
  id = 'phone00000000000'
): RoomConnection {
  const connection = new RoomConnection({
    roomKey,
    origin: `http://127.0.0.1:${port}`,
    paths: { relay: true, peer: false },
    login: loginKeysFor(roomKey, 'phone000000000000'),
    presence: () => ({ id, role: 'participant' })
  });
  kit.defer(() => connection.destroy());
  return connection;
}

function status(connection: RoomConnection): ConnectionStatus {
  return connection.status;
}

describe('RoomConnection', () => {
  it('keeps its local copy and syncs', async () => {
    const hub = await kit.start();
    const connection = open(hub.port);
    await connection.whenLocalLoaded;
    await vi.waitFor(
      () => expect(status(connection)).toMatchObject({ hub: 'connected', storage: 'ready' }),
      poll
    );
  });

  it('reopens its local copy, and stores and counts what comes after', async () => {
    const roomKey = newSessionKeys().roomKey;
    const reopen = async (): Promise<RoomConnection> => {
      const connection = new RoomConnection({
        roomKey,
        origin: 'http://127.0.0.1:9',
        paths: { relay: false, peer: false },
        login: loginKeysFor(roomKey, 'phone000000000000')
      });
      kit.defer(() => connection.destroy());
      await connection.whenLocalLoaded;
      return connection;
    };
    // y-indexeddb writes each update in an IndexedDB transaction of its own, after Yjs's.
    const stored = () => new Promise((resolve) => setTimeout(resolve, 50));
    const first = await reopen();
    first.doc.getMap('m').set('before', 'stored');
    await stored();
    first.destroy();

    const second = await reopen();
    expect(second.doc.getMap('m').get('before')).toBe('stored');
    expect(second.status.pending).toBe(0);
    // The update listeners were off for the load only.
    second.doc.transact(() => second.doc.getMap('m').set('after', 'stored too'), localOrigin);
    expect(second.status.pending).toBe(1);
    await stored();
    second.destroy();

    const third = await reopen();
    expect(third.doc.getMap('m').toJSON()).toEqual({ before: 'stored', after: 'stored too' });
  });

  it('without IndexedDB works in memory, says so, and still reaches the hub', async () => {
    Object.defineProperty(globalThis, 'indexedDB', { value: undefined, configurable: true });
    const hub = await kit.start();
    const connection = open(hub.port);
    await connection.whenLocalLoaded;
    expect(status(connection).storage).toBe('unavailable');
    await vi.waitFor(() => expect(status(connection).hub).toBe('connected'), poll);
  });

  it('when IndexedDB refuses to open, works in memory and says so', async () => {
    const refusing = new IDBFactory();
    refusing.open = () => {
      throw new DOMException('The user denied permission', 'SecurityError');
    };
    Object.defineProperty(globalThis, 'indexedDB', { value: refusing, configurable: true });
    const hub = await kit.start();
    const connection = open(hub.port);
    await connection.whenLocalLoaded;
    expect(status(connection).storage).toBe('unavailable');
    await vi.waitFor(() => expect(status(connection).hub).toBe('connected'), poll);
  });

  it('tells the screen which limit the hub closed it for', async () => {
    const hub = await kit.start({ limits: { maxOpenRooms: 1 } });
    const busy = newTestRoom();
    const other = kit.connect(hub, busy.roomId, busy.facilitator);
    await vi.waitFor(() => expect(other.isSynced).toBe(true), poll);
    const connection = open(hub.port, newRoomKey());
    await vi.waitFor(() => expect(status(connection).hubRefusal).toBe('hubFull'), poll);
    expect(status(connection).hub).not.toBe('connected');
    // Once there is room again, the provider's own reconnect gets in and the refusal clears.
    other.destroy();
    await vi.waitFor(
      () => expect(status(connection)).toMatchObject({ hub: 'connected', hubRefusal: undefined }),
      poll
    );
  });

  it('keeps the other devices in presence while it has lost the hub', async () => {
    // The projector reaches the hub through a link this test can cut, as when the hub
    // crashes: no goodbye from the hub, the socket just dies, and every retry fails.
    const hub = await kit.start();
    const link = await cuttableLink(hub.port);
    const roomKey = newSessionKeys().roomKey;
    open(hub.port, roomKey, 'phone00000000000');
    const projector = open(link.port, roomKey, 'projector0000000');
    await vi.waitFor(() => expect(presenceIds(projector)).toContain('phone00000000000'), poll);

    await link.cut();
    await vi.waitFor(() => expect(link.refused).toBeGreaterThanOrEqual(2), poll);
    expect(status(projector).hub).not.toBe('connected');
    // Hocuspocus clears every other state on each close; with the awareness shared with
    // the peer-to-peer mesh, that told every peer the whole room had left.
    expect(presenceIds(projector)).toContain('phone00000000000');
  });

  it('writes under a client id of its own, never the one its presence is keyed by', async () => {
    const hub = await kit.start();
    const roomKey = newSessionKeys().roomKey;
    const writer = open(hub.port, roomKey, 'writer0000000000');
    const reader = open(hub.port, roomKey, 'reader0000000000');
    writer.doc.transact(() => writer.doc.getMap('notes').set('n1', 'anoniem idee'), localOrigin);
    writer.doc.transact(() => writer.doc.getMap('notes').set('n2', 'nog een'), localOrigin);
    await vi.waitFor(() => expect(reader.doc.getMap('notes').get('n2')).toBe('nog een'), poll);
    await vi.waitFor(() => expect(presenceIds(reader)).toContain('writer0000000000'), poll);

    const presenceClient = [...reader.awareness.getStates()].find(
      ([, state]) => readPresence(state)?.id === 'writer0000000000'
    )?.[0];
    expect(presenceClient).toBe(writer.awareness.clientID);
    const writers = [...reader.doc.store.clients.keys()];
    expect(writers).toHaveLength(1);
    expect(writers).not.toContain(presenceClient);
    // Outside its own edits the doc answers with the presence id, as the providers expect.
    expect(writer.doc.clientID).toBe(writer.awareness.clientID);
  });
});

function presenceIds(connection: RoomConnection): string[] {
  return [...connection.awareness.getStates().values()].flatMap(
    (state) => readPresence(state)?.id ?? []
  );
}

/**
 * A TCP link to the hub that the test can cut: afterwards it refuses every connection (as a
 * crashed hub's port does) and counts the attempts.
 */
async function cuttableLink(
  hubPort: number
): Promise<{ port: number; readonly refused: number; cut(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let cut = false;
  let refused = 0;
  const server = net.createServer((client) => {
    if (cut) {
      refused++;
      client.destroy();
      return;
    }
    const upstream = net.connect(hubPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  kit.defer(() => new Promise((resolve) => server.close(resolve)));
  kit.defer(() => sockets.forEach((socket) => socket.destroy()));
  return {
    port: (server.address() as net.AddressInfo).port,
    get refused() {
      return refused;
    },
    async cut() {
      cut = true;
      for (const socket of sockets) socket.resetAndDestroy();
    }
  };
}
