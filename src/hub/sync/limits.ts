import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Document, Extension } from '@hocuspocus/server';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { hubCloseCodes, hubCloseReasons, type HubRefusal } from '../../lib/sync/hubRefusals.ts';
import { openRooms, syncUpdate } from './libraryAdapter.ts';

/*
 * What one connection, one address and one room may use of the hub, so that a broken or
 * hostile client slows down or fills only itself, never the hub or the other rooms. Each
 * refusal closes the client's WebSocket with a code from hubRefusals.ts and a reason; the
 * Hocuspocus provider reconnects on its own (after about a second) and syncs again, so a
 * legitimate client that once tripped a limit loses nothing.
 *
 * The defaults are sized for a room of 80 phones plus the facilitator's laptop and
 * projector, with headroom: a phone sends a handful of messages per note, a facilitator
 * dragging notes a few dozen per second, and a phone that comes back online after working
 * offline sends its queued changes in one burst. A whole board of a long session is well
 * under 1 MiB.
 */

export interface HubLimits {
  /** Messages per second a relay connection may keep sending. */
  readonly messagesPerSecond: number;
  /** Messages a relay connection may send at once before the per-second rate applies. */
  readonly messageBurst: number;
  /**
   * The same for a signaling connection. Lower: signaling carries a few messages per peer,
   * and the hub repeats each one to every device in the room.
   */
  readonly signalingMessagesPerSecond: number;
  readonly signalingMessageBurst: number;
  /** Bytes per second a connection may keep sending. */
  readonly bytesPerSecond: number;
  /** Bytes a connection may send at once; at least the largest message allowed. */
  readonly byteBurst: number;
  /** Open WebSockets (relay + signaling) per client address; 0 for no limit. */
  readonly connectionsPerAddress: number;
  /** Encoded size of a room's doc beyond which new content is refused. */
  readonly maxRoomBytes: number;
  /** Rooms the hub keeps open at once. */
  readonly maxOpenRooms: number;
}

export const defaultHubLimits: HubLimits = {
  messagesPerSecond: 100,
  messageBurst: 500,
  signalingMessagesPerSecond: 50,
  signalingMessageBurst: 300,
  bytesPerSecond: 4 * 1024 * 1024,
  byteBurst: 32 * 1024 * 1024,
  connectionsPerAddress: 200,
  maxRoomBytes: 8 * 1024 * 1024,
  maxOpenRooms: 100
};

/** What the relay and signaling ask of the limits. */
export interface HubGuard {
  readonly limits: HubLimits;
  /**
   * Counts a WebSocket upgrade against its address. Returns false when the address has too
   * many connections; the guard then completes the handshake only to close the socket with
   * a reason the client can read.
   */
  admitUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Completes an upgrade only to close it at once with a limit's code and reason. */
  refuseUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, refusal: HubRefusal): void;
  /**
   * Meters one relay socket: call with each message; false means drop it (the socket is
   * closing, for a rate or for a write to a full room).
   */
  relayMeter(ws: WebSocket, request: Request): (data: Uint8Array) => boolean;
  /** Meters one signaling socket, as relayMeter. */
  signalingMeter(ws: WebSocket): (data: RawData) => boolean;
  /** The Hocuspocus side: room sizes (checked on each sync message) and open rooms. */
  readonly extension: Extension;
  /** Whether a room open on this hub is at its size limit (no new content is taken). */
  roomFull(documentName: string): boolean;
  close(): void;
}

interface RoomSize {
  readonly document: Document;
  /** An upper bound: the last exact size plus the size of every update since. */
  estimate: number;
  changedSinceExact: boolean;
}

/**
 * Closes a socket with a limit's code and reason. The hub then stops reading from it (a
 * flooder's further frames wait in its own kernel buffers instead of costing the hub CPU)
 * and cuts it a moment later (the close frame has gone out by then).
 */
function refuse(ws: WebSocket, refusal: HubRefusal): void {
  if (ws.readyState === ws.OPEN) ws.close(hubCloseCodes[refusal], hubCloseReasons[refusal]);
  ws.pause();
  setTimeout(() => ws.terminate(), 250).unref();
}

/** A token bucket: `take(cost)` is false when the bucket holds less than `cost`. */
function bucket(perSecond: number, capacity: number, now: () => number) {
  let tokens = capacity;
  let last = now();
  return (cost: number): boolean => {
    const time = now();
    tokens = Math.min(capacity, tokens + ((time - last) / 1000) * perSecond);
    last = time;
    if (tokens < cost) return false;
    tokens -= cost;
    return true;
  };
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.byteLength, 0);
  return data.byteLength;
}

/** A refusal Hocuspocus turns into a permission-denied message; no message, so no log line. */
class LimitRefusal extends Error {
  readonly reason = 'permission-denied';
}

/**
 * A write to a full room, thrown from beforeSync: Hocuspocus then applies and acks nothing of
 * the message and drops what the connection had queued after it (it logs the refusal).
 */
class RoomFull extends Error {
  readonly code = hubCloseCodes.roomFull;
  readonly reason = hubCloseReasons.roomFull;
  constructor(room: string) {
    super(`room ${room.slice(0, 6)}… is full`);
  }
}

/**
 * Whether an update would add anything to `doc`: new items, or deletes of items the doc does
 * not hold (which it would have to keep until they arrive). Deleting what is there is not
 * growth, so a full room can still be tidied.
 */
