import type { IncomingMessage, ServerResponse } from 'node:http';
import { Redis } from 'ioredis';
import { RoomCodes } from '../roomCodes.ts';
import { asyncPersistence } from '../storage/asyncPersistence.ts';
import { GatedSocket } from '../storage/gatedSocket.ts';
import { openPostgresStore } from '../storage/postgresStore.ts';
import type { RoomStorage } from '../storage/roomStorage.ts';
import type { SyncCluster } from '../sync/attachSync.ts';
import { openRoomLeases, type RoomLeases } from './leases.ts';
import { jsonLogger, type Logger } from './log.ts';
import { createPlacement, roomMovedCode } from './placement.ts';
import { redisCodeBook, redisGuessCounter, sharedConnections } from './redisShared.ts';

/** How a hub runs as one of several behind a balancer. */
export interface HostedConfig {
  /** Postgres connection string (rooms). */
  readonly postgresUrl: string;
  /** Redis URL (leases, codes, shared limits). */
  readonly redisUrl: string;
  /** This hub's name among the others, stable across restarts (e.g. hub1). */
  readonly hubId: string;
  /** Most open WebSockets per client address across all hubs (0: no limit). */
  readonly connectionsPerAddress: number;
  /** After turning unready, how long to wait for the balancer to notice (default 2 s). */
  readonly drainGraceMs?: number;
  /** How long a room waits for its lease before the client is told to reconnect (8 s). */
  readonly leaseWaitMs?: number;
  /** Compact a room's rows into one when it has this many. */
  readonly compactAfter: number;
}

export interface HostedHub {
  readonly storage: RoomStorage;
  readonly roomCodes: RoomCodes;
  readonly cluster: SyncCluster;
  readonly leases: RoomLeases;
  clientAddress(request: IncomingMessage): string;
  /** Answers /healthz (the process runs) and /readyz (it takes rooms); false for other paths. */
  handleHealth(request: IncomingMessage, response: ServerResponse): boolean;
  /** Turns unready, waits for the balancer to notice, then hands every room over. */
  drain(): Promise<void>;
  /** After the sync closed: gives any lease left back and closes Redis. */
  close(): Promise<void>;
}

/** Behind the balancer every request comes from it; it puts the client's address in here. */
function forwardedAddress(request: IncomingMessage): string {
  const header = request.headers['x-forwarded-for'];
  const value = Array.isArray(header) ? header.join(',') : header;
  // The balancer sets the header itself (deploy/haproxy.cfg); the last entry is its own.
  const last = value?.split(',').at(-1)?.trim();
  return last || request.socket.remoteAddress || 'unknown';
}

async function connectRedis(url: string, log: Logger): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  redis.on('error', (error: Error) => log('redis.error', { error: error.message }, 'warn'));
  await redis.connect();
  return redis;
}

/**
 * Connects a hub to Postgres and Redis and builds what makes it one of several: its storage,
 * its shared codes and limits, its room placement, health and drain.
 */
export async function openHostedHub(config: HostedConfig, log: Logger): Promise<HostedHub> {
  const redis = await connectRedis(config.redisUrl, log);
  const subscriber = redis.duplicate();
  const store = await openPostgresStore({
    url: config.postgresUrl,
    onError: (error) => log('postgres.error', { error: error.message }, 'warn')
  }).catch(async (error: unknown) => {
    redis.disconnect();
    subscriber.disconnect();
    throw error;
  });
  const leases = await openRoomLeases(redis, subscriber, {
    hubId: config.hubId,
    ...(config.leaseWaitMs === undefined ? {} : { waitMs: config.leaseWaitMs })
  });
  const connections = sharedConnections(redis, leases.incarnation, config.connectionsPerAddress);
  const placementLog = (event: string, fields: Record<string, unknown>): void => log(event, fields);
  let placement: ReturnType<typeof createPlacement> | undefined;
  let draining = false;

  const storage: RoomStorage = {
    extension: asyncPersistence(store, {
      compactAfter: config.compactAfter,
      onError: (message, error) =>
        log(
          'storage.error',
          { message, error: error instanceof Error ? error.message : String(error) },
          'error'
        )
    }),
    wrapSocket: (ws) => new GatedSocket(ws),
    close: () => store.close()
  };

  const cluster: SyncCluster = {
    relayExtensions(socketOf) {
      placement = createPlacement({ leases, socketOf, log: placementLog });
      return [placement.extension];
    },
    useSignaling(signaling) {
      placement?.onRoomLeaving((room) => signaling.closeRoom(room, roomMovedCode, 'room moved'));
    },
    clientAddress: forwardedAddress,
    async admit(request, socket, refuse) {
      const address = forwardedAddress(request);
      if (!(await connections.admit(address))) {
        refuse('tooManyConnections');
        return false;
      }
      socket.once('close', () => void connections.leave(address).catch(() => undefined));
      return true;
    }
  };

  return {
    storage,
    roomCodes: new RoomCodes({ book: redisCodeBook(redis), guesses: redisGuessCounter(redis) }),
    cluster,
    leases,
    clientAddress: forwardedAddress,
    handleHealth(request, response) {
      const path = request.url?.split('?')[0];
      if (path !== '/healthz' && path !== '/readyz') return false;
      const ready = path === '/healthz' || (!draining && redis.status === 'ready');
      response.statusCode = ready ? 200 : 503;
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.setHeader('Cache-Control', 'no-store');
      response.end(
        JSON.stringify({
          status: ready ? 'ok' : draining ? 'draining' : 'unavailable',
          hub: config.hubId,
          rooms: leases.held().length
        })
      );
      return true;
    },
    async drain() {
      if (draining) return;
      draining = true;
      log('hub.draining', { rooms: leases.held().length });
      await new Promise((resolve) => setTimeout(resolve, config.drainGraceMs ?? 2000));
      await placement?.drain(10_000);
      log('hub.drained', { roomsLeft: leases.held().length });
    },
    async close() {
      await leases.close().catch(() => undefined);
      redis.disconnect();
      subscriber.disconnect();
    }
  };
}

/** The hosted side as the hub's command line asks for it (src/hub/main.ts). */
export function openHostedFromOptions(
  options: { readonly postgresUrl: string; readonly redisUrl: string; readonly hubId: string },
  connectionsPerAddress: number | undefined
): Promise<HostedHub> {
  return openHostedHub(
    { ...options, compactAfter: 500, connectionsPerAddress: connectionsPerAddress ?? 200 },
    jsonLogger(options.hubId)
  );
}
