import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Challenges } from './challenges.ts';
import { closeSockets } from './closeSockets.ts';
import { addFirstIdea, type FirstIdeaOutcome } from './firstIdea.ts';
import type { HubGuard } from './limits.ts';
import { admit, type ConnectionRole } from './login.ts';
import { afterBroadcast } from './libraryAdapter.ts';
import type { SessionData } from '../../lib/model/sessionData.ts';
import { guardSession } from './sessionGuard.ts';
import { toWebRequest, type UpgradeHandler } from './upgrade.ts';
import type { RoomStorage } from '../storage/roomStorage.ts';
import { roomOfPath } from './roomPaths.ts';

export interface RelayOptions {
  /** Largest message accepted from a client, in bytes (a whole room's first sync must fit). */
  readonly maxMessageBytes: number;
  /** Per-connection and per-room limits (limits.ts); none when absent. */
  readonly guard?: HubGuard;
  /** The login challenges this hub issued (GET /api/rooms/<room>/challenge). */
  readonly challenges: Challenges;
  /** More extensions (hosted: room placement), given the way to a connection's socket. */
  readonly extensions?: (socketOf: (request: Request) => WebSocket | undefined) => Extension[];
}

export interface Relay {
  readonly handleUpgrade: UpgradeHandler;
  /** A room's checked records while this hub holds it (loaded), else undefined. */
  sessionData(roomId: string): SessionData | undefined;
  /** Puts a joining phone's first idea in the room, if this hub holds it (firstIdea.ts). */
  addFirstIdea(roomId: string, key: string, value: unknown): FirstIdeaOutcome;
  /** Closes every client, lets the rooms unload, then resolves. The store stays open. */
  close(): Promise<void>;
}

/**
 * Refusal reported to the client as Hocuspocus's permission-denied. No message on purpose:
 * Hocuspocus logs every hook error that has one, and a wrong key is not the hub's problem.
 */
class RoomRefused extends Error {
  readonly reason = 'permission-denied';
}

// WebSocket close codes (RFC 6455).
const policyViolation = 1008;

/**
 * The Yjs relay: a Hocuspocus instance (no Hocuspocus `Server`: the hub owns the HTTP server
 * and hands over upgrades on /sync). The document name is the room id; a client opens it only
 * with a login for a fresh challenge (login.ts), and on /sync/<room id> only that room.
 * Every update is in `storage` before the client's ack.
 */
export function createRelay(storage: RoomStorage, options: RelayOptions): Relay {
  const socketsByRequest = new WeakMap<Request, WebSocket>();
  const readers = new Map<string, () => SessionData>();
  const hocuspocus = new Hocuspocus({
    name: 'kring-hub',
    quiet: true,
    // Broadcast other clients' copies on the next turn (setImmediate), after persistence.
    flushDelay: 0,
    extensions: [
      {
        extensionName: 'KringRoomAccess',
        async onAuthenticate({ token, documentName }) {
          const role = admit(token, documentName, options.challenges);
          if (!role) throw new RoomRefused();
          // Becomes the connection's context (limits and logs; the guard judges by signatures).
          return role;
        }
      },
      {
        extensionName: 'KringRoomPath',
        // On /sync/<room id> the path names the room (the balancer routes by it): no other.
        async onAuthenticate({ documentName, request }) {
          const inPath = roomOfPath(new URL(request.url).pathname);
          if (inPath !== undefined && inPath !== documentName) throw new RoomRefused();
        }
      },
      ...(options.extensions?.((request) => socketsByRequest.get(request)) ?? []),
      storage.extension,
      {
        extensionName: 'KringSessionGuard',
        // After persistence has loaded the room (and listens), so repairs are stored too.
        async onLoadDocument({ document, documentName, context }) {
          const room = `room ${documentName.slice(0, 6)}…`;
          const later = afterBroadcast(document, (error) =>
            console.error(`Kring hub: could not check a change in ${room}`, error)
          );
          const stop = guardSession(document, {
            roomId: documentName,
            verifier: (context as ConnectionRole).verifier,
            onRepair: (reason) => console.warn(`Kring hub: undid a change in ${room}: ${reason}`),
            defer: later.defer,
            onData: (read) => readers.set(documentName, read)
          });
          document.on('destroy', () => {
            readers.delete(documentName);
            later.stop();
            stop();
          });
        }
      },
      ...(options.guard ? [options.guard.extension] : [])
    ]
  });

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes,
    // Yjs updates are small and already compact; compression would cost CPU and memory per socket.
    perMessageDeflate: false
  });

  const connect = (ws: WebSocket, request: Request): void => {
    socketsByRequest.set(request, ws);
    const connection = hocuspocus.handleConnection(storage.wrapSocket(ws), request);
    const withinLimits = options.guard?.relayMeter(ws, request);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      // The Hocuspocus protocol is binary only; a text frame is not a Kring client.
      if (!isBinary) {
        ws.close(policyViolation, 'binary messages only');
        return;
      }
      const bytes = toBytes(data);
      if (withinLimits && !withinLimits(bytes)) return;
      connection.handleMessage(bytes);
    });
    ws.on('close', (code: number, reason: Buffer) => {
      connection.handleClose({ code, reason: reason.toString() });
    });
    // ws reports protocol errors (oversized or malformed frames) here and then closes the
    // socket itself; without a listener the error would crash the hub.
    ws.on('error', () => {});
  };

  let closing: Promise<void> | undefined;

  return {
    sessionData: (roomId) => readers.get(roomId)?.(),
    addFirstIdea: (roomId, key, value) =>
      addFirstIdea({
        roomId,
        doc: hocuspocus.documents.get(roomId),
        data: readers.get(roomId)?.(),
        key,
        value,
        roomFull: () => options.guard?.roomFull(roomId) ?? false
      }),
    handleUpgrade(request, socket, head) {
      if (closing) {
        socket.destroy();
        return;
      }
      // Authentication happens in the protocol (the token is in Hocuspocus's first message),
      // so every upgrade is accepted; Hocuspocus bounds what an unauthenticated socket may
      // queue and closes it after `timeout`.
      sockets.handleUpgrade(request, socket, head, (ws) => connect(ws, toWebRequest(request)));
    },
    close() {
      closing ??= (async () => {
        await closeSockets(sockets);
        // Last-disconnect handling schedules each room's unload; run it now instead of
        // after Hocuspocus's store debounce, then wait for the rooms to go.
        hocuspocus.flushPendingStores();
        await until(() => hocuspocus.getDocumentsCount() === 0, 2000);
        await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
      })();
      return closing;
    }
  };
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  // A plain view on the Buffer's bytes, without copying.
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Resolves once `done()` holds (checked every few milliseconds), or after `timeoutMs`. */
async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
