import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hocuspocus, type Document, type Extension } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer, type RawData } from 'ws';
import * as Y from 'yjs';
import {
  afterBroadcast,
  dropSender,
  hubOrigin,
  openRooms,
  pendingSince,
  pendingUpdates,
  syncUpdate
} from '../../src/hub/sync/libraryAdapter.ts';
import { authMessage, hocuspocusMessage, poll, updateMessage } from '../support/syncServer.ts';

/*
 * What the hub relies on in @hocuspocus/server and Yjs beyond their documented APIs
 * (src/hub/sync/libraryAdapter.ts), checked against the installed libraries themselves: a
 * bare Hocuspocus instance fed from `ws` as the hub's relay feeds it, and raw clients that
 * speak its protocol. A failure here after an upgrade means the hub's durability, its limits
 * or its repairs no longer hold as written: read libraryAdapter.ts before changing anything.
 */

const room = 'contract-room';
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.restoreAllMocks();
});

/** A Hocuspocus instance on a loopback port with these extensions (and no login check). */
async function serve(...extensions: Extension[]): Promise<{ instance: Hocuspocus; url: string }> {
  const instance = new Hocuspocus({ name: 'contract', quiet: true, flushDelay: 0, extensions });
  const server = http.createServer();
  const sockets = new WebSocketServer({ server });
  sockets.on('connection', (ws, request) => {
    const connection = instance.handleConnection(ws, new Request(`http://x${request.url}`));
    ws.on('message', (data: RawData) => connection.handleMessage(new Uint8Array(data as Buffer)));
    ws.on('close', (code, reason) => connection.handleClose({ code, reason: reason.toString() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const ws of sockets.clients) ws.terminate();
    await new Promise((resolve) => server.close(resolve));
  });
  return { instance, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A raw client, logged in to the room (the instance checks no token). */
async function client(
  url: string,
  name = room
): Promise<{ ws: WebSocket; received: Uint8Array[] }> {
  const ws = new WebSocket(url);
  cleanups.push(() => ws.terminate());
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(authMessage(name, 'any'));
  await vi.waitFor(() => expect(received.length).toBeGreaterThan(0), poll);
  return { ws, received };
}

const messageType = (message: Uint8Array): number => {
  const decoder = decoding.createDecoder(message);
  decoding.readVarString(decoder);
  return decoding.readVarUint(decoder);
};
const syncStatus = 8;

/** A sync step 2 message (what a provider sends after connecting) with an update. */
const syncStep2 = (name: string, update: Uint8Array): Uint8Array =>
  hocuspocusMessage(name, (e) => {
    encoding.writeVarUint(e, 0); // Sync
    encoding.writeVarUint(e, 1); // SyncStep2
    encoding.writeVarUint8Array(e, update);
  });

/** Two updates of one client, the second building on the first. */
function twoUpdates(): [Uint8Array, Uint8Array] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  doc.getMap('m').set('first', 1);
  doc.getMap('m').set('second', 2);
  return updates as [Uint8Array, Uint8Array];
}

/** Records the order of a document's events and of the acks its clients are sent. */
function orderLog(): { log: string[]; extension: Extension } {
  const log: string[] = [];
  const send = WebSocket.prototype.send;
  vi.spyOn(WebSocket.prototype, 'send').mockImplementation(function (
    this: WebSocket,
    ...args: Parameters<WebSocket['send']>
  ) {
    if (args[0] instanceof Uint8Array && messageType(args[0]) === syncStatus) log.push('ack');
    send.apply(this, args);
  });
  const extension: Extension = {
    async afterLoadDocument({ document }) {
      document.on('update', () => log.push('update'));
      document.on('afterTransactionCleanup', () => log.push('cleanup'));
    }
  };
  return { log, extension };
}

describe('Hocuspocus and Yjs, as the hub relies on them', () => {
  it('ack an update only after the document’s update and cleanup events, for Update and SyncStep2', async () => {
    const { log, extension } = orderLog();
    const { url } = await serve(extension);
    const { ws } = await client(url);
    const [first, second] = twoUpdates();
    log.length = 0;
    ws.send(updateMessage(room, first));
    await vi.waitFor(() => expect(log).toContain('ack'), poll);
    ws.send(syncStep2(room, second));
    await vi.waitFor(() => expect(log.filter((entry) => entry === 'ack')).toHaveLength(2), poll);
    // Both events (in Yjs's order, which the hub does not rely on) before each ack.
    expect(log).toEqual(['cleanup', 'update', 'ack', 'cleanup', 'update', 'ack']);
  });

  it('send no ack to a client whose socket was closed while its update was applied', async () => {
    const { log, extension } = orderLog();
    const closer: Extension = {
      async afterLoadDocument({ document }) {
        document.on('update', (_update: Uint8Array, origin: unknown) =>
          dropSender(origin, 1011, 'storage failed')
        );
      }
    };
    const { url } = await serve(extension, closer);
    const { ws } = await client(url);
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    log.length = 0;
    ws.send(updateMessage(room, twoUpdates()[0]));
    expect(await closed).toBe(1011);
    expect(log).toEqual(['cleanup', 'update']);
  });

  it('keep an update that misses its predecessor in the pending stores, and ack it', async () => {
    let document: Document | undefined;
    const seen: Uint8Array[] = [];
    const { log, extension } = orderLog();
    const watcher: Extension = {
      async afterLoadDocument({ document: loaded }) {
        document = loaded;
        let before = pendingUpdates(loaded);
        loaded.on('afterTransactionCleanup', () => {
          const now = pendingUpdates(loaded);
          const fresh = pendingSince(before, now);
          before = now;
          if (fresh) seen.push(fresh);
        });
      }
    };
    const { url } = await serve(extension, watcher);
    const { ws } = await client(url);
    const [first, second] = twoUpdates();
    // A delete of an item the room has not seen yet: held back as a pending delete set.
    const deleter = new Y.Doc();
    Y.applyUpdate(deleter, first);
    Y.applyUpdate(deleter, second);
    const sv = Y.encodeStateVector(deleter);
    deleter.getMap('m').delete('second');
    const deletion = Y.encodeStateAsUpdate(deleter, sv);
    log.length = 0;
    ws.send(updateMessage(room, second));
    ws.send(updateMessage(room, deletion));
    await vi.waitFor(() => expect(log.filter((entry) => entry === 'ack')).toHaveLength(2), poll);
    // No update event: Yjs held both back, and the stores changed to new values each time.
    expect(log).toEqual(['cleanup', 'ack', 'cleanup', 'ack']);
    const pending = pendingUpdates(document as Document);
    expect(pending.structs).toBeInstanceOf(Uint8Array);
    expect(pending.deleteSet).toBeInstanceOf(Uint8Array);
    expect(Y.decodeUpdateV2(pending.structs as Uint8Array).structs.length).toBeGreaterThan(0);
    expect(seen).toHaveLength(2);
    // What was seen is what was held back: with the first update, it is the whole doc.
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, Y.mergeUpdates([...seen, first]));
    expect(rebuilt.getMap('m').toJSON()).toEqual({ first: 1 });
    expect(rebuilt.store.pendingStructs).toBeNull();
  });

  it('hand beforeSync the update before applying it; a refusal there applies and acks nothing, nor what follows', async () => {
    const { log, extension } = orderLog();
    const offered: { type: number; update: Uint8Array | undefined; name: string }[] = [];
    let refuse = false;
    let document: Document | undefined;
    const gate: Extension = {
      async beforeSync({ documentName, document: target, ...message }) {
        document = target;
        offered.push({ type: message.type, update: syncUpdate(message), name: documentName });
        // Not applied yet when the hook runs.
        if (syncUpdate(message)) expect(target.getMap('m').has('second')).toBe(false);
        if (refuse) throw Object.assign(new Error('refused'), { code: 4413, reason: 'full' });
      }
    };
    const { url } = await serve(extension, gate);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const [first, second] = twoUpdates();
    // Addressed as "<room>\0<session>", as session-aware providers do: still this room.
    const address = `${room}\u0000sessie`;
    const { ws, received } = await client(url, address);
    ws.send(updateMessage(address, first));
    await vi.waitFor(() => expect(received.map(messageType)).toContain(syncStatus), poll);
    expect(offered.at(-1)).toEqual({ type: 2, update: first, name: room });
    expect(syncUpdate({ type: 0, payload: new Uint8Array([0]) })).toBeUndefined();

    refuse = true;
    log.length = 0;
    const acked = received.length;
    ws.send(updateMessage(address, second));
    ws.send(updateMessage(address, second));
    await vi.waitFor(() => expect(offered).toHaveLength(2), poll);
    expect(document?.getMap('m').toJSON()).toEqual({ first: 1 });
    // The connection's document closed: the queued second message was dropped unseen.
    await vi.waitFor(() => expect(document?.getConnectionsCount()).toBe(0), poll);
    expect(offered).toHaveLength(2);
    expect(log).not.toContain('ack');
    expect(received.slice(acked).map(messageType)).not.toContain(syncStatus);
  });

  it('list a room as open while it loads and until it unloads', async () => {
    let release: () => void = () => {};
    const loading = new Promise<void>((resolve) => (release = resolve));
    const slow: Extension = {
      async onLoadDocument() {
        await loading;
      }
    };
    const { instance, url } = await serve(slow);
    const ws = new WebSocket(url);
    cleanups.push(() => ws.terminate());
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(authMessage(room, 'any'));
    await vi.waitFor(() => expect(openRooms(instance)).toEqual(new Set([room])), poll);
    expect(instance.documents.has(room)).toBe(false);
    release();
    await vi.waitFor(() => expect(instance.documents.has(room)).toBe(true), poll);
    expect(openRooms(instance)).toEqual(new Set([room]));
    ws.close();
    await vi.waitFor(() => expect(openRooms(instance).size).toBe(0), poll);
  });

  it('store and send the hub’s own changes to every client', async () => {
    const stored: unknown[] = [];
    let document: Document | undefined;
    const { url } = await serve({
      async afterLoadDocument({ document: loaded }) {
        document = loaded;
        loaded.on('update', (_update: Uint8Array, origin: unknown) => stored.push(origin));
      }
    });
    const a = await client(url);
    const b = await client(url);
    const origin = hubOrigin({ kringGuard: true });
    document?.transact(() => document?.getMap('m').set('repaired', true), origin);
    expect(stored).toEqual([origin]);
    for (const { received } of [a, b]) {
      await vi.waitFor(() => {
        const doc = new Y.Doc();
        for (const message of received) {
          const decoder = decoding.createDecoder(message);
          decoding.readVarString(decoder);
          if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 2) continue;
          Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
        }
        expect(doc.getMap('m').get('repaired')).toBe(true);
      }, poll);
    }
  });

  it('send a client’s change to the room before work deferred from its observers (afterBroadcast)', async () => {
    const log: string[] = [];
    const send = WebSocket.prototype.send;
    vi.spyOn(WebSocket.prototype, 'send').mockImplementation(function (
      this: WebSocket,
      ...args: Parameters<WebSocket['send']>
    ) {
      if (args[0] instanceof Uint8Array && messageType(args[0]) === 0) log.push('sent');
      send.apply(this, args);
    });
    const { url } = await serve({
      async afterLoadDocument({ document }) {
        const later = afterBroadcast(document, (error) => log.push(`error ${String(error)}`));
        document.getMap('m').observe(() => {
          log.push('observed');
          later.defer(() => log.push('judged'));
        });
        document.on('destroy', later.stop);
      }
    });
    const a = await client(url);
    await client(url);
    log.length = 0;
    a.ws.send(updateMessage(room, twoUpdates()[0]));
    await vi.waitFor(() => expect(log).toContain('judged'), poll);
    // The room's copy of the change went out first (the sender's ack is no sync message).
    const observed = log.indexOf('observed');
    const sent = log.indexOf('sent', observed);
    expect(observed).toBeGreaterThanOrEqual(0);
    expect(sent).toBeGreaterThan(observed);
    expect(log.indexOf('judged')).toBeGreaterThan(sent);
  });
});
