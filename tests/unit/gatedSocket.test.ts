import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { GatedSocket } from '../../src/hub/storage/gatedSocket.ts';

// The socket a Postgres-backed relay hands Hocuspocus: what is sent while a commit is in
// flight waits for it, in order, and a steady stream of commits never starves what came first.

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real WebSocket pair on loopback: the hub's end (gated) and what the client receives. */
async function pair(): Promise<{ gate: GatedSocket; received: string[]; client: WebSocket }> {
  const server = http.createServer();
  const sockets = new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hubSide = new Promise<WebSocket>((resolve) => sockets.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const received: string[] = [];
  client.on('message', (data) => received.push(String(data)));
  const gate = new GatedSocket(await hubSide);
  cleanups.push(() => {
    client.terminate();
    sockets.close();
    server.close();
  });
  return { gate, received, client };
}

function commit(): { promise: Promise<void>; done: () => void } {
  let done = (): void => undefined;
  const promise = new Promise<void>((resolve) => (done = resolve));
  return { promise, done };
}

describe('GatedSocket', () => {
  it('holds what is sent during a commit and sends it, in order, once committed', async () => {
    const { gate, received } = await pair();
    gate.send('before');
    const first = commit();
    gate.holdUntil(first.promise);
    gate.send('ack 1');
    gate.send('broadcast');
    await vi.waitFor(() => expect(received).toEqual(['before']));
    expect(gate.heldCount).toBe(2);
    first.done();
    await vi.waitFor(() => expect(received).toEqual(['before', 'ack 1', 'broadcast']));
  });

  it('lets each commit release what waited for it while newer commits are still in flight', async () => {
    const { gate, received } = await pair();
    const commits = Array.from({ length: 3 }, commit);
    commits.forEach((c, i) => {
      gate.holdUntil(c.promise);
      gate.send(`ack ${i}`);
    });
    commits[0]?.done();
    await vi.waitFor(() => expect(received).toEqual(['ack 0']));
    // A later commit done first waits for the one before it (commits settle in order anyway).
    commits[2]?.done();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual(['ack 0']);
    commits[1]?.done();
    await vi.waitFor(() => expect(received).toEqual(['ack 0', 'ack 1', 'ack 2']));
  });

  it('drops what waits when the socket is closed (a failed commit sends no ack)', async () => {
    const { gate, received, client } = await pair();
    const failed = commit();
    gate.holdUntil(failed.promise);
    gate.send('ack that must not leave');
    const closed = new Promise<number>((resolve) => client.once('close', resolve));
    gate.close(1011, 'storage failed');
    failed.done();
    expect(await closed).toBe(1011);
    expect(received).toEqual([]);
  });
});
