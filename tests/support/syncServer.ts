import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { fetchLoginToken, loginKeysFor, type LoginKeys } from '../../src/lib/access/hubLogin.ts';
import { deriveRoomSecrets, newSessionKeys } from '../../src/lib/access/roomKeys.ts';
import { randomId } from '../../src/lib/domain/ids.ts';
import { handleApi } from '../../src/hub/api.ts';
import { RoomCodes } from '../../src/hub/roomCodes.ts';
import { attachSync, type SyncOptions } from '../../src/hub/sync/attachSync.ts';
import { Challenges } from '../../src/hub/sync/challenges.ts';
import { openDevice, type DeviceOptions, type TestDevice } from './testDevice.ts';

/*
 * The hub's sync and its small API (login challenges, room codes) on a bare http.Server on a
 * free loopback port (no built app needed), with helpers to reach it as a phone would or as
 * an attacker would. Everything opened is closed by `cleanup()`, clients first.
 */

export interface SyncServer {
  readonly port: number;
  readonly dataDir: string;
  /** http://127.0.0.1:<port>: where devices ask for login challenges. */
  readonly origin: string;
  /** The WebSocket URL of a path on this hub. */
  readonly url: (path: string) => string;
  readonly challenges: Challenges;
  close(): Promise<void>;
}

/** A room: its keys, and the login keys of its facilitator's laptop and of one phone. */
export interface TestRoom {
  readonly roomKey: string;
  readonly facilitatorKey: string;
  readonly roomId: string;
  readonly verifier: string;
  readonly facilitator: LoginKeys;
  readonly participant: LoginKeys;
}

/**
 * How a test client logs in: a device's keys (a fresh challenge signed on every connect, as
 * RoomConnection does), or a fixed token (a stolen, replayed or made-up one).
 */
export type Login = LoginKeys | string | null;

export class SyncTestKit {
  readonly #cleanups: (() => unknown)[] = [];
  readonly dataDir = mkdtempSync(join(tmpdir(), 'kring-hub-test-'));

  /** Registers something to undo at the end, most recent first. */
  defer(cleanup: () => unknown): void {
    this.#cleanups.push(cleanup);
  }

  /** Closes every client and server (clients first); the database stays, for a restart. */
  async closeAll(): Promise<void> {
    for (const cleanup of this.#cleanups.splice(0).reverse()) await cleanup();
  }

  async cleanup(): Promise<void> {
    await this.closeAll();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async start(options: Partial<SyncOptions> = {}): Promise<SyncServer> {
    const challenges = options.challenges ?? new Challenges();
    let port = 0;
    const api = {
      host: '127.0.0.1',
      port: () => port,
      roomCodes: new RoomCodes(),
      challenges,
      // Requests come once the server listens, after the sync below is attached.
      sessionData: (roomId: string) => sync.sessionData(roomId),
      addFirstIdea: (roomId: string, key: string, value: unknown) =>
        sync.addFirstIdea(roomId, key, value)
    };
    const server = http.createServer((request, response) => {
      void handleApi(request, response, api).then((handled) => {
        if (handled) return;
        response.statusCode = 404;
        response.end();
      });
    });
    const sync = attachSync(server, { dataDir: this.dataDir, ...options, challenges });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    let closed: Promise<void> | undefined;
    const close = (): Promise<void> =>
      (closed ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await sync.close();
        await stopped;
      })());
    this.defer(close);
    return {
      port,
      dataDir: options.dataDir ?? this.dataDir,
      origin: `http://127.0.0.1:${port}`,
      url: (path) => `ws://127.0.0.1:${port}${path}`,
      challenges,
      close
    };
  }

