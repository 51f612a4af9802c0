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
  readonly #held: Outgoing[] = [];
  /** Bumped by every hold: only the newest hold's settling releases the messages. */
  #generation = 0;
  #holding = false;

  constructor(ws: WebSocket) {
    this.#ws = ws;
  }

  get readyState(): number {
    return this.#ws.readyState;
  }

  /** Messages waiting for a commit (for tests and logs). */
  get heldCount(): number {
    return this.#held.length;
  }

  send(data: Outgoing): void {
    if (this.#holding) this.#held.push(data);
    else this.#ws.send(data);
  }

  close(code?: number, reason?: string): void {
    this.#held.length = 0;
    this.#ws.close(code, reason);
  }

  /** Cuts the connection at once (after a close frame that was not answered). */
  terminate(): void {
    this.#held.length = 0;
    this.#ws.terminate();
  }

  /**
   * Holds every message sent from now on until `committed` settles. Commits of a room settle
   * in order, so waiting for the newest one covers the ones before it.
   */
  holdUntil(committed: Promise<unknown>): void {
    const generation = ++this.#generation;
    this.#holding = true;
    const release = (): void => {
      if (generation !== this.#generation) return;
      this.#holding = false;
      const held = this.#held.splice(0);
      if (this.#ws.readyState !== this.#ws.OPEN) return;
      for (const data of held) this.#ws.send(data);
    };
    committed.then(release, release);
  }
}

/** The gate of a socket Hocuspocus holds, when the storage gave it one. */
export function gateOf(socket: unknown): GatedSocket | undefined {
  return socket instanceof GatedSocket ? socket : undefined;
}
