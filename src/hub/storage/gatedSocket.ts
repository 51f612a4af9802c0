import type { WebSocketLike } from '@hocuspocus/server';
import type { WebSocket } from 'ws';

type Outgoing = Parameters<WebSocketLike['send']>[0];

/**
 * A client's socket as Hocuspocus sees it, for a store whose commits are asynchronous
 * (Postgres). Hocuspocus sends a client's acknowledgement (SyncStatus) synchronously, right
 * after applying its update, while the commit of that update is still on its way to the
 * database. So whatever Hocuspocus sends to this client while one of its room's commits is
 * in flight waits here, in order, and leaves once that commit is done; if it failed, the
 * storage closes the socket and the waiting messages are dropped with it: the client keeps
 * its change as unsaved and sends it again when it reconnects.
 */
export class GatedSocket implements WebSocketLike {
  readonly #ws: WebSocket;
  /**
   * What waits, oldest first: each hold opens a segment, and what is sent meanwhile joins the
   * newest segment. A segment leaves once its commit and every older one are done, so a
   * steady stream of writes never starves the messages sent before it.
   */
  readonly #segments: Segment[] = [];

  constructor(ws: WebSocket) {
    this.#ws = ws;
  }

  get readyState(): number {
    return this.#ws.readyState;
  }

  /** Messages waiting for a commit (for tests and logs). */
  get heldCount(): number {
    return this.#segments.reduce((sum, segment) => sum + segment.messages.length, 0);
  }

  send(data: Outgoing): void {
    const newest = this.#segments.at(-1);
    if (newest) newest.messages.push(data);
    else this.#ws.send(data);
  }

  close(code?: number, reason?: string): void {
    this.#segments.length = 0;
    this.#ws.close(code, reason);
  }

  /** Cuts the connection at once (after a close frame that was not answered). */
  terminate(): void {
    this.#segments.length = 0;
    this.#ws.terminate();
  }

  /** Holds every message sent from now on until `committed` (and every earlier hold) settles. */
  holdUntil(committed: Promise<unknown>): void {
    const newest = this.#segments.at(-1);
    // Updates queued into the same batch share its promise: one segment is enough.
    if (newest && newest.committed === committed && newest.messages.length === 0) return;
    const segment: Segment = { committed, done: false, messages: [] };
    this.#segments.push(segment);
    const release = (): void => {
      segment.done = true;
      while (this.#segments[0]?.done) {
        const { messages } = this.#segments.shift() as Segment;
        if (this.#ws.readyState !== this.#ws.OPEN) continue;
        for (const data of messages) this.#ws.send(data);
      }
    };
    committed.then(release, release);
  }
}

interface Segment {
  readonly committed: Promise<unknown>;
  done: boolean;
  readonly messages: Outgoing[];
}

/** The gate of a socket Hocuspocus holds, when the storage gave it one. */
export function gateOf(socket: unknown): GatedSocket | undefined {
  return socket instanceof GatedSocket ? socket : undefined;
}
