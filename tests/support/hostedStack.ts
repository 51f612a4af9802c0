// A hosted Kring for tests and the bench: Postgres, Redis, three hubs and HAProxy (TLS) on
// 127.0.0.1, plus what a test asks of it: which hub holds a room, what Postgres holds of it,
// and killing, draining and restarting hubs.
import { Redis } from 'ioredis';
import pg from 'pg';
import * as Y from 'yjs';
import { redisKeys } from '../../src/hub/hosted/redisKeys.ts';
import type { HubProcess } from './hubProcess.ts';
import {
  freePort,
  hostedTools,
  startBalancer,
  startDatabases,
  startHostedHub,
  type Services
} from './hostedServices.ts';

export interface HostedStack {
  readonly services: Services;
  /** The balancer's address (https). */
  readonly url: string;
  readonly hubIds: readonly string[];
  hub(id: string): HubProcess | undefined;
  /** The hub id holding a room's lease (undefined while none does). */
  leaseHolder(room: string): Promise<string | undefined>;
  /** The room as Postgres holds it. */
  storedDoc(room: string): Promise<Y.Doc>;
  kill(id: string): Promise<void>;
  /** SIGTERM: the hub drains (hands its rooms over), then exits; resolves with its exit code. */
  drain(id: string): Promise<number | null>;
  /** Starts a stopped hub again and waits until the balancer sends it its rooms. */
  restart(id: string): Promise<void>;
  stop(): Promise<void>;
}

export interface HostedStackOptions {
  /** Hubs behind the balancer: 3 (the shipped HAProxy config has three slots). */
  readonly hubs?: 1 | 3;
  readonly certificatePem: string;
  /** Extra hub arguments or environment (e.g. CPU profiles in the bench). */
  readonly hubArgs?: readonly string[];
}

/** Starts the whole stack; throws with an install hint when a program is missing. */
export async function startHostedStack(options: HostedStackOptions): Promise<HostedStack> {
  const tools = hostedTools();
  if (!tools.ok) throw new Error(tools.missing);
  const services = await startDatabases(tools.bin);
  const hubCount = options.hubs ?? 3;
  const hubIds = Array.from({ length: hubCount }, (_, i) => `hub${i + 1}`);
  const ports = await Promise.all(hubIds.map(() => freePort()));
  const hubs = new Map<string, HubProcess>();
  const start = async (id: string): Promise<void> => {
    const port = ports[hubIds.indexOf(id)] ?? 0;
    hubs.set(id, await startHostedHub(services, id, port, options.hubArgs ?? []));
  };
  const redis = new Redis(services.redisUrl);
  const postgres = new pg.Pool({ connectionString: services.postgresUrl, max: 2 });
  try {
    // One after the other: on two cores, three hubs loading at once each take three times as long.
    for (const id of hubIds) await start(id);
    // One hub: the balancer's other two slots point at ports nobody listens on (marked down).
    const slots = [
      ports[0] ?? 0,
      ports[1] ?? (await freePort()),
      ports[2] ?? (await freePort())
    ] as const;
    const balancer = await startBalancer(tools.bin, services.dir, slots, options.certificatePem);
    await waitForBalancer(balancer.url, hubCount);
    return {
      services,
      url: balancer.url,
      hubIds,
      hub: (id) => hubs.get(id),
      async leaseHolder(room) {
        const holder = await redis.get(redisKeys.lease(room));
        return holder ? holder.slice(0, holder.lastIndexOf('/')) : undefined;
      },
      async storedDoc(room) {
        const rows = await postgres.query<{ data: Buffer }>(
          'SELECT data FROM kring_updates WHERE room = $1 ORDER BY id',
          [room]
        );
        const doc = new Y.Doc();
        for (const row of rows.rows) Y.applyUpdate(doc, new Uint8Array(row.data));
        return doc;
      },
      async kill(id) {
        await hubs.get(id)?.stop('SIGKILL');
      },
      async drain(id) {
        return (await hubs.get(id)?.stop('SIGTERM')) ?? null;
      },
      async restart(id) {
        await start(id);
        // Until HAProxy's checks see it up, its rooms go elsewhere (and move back after).
        await waitForBalancer(balancer.url, hubCount);
      },
      async stop() {
        await Promise.all([...hubs.values()].map((hub) => hub.stop('SIGKILL')));
        redis.disconnect();
        await postgres.end();
        await services.stopAll();
      }
    };
  } catch (error) {
    for (const hub of hubs.values()) await hub.stop('SIGKILL');
    redis.disconnect();
    await postgres.end();
    await services.stopAll();
    throw error;
  }
}

/** Waits until the balancer's health checks see the hubs up (its /readyz goes to any). */
async function waitForBalancer(url: string, hubs: number): Promise<void> {
  const seen = new Set<string>();
  const deadline = Date.now() + 30_000;
  while (seen.size < hubs) {
    if (Date.now() > deadline) throw new Error(`the balancer reached only ${[...seen].join(', ')}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) seen.add(((await response.json()) as { hub: string }).hub);
    } catch {
      // Not up yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
