// A room asked away from a hub in the middle of opening: one hub's room placement (real
// Hocuspocus, real Redis leases), with a gate that holds the room's load or a connection's login
// while another hub's hand-over request arrives. Found in CI: the connection that was opening
// the room got attached after the hand-over had closed the room's (then zero) connections, so
// the room stayed on the leaving hub with its lease renewed and every other connection refused.
import { expect, test } from '@playwright/test';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { Server, type Extension } from '@hocuspocus/server';
import { Redis } from 'ioredis';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { openRoomLeases, type RoomLeases } from '../../src/hub/hosted/leases.ts';
import { createPlacement, roomMovedCode } from '../../src/hub/hosted/placement.ts';
import { redisKeys } from '../../src/hub/hosted/redisKeys.ts';
import { hostedTools, startDatabases, type Services } from '../support/hostedServices.ts';
import { until } from './stack.ts';

const tools = hostedTools();
test.skip(!tools.ok, tools.ok ? '' : tools.missing);
test.describe.configure({ mode: 'serial' });

let services: Services | undefined;
test.beforeAll(async () => {
  if (tools.ok) services = await startDatabases(tools.bin);
});
test.afterAll(async () => {
  await services?.stopAll();
});

/** Holds a hook until `open()`; `reached` resolves when the hook is waiting (or throws). */
function gate(): { reached: Promise<void>; wait: () => Promise<void>; open: () => void } {
  let reach = (): void => undefined;
  let open = (): void => undefined;
  const reached = new Promise<void>((resolve, reject) => {
    reach = resolve;
    setTimeout(() => reject(new Error('the hook was never reached')), 10_000).unref();
  });
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    reached,
    open,
    wait: () => {
      reach();
      return opened;
    }
  };
}

interface OneHub {
  readonly url: string;
  readonly leases: RoomLeases;
  readonly server: Server;
  /** The placement's log events, in order. */
  readonly events: string[];
  /** Publishes the request another hub sends when it wants a room. */
  askForRoom(room: string): Promise<void>;
  leaseHolder(room: string): Promise<string | null>;
  stop(): Promise<void>;
}

async function startOneHub(extra: Extension): Promise<OneHub> {
  if (!services) throw new Error('no Redis');
  const redis = new Redis(services.redisUrl);
  const subscriber = new Redis(services.redisUrl);
  const leases = await openRoomLeases(redis, subscriber, { hubId: 'hub-a' });
  const events: string[] = [];
  const placement = createPlacement({
    leases,
    socketOf: () => undefined,
    log: (event) => void events.push(event)
  });
  const server = new Server({
    quiet: true,
    address: '127.0.0.1',
    port: 0,
    stopOnSignals: false,
    extensions: [placement.extension, extra]
  });
  await server.listen();
  return {
    url: server.webSocketURL,
    leases,
    server,
    events,
    askForRoom: async (room) => void (await redis.publish(redisKeys.handover('hub-a'), room)),
    leaseHolder: (room) => redis.get(redisKeys.lease(room)),
    async stop() {
      await server.destroy();
      await leases.close();
      redis.disconnect();
      subscriber.disconnect();
    }
  };
}

/** A client of one room that records the close codes it gets (and does not reconnect). */
function connect(url: string, room: string): { closes: number[]; destroy: () => void } {
  const closes: number[] = [];
  const socket = new HocuspocusProviderWebsocket({
    url,
    maxAttempts: 1,
    WebSocketPolyfill: WebSocket
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: room,
    token: 'any',
    document: new Y.Doc(),
    onClose: ({ event }) => void closes.push(event.code)
  });
  provider.attach();
  return {
    closes,
    destroy: () => {
      provider.destroy();
      socket.destroy();
    }
  };
}

/** Waits until the client was told the room moved and the room has left the hub. */
async function sentOnAndGone(hub: OneHub, client: { closes: number[] }, room: string) {
  await until('the client to be sent on', () => client.closes.includes(roomMovedCode), 5000);
  await until('the room to leave the hub', () => !hub.server.hocuspocus.documents.has(room), 5000);
}

test('a room asked away while it loads leaves with the connection that was opening it', async () => {
  const load = gate();
  const hub = await startOneHub({
    extensionName: 'SlowLoad',
    onLoadDocument: () => load.wait()
  });
  const room = `room-${Date.now()}`;
  const client = connect(hub.url, room);
  try {
    await load.reached;
    expect(hub.leases.holds(room)).toBe(true);
    await hub.askForRoom(room);
    await until('the hand-over to start', () => hub.events.includes('room.leaving'));
    expect(hub.server.hocuspocus.loadingDocuments.has(room)).toBe(true);
    load.open();

    await sentOnAndGone(hub, client, room);
    await until('the lease to be given back', async () => !(await hub.leaseHolder(room)), 5000);
    expect(hub.leases.holds(room)).toBe(false);
  } finally {
    client.destroy();
    await hub.stop();
  }
});

test('a connection let in before its room’s lease went back does not open the room here', async () => {
  const login = gate();
  const hub = await startOneHub({
    extensionName: 'SlowLogin',
    // After the placement's own check (priority 60): the lease is taken, the room not yet open.
    priority: 55,
    onAuthenticate: () => login.wait()
  });
  const room = `room-${Date.now()}`;
  const client = connect(hub.url, room);
  try {
    await login.reached;
    expect(hub.leases.holds(room)).toBe(true);
    await hub.askForRoom(room);
    await until('the lease to be given back', async () => !(await hub.leaseHolder(room)), 5000);
    login.open();

    await sentOnAndGone(hub, client, room);
    expect(await hub.leaseHolder(room)).toBeNull();
  } finally {
    client.destroy();
    await hub.stop();
  }
});
