import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Challenges } from './challenges.ts';
import { createHubGuard, type HubLimits } from './limits.ts';
import { createRelay } from './relay.ts';
import { createSignaling } from './signaling.ts';
import { openUpdateStore } from './updateStore.ts';
import { requestUrl } from './upgrade.ts';

/** WebSocket paths of the hub. */
export const relayPath = '/sync';
export const signalingPath = '/signal';

export interface SyncOptions {
  /** Where the database lives; created if missing. */
  readonly dataDir: string;
  /** Compact a room's stored updates into one row when it has this many (default 500). */
  readonly compactAfter?: number;
  /** Largest relay message in bytes (default 16 MiB: a whole room's first sync must fit). */
  readonly maxRelayMessageBytes?: number;
  /** Largest signaling message in bytes (default 256 KiB). */
  readonly maxSignalingMessageBytes?: number;
  /** How long a signaling socket may take to log in (default 10 s). */
  readonly signalingLoginTimeoutMs?: number;
  /** Rates, connections, room sizes and open rooms (defaults in limits.ts). */
  readonly limits?: Partial<HubLimits>;
  /** Login challenges, shared with the hub's API (which issues them). */
  readonly challenges: Challenges;
}

export interface AttachedSync {
  /** Closes every WebSocket, unloads the rooms and closes the database. */
  close(): Promise<void>;
}

/**
 * Adds Kring's sync to an HTTP server: the Yjs relay (Hocuspocus, persisted in SQLite) on
 * `/sync` and y-webrtc signaling on `/signal`. Any other upgrade is refused by dropping the
 * socket. Opening the database is synchronous, so a bad data directory throws here.
 */
export function attachSync(server: Server, options: SyncOptions): AttachedSync {
  const store = openUpdateStore(options.dataDir);
  const guard = createHubGuard(options.limits);
  const relay = createRelay(store, {
    compactAfter: options.compactAfter ?? 500,
    maxMessageBytes: options.maxRelayMessageBytes ?? 16 * 1024 * 1024,
    guard,
    challenges: options.challenges
  });
  const signaling = createSignaling({
    maxMessageBytes: options.maxSignalingMessageBytes ?? 256 * 1024,
    heartbeatMs: 30_000,
    guard,
    challenges: options.challenges,
    ...(options.signalingLoginTimeoutMs === undefined
      ? {}
      : { loginTimeoutMs: options.signalingLoginTimeoutMs })
  });

  let closing: Promise<void> | undefined;

  // Stays registered after close: without an 'upgrade' listener Node would hand upgrade
  // requests to the request handler as plain requests.
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // Until ws owns the socket, a reset from the client must not become an unhandled error.
    socket.on('error', () => socket.destroy());
    const path = closing ? undefined : requestUrl(request)?.pathname;
    const isSignaling = path?.startsWith(`${signalingPath}/`) === true;
    const known = path === relayPath || isSignaling;
    if (known && !guard.admitUpgrade(request, socket, head)) return;
    if (path === relayPath) relay.handleUpgrade(request, socket, head);
    else if (isSignaling) signaling.handleUpgrade(request, socket, head);
    else socket.destroy();
  });

  return {
    close() {
      closing ??= (async () => {
        await Promise.all([relay.close(), signaling.close()]);
        guard.close();
        // Every update was committed as it arrived; closing only checkpoints the WAL.
        store.close();
      })();
      return closing;
    }
  };
}
