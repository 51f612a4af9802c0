import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { fetchLoginToken } from '../../src/lib/access/hubLogin.ts';
import { hubCloseCodes } from '../../src/lib/sync/hubRefusals.ts';
import { authMessage, hocuspocusMessage, newTestRoom } from './syncServer.ts';

/*
 * A flood from one address: many sockets at once on /sync and /signal, each sending as fast
 * as it can — awareness queries in a room it logged in to, garbage bytes, text frames,
 * signaling publishes. Used by the limits test (small) and `npm run hub-flood` (large, real
 * process).
 */

export interface FloodOptions {
  /** The hub's origin, e.g. http://127.0.0.1:4500 */
  readonly origin: string;
  readonly sockets: number;
  readonly messagesPerSocket: number;
  /** What the sockets send, spread evenly over them (all kinds by default). */
  readonly kinds?: readonly FloodKind[];
}

export interface FloodReport {
  readonly messagesSent: number;
  readonly bytesSent: number;
  readonly durationMs: number;
  /** Sockets refused for too many connections from the address. */
  readonly refusedConnections: number;
  /** Sockets closed for sending too fast. */
  readonly closedForRate: number;
  /** Sockets closed for other reasons (garbage, protocol errors). */
  readonly closedOther: number;
}

export type FloodKind = 'query' | 'garbage' | 'text' | 'signal';

export async function floodRoom(options: FloodOptions): Promise<FloodReport> {
  const room = newTestRoom();
  const wsOrigin = options.origin.replace(/^http/, 'ws');
  const started = performance.now();
  let messagesSent = 0;
  let bytesSent = 0;
  const codes: number[] = [];
  const kinds = options.kinds ?? ['query', 'garbage', 'text', 'signal'];
  const query = hocuspocusMessage(room.roomId, (e) => encoding.writeVarUint(e, 3));
  const garbage = new Uint8Array(512).map((_, i) => (i * 37) & 255);
  const publish = JSON.stringify({ type: 'publish', topic: room.roomId, data: 'x'.repeat(200) });

  // All sockets first, as a connection flood would, then the messages.
  const opened = await Promise.all(
    Array.from({ length: options.sockets }, async (_, index) => {
      const kind = kinds[index % kinds.length] ?? 'query';
      const path = kind === 'signal' ? `/signal/${room.roomId}` : '/sync';
      const ws = new WebSocket(`${wsOrigin}${path}`);
      ws.on('error', () => {});
      const done = new Promise<void>((resolve) =>
        ws.once('close', (code: number) => {
          codes.push(code);
          resolve();
        })
      );
      await new Promise<void>((resolve) => {
        ws.once('open', () => resolve());
        ws.once('close', () => resolve());
      });
      return { ws, kind, done };
    })
  );

  await Promise.all(
    opened.map(async ({ ws, kind, done }) => {
      // A flooder with the room key logs in first, with a fresh challenge per socket.
      if ((kind === 'query' || kind === 'signal') && ws.readyState === ws.OPEN) {
        const keys = kind === 'query' ? room.facilitator : room.participant;
        const token = await fetchLoginToken(options.origin, keys);
        if (kind === 'query') ws.send(authMessage(room.roomId, token));
        else {
          ws.send(JSON.stringify({ type: 'login', token }));
          ws.send(JSON.stringify({ type: 'subscribe', topics: [room.roomId] }));
        }
      }
      const message =
        kind === 'query'
          ? query
          : kind === 'garbage'
            ? garbage
            : kind === 'text'
              ? 'hello'
              : publish;
      for (let i = 0; i < options.messagesPerSocket && ws.readyState === ws.OPEN; i++) {
        ws.send(message);
        messagesSent += 1;
        bytesSent += typeof message === 'string' ? message.length : message.byteLength;
        // Let the socket drain now and then, as a real flooder's kernel would.
        if (i % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
      }
      // Whatever the hub did not close yet, the flooder closes itself.
      if (ws.readyState === ws.OPEN) ws.terminate();
      await done;
    })
  );

  return {
    messagesSent,
    bytesSent,
    durationMs: performance.now() - started,
    refusedConnections: codes.filter((code) => code === hubCloseCodes.tooManyConnections).length,
    closedForRate: codes.filter((code) => code === hubCloseCodes.tooManyMessages).length,
    closedOther: codes.filter(
      (code) => code !== hubCloseCodes.tooManyConnections && code !== hubCloseCodes.tooManyMessages
    ).length
  };
}
