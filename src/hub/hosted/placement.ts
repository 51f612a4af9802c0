import type { Extension, Hocuspocus, WebSocketLike } from '@hocuspocus/server';
import type { WebSocket } from 'ws';
import type { RoomLeases } from './leases.ts';

/**
 * Close code for "this room is served elsewhere now: connect again". Not one of the refusals
 * in hubRefusals.ts: a client shows nothing for it, and its provider reconnects by itself,
 * through the balancer, which sends it to the hub that takes the room.
 */
export const roomMovedCode = 4100;
const roomMovedReason = 'room moved: reconnect';
/** Time a closed client gets to answer the close frame before its socket is cut. */
const closeGraceMs = 500;
/** A lease taken for a room that then did not open (another limit refused it) is given back. */
const unusedLeaseMs = 10_000;

export interface RoomPlacement {
  /** Hocuspocus side: a room opens only on the hub holding its lease. */
  readonly extension: Extension;
  /** Whether this hub takes rooms (false once draining). */
  readonly accepting: boolean;
  /** Called when a room leaves this hub, before its connections close (signaling follows). */
  onRoomLeaving(listener: (room: string) => void): void;
  /** Stops taking rooms and hands every held room over; resolves once none is left. */
  drain(timeoutMs: number): Promise<void>;
}

class RoomElsewhere extends Error {
  readonly reason = 'permission-denied';
}

/** Closes a socket with "room moved", and cuts it if it does not answer in time. */
function moveAway(socket: WebSocket | WebSocketLike | undefined): void {
  if (!socket) return;
  socket.close(roomMovedCode, roomMovedReason);
  const cut = (socket as { terminate?: () => void }).terminate;
  if (cut) setTimeout(() => cut.call(socket), closeGraceMs).unref();
}

export interface PlacementOptions {
  readonly leases: RoomLeases;
  /** The WebSocket of a relay connection, by its upgrade request. */
  readonly socketOf: (request: Request) => WebSocket | undefined;
  readonly log: (event: string, fields: Record<string, unknown>) => void;
}

export function createPlacement({ leases, socketOf, log }: PlacementOptions): RoomPlacement {
  let instance: Hocuspocus | undefined;
  let accepting = true;
  /** Rooms being handed over: no new connection for them here. */
  const leaving = new Set<string>();
  const leavingListeners: ((room: string) => void)[] = [];

  const isOpen = (room: string): boolean =>
    Boolean(instance?.documents.has(room) || instance?.loadingDocuments.has(room));

  const handOver = (room: string, why: string): void => {
    if (leaving.has(room)) return;
    leaving.add(room);
    log('room.leaving', { room, why });
    for (const listener of leavingListeners) listener(room);
    const document = instance?.documents.get(room);
    if (!document && !instance?.loadingDocuments.has(room)) {
      // Not open here: only the lease to give back.
      void leases.release(room).finally(() => leaving.delete(room));
      return;
    }
    const closeAll = (): void => {
      const open = instance?.documents.get(room);
      if (!open) return;
      // The room unloads after its last connection (persistence commits first), and
      // afterUnloadDocument gives the lease back.
      for (const connection of open.getConnections()) moveAway(connection.webSocket);
    };
    if (document) closeAll();
    else void instance?.loadingDocuments.get(room)?.then(closeAll, closeAll);
  };

  leases.onHandoverRequest((room) => handOver(room, 'asked by another hub'));
  leases.onLost((room) => handOver(room, 'lease taken by another hub'));

  const extension: Extension = {
    extensionName: 'KringPlacement',
    // After the room access check (100), before the limits reserve a slot for the room (50).
    priority: 60,

    async onConfigure(payload) {
      instance = payload.instance;
    },

    async onAuthenticate({ documentName, request }) {
      const room = documentName;
      if (!accepting || leaving.has(room)) {
        moveAway(socketOf(request));
        throw new RoomElsewhere();
      }
      if (leases.holds(room) && isOpen(room)) return;
      const started = performance.now();
      const acquired = await leases.acquire(room);
      if (!acquired || !accepting || leaving.has(room)) {
        if (acquired && !isOpen(room)) await leases.release(room);
        log('room.refused', { room, why: acquired ? 'leaving' : 'lease held elsewhere' });
        moveAway(socketOf(request));
        throw new RoomElsewhere();
      }
      if (!isOpen(room)) {
        log('room.taken', { room, waitedMs: Math.round(performance.now() - started) });
        setTimeout(() => {
          if (!isOpen(room) && leases.holds(room) && !leaving.has(room)) void leases.release(room);
        }, unusedLeaseMs).unref();
      }
    },

    // A connection let in before its room began to leave, or before the lease went back, is
    // attached only after the room has loaded (Hocuspocus adds it after `closeAll` ran, or after
    // an unopened room's lease was released): it is sent on too, or the room would stay here,
    // leaving, with its lease renewed and every new connection refused.
    async connected({ documentName, connection }) {
      if (leaving.has(documentName) || !leases.holds(documentName)) moveAway(connection.webSocket);
    },

    async afterUnloadDocument({ documentName }) {
      // Reopened meanwhile (a fast reconnect): the lease stays.
      if (instance?.documents.has(documentName) && !leaving.has(documentName)) return;
      await leases.release(documentName).catch(() => undefined);
      leaving.delete(documentName);
      log('room.released', { room: documentName });
    }
  };

  return {
    extension,
    get accepting() {
      return accepting;
    },
    onRoomLeaving: (listener) => void leavingListeners.push(listener),
    async drain(timeoutMs) {
      accepting = false;
      for (const room of leases.held()) handOver(room, 'hub draining');
      const deadline = Date.now() + timeoutMs;
      while (leases.held().length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };
}
