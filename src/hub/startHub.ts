import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { handleApi } from './api.ts';
import type { HostedHub } from './hosted/hostedHub.ts';
import { applyBaselineHeaders } from './httpHeaders.ts';
import { RoomCodes } from './roomCodes.ts';
import { openSqliteCodeBook } from './storage/sqliteCodeBook.ts';
import { attachSync, type AttachedSync } from './sync/attachSync.ts';
import { Challenges } from './sync/challenges.ts';

/** A Node request handler in adapter-node's shape; `next` is called when it has no answer. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

export interface HubConfig {
  /** The SvelteKit adapter-node output (holds handler.js and client/). */
  readonly buildDir: string;
  /** Serves the app instead of `buildDir`'s handler.js (the single executable's embedded app). */
  readonly appHandler?: NodeHandler;
  readonly port: number;
  readonly host: string | undefined;
  /** Where the rooms are stored (created if missing). */
  readonly dataDir: string;
  /** Most connections from one network address (0: none); the default when absent. */
  readonly connectionsPerAddress?: number | undefined;
  /**
   * One of several hubs on Postgres and Redis behind a balancer (docs/HOSTING.md): opens that
   * side (src/hub/hosted/). Passed in by main.ts, so the laptop's single executable, which
   * never runs hosted, bundles none of it.
   */
  readonly hosted?: (() => Promise<HostedHub>) | undefined;
}

export interface RunningHub {
  readonly port: number;
  close(): Promise<void>;
}

/** Why the hub could not start, in words a facilitator can act on. */
export class HubStartError extends Error {
  override readonly name = 'HubStartError';
  /** Set when the port was taken, so a caller may try another one. */
  readonly portInUse: boolean;
  constructor(message: string, options: { portInUse?: boolean } = {}) {
    super(message);
    this.portInUse = options.portInUse ?? false;
  }
}

async function loadAppHandler(buildDir: string): Promise<NodeHandler> {
  const entry = join(buildDir, 'handler.js');
  try {
    const module = (await import(pathToFileURL(entry).href)) as { handler: NodeHandler };
    return module.handler;
  } catch (error) {
    throw new HubStartError(
      `The built app is missing or broken at ${entry} (${(error as Error).message}). Run "npm run build" first.`
    );
  }
}

function listen(server: http.Server, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        reject(
          new HubStartError(
            `Port ${port} is already in use (is Kring already running?). Stop the other program, or start on another port: npm start -- --port ${port + 1}`,
            { portInUse: true }
          )
        );
      } else if (error.code === 'EACCES') {
        reject(
          new HubStartError(
            `Port ${port} needs administrator rights here. Pick a port above 1024, e.g. --port 4500.`
          )
        );
      } else if (error.code === 'EADDRNOTAVAIL') {
        reject(
          new HubStartError(
            `This machine has no address ${host}. Leave out --host, or use one of its own addresses.`
          )
        );
      } else {
        reject(new HubStartError(`Could not listen on port ${port}: ${error.message}`));
      }
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function openSync(
  server: http.Server,
  config: HubConfig,
  hosted: HostedHub | undefined,
  challenges: Challenges
): AttachedSync {
  const { dataDir } = config;
  try {
    return attachSync(server, {
      dataDir,
      challenges,
      ...(hosted
        ? // Shared across hubs instead (hostedHub.ts); per hub, every client is the balancer.
          { storage: hosted.storage, cluster: hosted.cluster, limits: { connectionsPerAddress: 0 } }
        : config.connectionsPerAddress === undefined
          ? {}
          : { limits: { connectionsPerAddress: config.connectionsPerAddress } })
    });
  } catch (error) {
    throw new HubStartError(
      `Kring cannot keep its data in ${dataDir} (${(error as Error).message}). Pick another folder with --data-dir.`
    );
  }
}

/**
 * Starts the hub: one HTTP server for the app, with the sync relay (`/sync`) and y-webrtc
 * signaling (`/signal`) on its WebSocket upgrades.
 */
export async function startHub(config: HubConfig): Promise<RunningHub> {
  const appHandler = config.appHandler ?? (await loadAppHandler(config.buildDir));
  const hosted = config.hosted ? await openHosted(config.hosted) : undefined;
  // On a laptop the codes live with the rooms, so a code on the projector survives a restart.
  const codeBook = hosted ? undefined : openCodeBook(config.dataDir);
  let boundPort = config.port;
  // Hosted hubs share the challenges' key (in Redis), so a login works on whichever hub
  // holds the room, whichever answered the challenge request.
  const challenges = new Challenges({ secret: hosted?.challengeSecret });
  const api = {
    host: config.host,
    port: () => boundPort,
    roomCodes: hosted?.roomCodes ?? new RoomCodes({ book: codeBook }),
    challenges,
    // Requests come once the server listens, after the sync below is attached.
    sessionData: (roomId: string) => sync.sessionData(roomId),
    addFirstIdea: (roomId: string, key: string, value: unknown) =>
      sync.addFirstIdea(roomId, key, value),
    ...(hosted ? { clientAddress: hosted.clientAddress, hosted: true } : {})
  };
  const server = http.createServer((req, res) => {
    applyBaselineHeaders(res);
    if (hosted?.handleHealth(req, res)) return;
    void handleApi(req, res, api).then(
      (handled) => {
        if (handled) return;
        appHandler(req, res, () => {
          res.statusCode = 404;
          res.end('Not found');
        });
      },
      // Redis unreachable (hosted): the codes cannot be read or filed just now.
      () => {
        if (res.headersSent) return res.destroy();
        res.statusCode = 503;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end('{"error":"Try again in a moment."}');
      }
    );
  });
  const sync = openSync(server, config, hosted, challenges);
  try {
    await listen(server, config.port, config.host);
  } catch (error) {
    await sync.close();
    await hosted?.close();
    codeBook?.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  boundPort = port;

  return {
    port,
    close: async () => {
      // Hosted: hand the rooms to other hubs before going.
      await hosted?.drain();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      // WebSockets are no longer the HTTP server's connections: sync closes them, and the
      // server's close callback waits for them.
      await sync.close();
      await closed;
      await hosted?.close();
      codeBook?.close();
    }
  };
}

async function openHosted(open: () => Promise<HostedHub>): Promise<HostedHub> {
  try {
    return await open();
  } catch (error) {
    throw new HubStartError(
      `Kring cannot reach its Postgres or Redis (${(error as Error).message}). Check --postgres and --redis.`
    );
  }
}

function openCodeBook(dataDir: string): ReturnType<typeof openSqliteCodeBook> {
  try {
    return openSqliteCodeBook(dataDir);
  } catch (error) {
    throw new HubStartError(
      `Kring cannot keep its data in ${dataDir} (${(error as Error).message}). Pick another folder with --data-dir.`
    );
  }
}
