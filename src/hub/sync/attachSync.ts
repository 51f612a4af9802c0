import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Extension } from '@hocuspocus/server';
import type { WebSocket } from 'ws';
import type { HubRefusal } from '../../lib/sync/hubRefusals.ts';
import { sqliteStorage, type RoomStorage } from '../storage/roomStorage.ts';
import type { Challenges } from './challenges.ts';
import type { FirstIdeaOutcome } from './firstIdea.ts';
import { createHubGuard, type HubLimits } from './limits.ts';
import type { SessionData } from '../../lib/model/sessionData.ts';
import { createRelay } from './relay.ts';
import { syncRoute } from './roomPaths.ts';
import { createSignaling, type Signaling } from './signaling.ts';
import { requestUrl } from './upgrade.ts';

export { relayPath, signalingPath } from './roomPaths.ts';

export interface SyncOptions {
  /** Where the database lives; created if missing. Unused when `storage` is given. */
  readonly dataDir: string;
  /** Where rooms are kept; SQLite in `dataDir` by default. */
  readonly storage?: RoomStorage;
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
  /** One of several hubs behind a balancer (hosted/): rooms are placed, limits shared. */
  readonly cluster?: SyncCluster;
}

/** What a hub among several adds to the sync (see src/hub/hosted/). */
export interface SyncCluster {
  /** Relay extensions (room placement), given the way to a connection's socket. */
  relayExtensions(socketOf: (request: Request) => WebSocket | undefined): Extension[];
  /** Hands over the signaling, whose room sockets close when a room moves. */
  useSignaling(signaling: Signaling): void;
  /** The client's address as the balancer forwards it. */
  clientAddress(request: IncomingMessage): string;
  /**
   * Admits an upgrade under the limits all hubs share (connections per address); false when
   * refused, after calling `refuse`.
   */
  admit(
    request: IncomingMessage,
    socket: Duplex,
    refuse: (refusal: HubRefusal) => void
  ): Promise<boolean>;
}

export interface AttachedSync {
  /** A room's checked records while this hub holds it (a joining phone's step preview). */
  sessionData(roomId: string): SessionData | undefined;
  /** Puts a joining phone's first idea in the room, if this hub holds it (firstIdea.ts). */
  addFirstIdea(roomId: string, key: string, value: unknown): FirstIdeaOutcome;
  /** Closes every WebSocket, unloads the rooms and closes the database. */
  close(): Promise<void>;
}

/**
 * Adds Kring's sync to an HTTP server: the Yjs relay (Hocuspocus) on `/sync` and y-webrtc
 * signaling on `/signal` (each also with the room id in the path: roomPaths.ts). Any other
 * upgrade is refused by dropping the socket. Opening SQLite is synchronous, so a bad data
 * directory throws here.
 */
export function attachSync(server: Server, options: SyncOptions): AttachedSync {
  const compactAfter = options.compactAfter ?? 500;
  const storage = options.storage ?? sqliteStorage(options.dataDir, { compactAfter });
  const cluster = options.cluster;
  const guard = createHubGuard(options.limits, undefined, cluster?.clientAddress);
  const relay = createRelay(storage, {
    maxMessageBytes: options.maxRelayMessageBytes ?? 16 * 1024 * 1024,
    guard,
    challenges: options.challenges,
    ...(cluster ? { extensions: cluster.relayExtensions } : {})
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
  cluster?.useSignaling(signaling);

  let closing: Promise<void> | undefined;

  // Stays registered after close: without an 'upgrade' listener Node would hand upgrade
  // requests to the request handler as plain requests.
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // Until ws owns the socket, a reset from the client must not become an unhandled error.
    socket.on('error', () => socket.destroy());
    const path = closing ? undefined : requestUrl(request)?.pathname;
    const route = path === undefined ? undefined : syncRoute(path);
    // Behind a balancer a connection must name its room in the path: that is how it is routed.
    if (!route || (cluster && route.room === undefined)) {
      socket.destroy();
      return;
    }
    if (!guard.admitUpgrade(request, socket, head)) return;
    const hand = (): void => {
      if (closing) socket.destroy();
      else if (route.kind === 'relay') relay.handleUpgrade(request, socket, head);
      else signaling.handleUpgrade(request, socket, head);
    };
    if (!cluster) return hand();
    const refuse = (refusal: HubRefusal): void =>
      guard.refuseUpgrade(request, socket, head, refusal);
    void cluster.admit(request, socket, refuse).then(
      (admitted) => admitted && hand(),
      () => socket.destroy()
    );
  });

  return {
    sessionData: (roomId) => relay.sessionData(roomId),
    addFirstIdea: (roomId, key, value) => relay.addFirstIdea(roomId, key, value),
    close() {
      closing ??= (async () => {
        await Promise.all([relay.close(), signaling.close()]);
        guard.close();
        await storage.close();
      })();
      return closing;
    }
  };
}
