import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loginKeysFor } from '../../src/lib/access/hubLogin.ts';
import { newRoomKey, newSessionKeys } from '../../src/lib/access/roomKeys.ts';
import { RoomConnection, type ConnectionStatus } from '../../src/lib/sync/RoomConnection.ts';
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

function open(port: number, roomKey = newSessionKeys().roomKey): RoomConnection {
  const connection = new RoomConnection({
    roomKey,
    origin: `http://127.0.0.1:${port}`,
    paths: { relay: true, peer: false },
    login: loginKeysFor(roomKey, 'phone000000000000'),
    presence: { device: 'phone', role: 'participant' }
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
      { timeout: 10_000, interval: 20 }
    );
  });
});