function addsTo(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    const { structs, ds } = Y.decodeUpdate(update);
    for (const struct of structs) {
      if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return true;
    }
    for (const [client, ranges] of ds.clients) {
      for (const range of ranges) {
        if (range.clock + range.len > Y.getState(doc.store, client)) return true;
      }
    }
    return false;
  } catch {
    return true;
  }
}

export function createHubGuard(
  overrides: Partial<HubLimits> = {},
  now: () => number = () => performance.now(),
  /** Who is connecting: the socket's address, or behind a proxy the one it forwards. */
  addressOf: (request: IncomingMessage) => string = (request) =>
    request.socket.remoteAddress ?? 'unknown'
): HubGuard {
  const limits: HubLimits = { ...defaultHubLimits, ...overrides };
  const perAddress = new Map<string, number>();
  const rooms = new Map<string, RoomSize>();
  /** Rooms admitted by onAuthenticate that Hocuspocus has not loaded yet. */
  const reserved = new Set<string>();
  const socketsByRequest = new WeakMap<Request, WebSocket>();
  /** Relay sockets refused for a write to a full room: nothing more of theirs is read. */
  const refusedWrites = new WeakSet<object>();
  // Only completes handshakes in order to send a close frame with a reason.
  const refuser = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: 1024
  });

  const meter = (ws: WebSocket, perSecond: number, burst: number) => {
    const messages = bucket(perSecond, burst, now);
    const bytes = bucket(limits.bytesPerSecond, limits.byteBurst, now);
    let tripped = false;
    return (size: number): boolean => {
      if (tripped) return false;
      if (messages(1) && bytes(size)) return true;
      tripped = true;
      refuse(ws, 'tooManyMessages');
      return false;
    };
  };

  const isFull = (room: RoomSize): boolean => {
    if (room.estimate <= limits.maxRoomBytes) return false;
    if (room.changedSinceExact) {
      // Encoding the doc costs time in proportion to its size: done only past the limit,
      // and again only after the doc changed.
      room.estimate = Y.encodeStateAsUpdate(room.document).byteLength;
      room.changedSinceExact = false;
    }
    return room.estimate > limits.maxRoomBytes;
  };

  const extension: Extension = {
    extensionName: 'KringLimits',
    // After the room access check (priority 100): only a proven token may open a room.
    priority: 50,

    async onAuthenticate({ documentName, instance, request }) {
      const open = openRooms(instance);
      if (open.has(documentName) || reserved.has(documentName)) return;
      for (const room of reserved) open.add(room);
      if (open.size >= limits.maxOpenRooms) {
        const ws = socketsByRequest.get(request);
        if (ws) refuse(ws, 'hubFull');
        throw new LimitRefusal();
      }
      reserved.add(documentName);
    },

    async afterLoadDocument({ document, documentName }) {
      reserved.delete(documentName);
      const room: RoomSize = {
        document,
        estimate: Y.encodeStateAsUpdate(document).byteLength,
        changedSinceExact: false
      };
      rooms.set(documentName, room);
      document.on('update', (update: Uint8Array) => {
        room.estimate += update.byteLength;
        room.changedSinceExact = true;
      });
    },

    async afterUnloadDocument({ documentName }) {
      reserved.delete(documentName);
      rooms.delete(documentName);
    },

    // Every sync message, however the client addressed the room, before it is applied.
    async beforeSync({ documentName, connection, ...message }) {
      const update = syncUpdate(message);
      const room = rooms.get(documentName);
      if (!update || !room || !isFull(room) || !addsTo(room.document, update)) return;
      // Nothing after this message may be applied either: it may build on it.
      refusedWrites.add(connection.webSocket);
      const ws = socketsByRequest.get(connection.request);
      if (ws) refuse(ws, 'roomFull');
      throw new RoomFull(documentName);
    }
  };

  const refuseUpgrade = (
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    refusal: HubRefusal
  ): void => {
    refuser.handleUpgrade(request, socket, head, (ws) => {
      ws.on('error', () => {});
      refuse(ws, refusal);
    });
  };

  return {
    limits,
    refuseUpgrade,

    roomFull(documentName) {
      const room = rooms.get(documentName);
      return room !== undefined && isFull(room);
    },

    admitUpgrade(request, socket, head) {
      if (limits.connectionsPerAddress <= 0) return true;
      const address = addressOf(request);
      const count = perAddress.get(address) ?? 0;
      if (count >= limits.connectionsPerAddress) {
        refuseUpgrade(request, socket, head, 'tooManyConnections');
        return false;
      }
      perAddress.set(address, count + 1);
      socket.once('close', () => {
        const left = (perAddress.get(address) ?? 1) - 1;
        if (left > 0) perAddress.set(address, left);
        else perAddress.delete(address);
      });
      return true;
    },

    relayMeter(ws, request) {
      socketsByRequest.set(request, ws);
      const allowed = meter(ws, limits.messagesPerSecond, limits.messageBurst);
      return (data) => !refusedWrites.has(ws) && allowed(data.byteLength);
    },

    signalingMeter(ws) {
      const allowed = meter(ws, limits.signalingMessagesPerSecond, limits.signalingMessageBurst);
      return (data) => allowed(byteLength(data));
    },

    extension,

    close() {
      for (const ws of refuser.clients) ws.terminate();
      refuser.close();
    }
  };
}