  /**
   * A HocuspocusProvider as a phone runs it; `reconnect` false stops it from reconnecting
   * after the hub closes it (so a test can read the close).
   */
  connect(
    hub: SyncServer,
    room: string,
    login: Login,
    options: { document?: Y.Doc; reconnect?: boolean; path?: string } = {}
  ): HocuspocusProvider {
    const socket = new HocuspocusProviderWebsocket({
      url: hub.url(options.path ?? '/sync'),
      delay: 20,
      minDelay: 20,
      maxDelay: 100,
      ...(options.reconnect === false ? { maxAttempts: 1 } : {})
    });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: room,
      token: tokenSource(hub, login),
      document: options.document ?? new Y.Doc()
    });
    provider.attach();
    if (options.reconnect === false) socket.on('close', () => void socket.disconnect());
    this.defer(() => {
      provider.destroy();
      socket.destroy();
    });
    return provider;
  }

  /** A device of the room on this hub: real records and rules over a real provider. */
  device(hub: SyncServer, room: TestRoom, options: Partial<DeviceOptions> = {}): TestDevice {
    const device = openDevice({
      origin: hub.origin,
      roomKey: room.roomKey,
      deviceSecret: options.deviceSecret ?? randomId(),
      ...options,
      ...(options.role === 'facilitator' ? { facilitatorKey: room.facilitatorKey } : {})
    });
    this.defer(() => device.destroy());
    return device;
  }

  /** A raw WebSocket, open; its errors are ignored (the hub may cut it). */
  async raw(url: string): Promise<WebSocket> {
    const ws = new WebSocket(url);
    this.defer(() => ws.terminate());
    ws.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('close', (code) => reject(new Error(`closed with ${code} before opening`)));
    });
    return ws;
  }

  /** A raw relay socket that has logged in to the room (and been let in). */
  async member(hub: SyncServer, room: TestRoom): Promise<WebSocket> {
    const ws = await this.raw(hub.url('/sync'));
    const admitted = new Promise<void>((resolve) => ws.once('message', () => resolve()));
    ws.send(authMessage(room.roomId, await fetchLoginToken(hub.origin, room.facilitator)));
    await admitted;
    return ws;
  }
}

function tokenSource(hub: SyncServer, login: Login): string | null | (() => Promise<string>) {
  if (login === null || typeof login === 'string') return login;
  return () => fetchLoginToken(hub.origin, login);
}

export function newTestRoom(): TestRoom {
  const { roomKey, facilitatorKey } = newSessionKeys();
  const { roomId, verifier } = deriveRoomSecrets(roomKey);
  return {
    roomKey,
    facilitatorKey,
    roomId,
    verifier,
    facilitator: loginKeysFor(roomKey, randomId(), facilitatorKey),
    participant: loginKeysFor(roomKey, randomId())
  };
}

/** Resolves with the close code and reason once the socket closes. */
export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    if (ws.readyState === ws.CLOSED) resolve({ code: 1006, reason: '' });
    ws.once('close', (code: number, reason: Buffer) =>
      resolve({ code, reason: reason.toString() })
    );
  });
}

/** A Hocuspocus protocol message: document name, then the given fields. */
export function hocuspocusMessage(
  name: string,
  write: (encoder: encoding.Encoder) => void
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, name);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Hocuspocus's first message: the token for a document. */
export function authMessage(room: string, token: string): Uint8Array {
  return hocuspocusMessage(room, (e) => {
    encoding.writeVarUint(e, 2); // Auth
    encoding.writeVarUint(e, 0); // Token
    encoding.writeVarString(e, token);
  });
}

/** A Yjs update in a Hocuspocus sync message. */
export function updateMessage(room: string, update: Uint8Array): Uint8Array {
  return hocuspocusMessage(room, (e) => {
    encoding.writeVarUint(e, 0); // Sync
    encoding.writeVarUint(e, 2); // Update
    encoding.writeVarUint8Array(e, update);
  });
}

/**
 * For vi.waitFor on sync events: a guard against hangs, not a speed check. On a 2-core
 * machine shared with browsers and builds a sync can take seconds; a test fails on what it
 * waits for, not on how long the machine took.
 */
export const poll = { timeout: 60_000, interval: 5 };

/** Opens a signaling socket; resolves with the HTTP status it was refused with, or 'open'. */
export function signalStatus(url: string): Promise<number | 'open' | 'no response'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => resolve('no response'));
    ws.on('open', () => {
      resolve('open');
      ws.terminate();
    });
  });
}
