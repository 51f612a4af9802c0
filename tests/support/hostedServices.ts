// Postgres, Redis and HAProxy for the hosted tests and bench, started fresh in a temp folder on
// 127.0.0.1 (a new initdb every time), and hosted hub processes between them. Everything a
// run starts is stopped by `stopAll()`.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHubProcess, type HubProcess } from './hubProcess.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The programs the hosted tests need, or a message naming what is missing. */
export function hostedTools(): { ok: true; bin: Tools } | { ok: false; missing: string } {
  const postgresBin = postgresBinDir();
  const missing = [
    postgresBin ? undefined : 'postgresql (initdb, postgres)',
    which('redis-server') ? undefined : 'redis-server',
    which('haproxy') ? undefined : 'haproxy',
    which('openssl') ? undefined : 'openssl'
  ].filter(Boolean);
  if (missing.length > 0 || !postgresBin) {
    return {
      ok: false,
      missing:
        `The hosted tests need ${missing.join(', ')}. On Debian: ` +
        'apt-get install postgresql redis-server haproxy openssl'
    };
  }
  return {
    ok: true,
    bin: {
      initdb: join(postgresBin, 'initdb'),
      postgres: join(postgresBin, 'postgres'),
      redis: which('redis-server') ?? '',
      haproxy: which('haproxy') ?? ''
    }
  };
}

interface Tools {
  readonly initdb: string;
  readonly postgres: string;
  readonly redis: string;
  readonly haproxy: string;
}

function which(command: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(':').concat(['/usr/sbin', '/sbin'])) {
    const path = join(dir, command);
    if (dir && existsSync(path)) return path;
  }
  return undefined;
}

function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    if (existsSync(join(bin, 'initdb'))) return bin;
  }
  const initdb = which('initdb');
  return initdb ? join(initdb, '..') : undefined;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Service {
  readonly name: string;
  readonly child: ChildProcess;
  output(): string;
}

const running: Service[] = [];
process.on('exit', () => {
  for (const service of running) service.child.kill('SIGKILL');
});

function spawnService(
  name: string,
  command: string,
  args: readonly string[],
  options: { env?: Record<string, string>; uid?: number; gid?: number } = {}
): Service {
  const child = spawn(command, [...args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid })
  });
  let output = '';
  child.stdout?.on(
    'data',
    (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000))
  );
  child.stderr?.on(
    'data',
    (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000))
  );
  const service = { name, child, output: () => output };
  running.push(service);
  return service;
}

async function waitFor(
  what: string,
  ready: () => Promise<boolean>,
  service: Service
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await ready().catch(() => false))) {
    if (service.child.exitCode !== null || service.child.signalCode !== null)
      throw new Error(`${what} exited:\n${service.output()}`);
    if (Date.now() > deadline) throw new Error(`${what} did not start:\n${service.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const client = connect(port, '127.0.0.1');
    client.once('connect', () => {
      client.destroy();
      resolve(true);
    });
    client.once('error', () => resolve(false));
  });
}

export interface Services {
  readonly dir: string;
  readonly postgresUrl: string;
  readonly redisUrl: string;
  readonly postgresPort: number;
  /** Stops everything started here (databases, balancer) and removes the folder. */
  stopAll(): Promise<void>;
}

/**
 * Starts Postgres (fresh initdb in a temp folder, as the `postgres` user when run as root,
 * since initdb refuses root) and Redis, both on 127.0.0.1 only.
 */
export async function startDatabases(tools: Tools): Promise<Services> {
  const dir = mkdtempSync(join(tmpdir(), 'kring-hosted-'));
  const pgData = join(dir, 'pg');
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot ? postgresUser() : undefined;
  if (ids) chownSync(dir, ids.uid, ids.gid);
  execFileSync(
    tools.initdb,
    ['-D', pgData, '-U', 'kring', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'],
    { stdio: 'pipe', ...(ids ? { uid: ids.uid, gid: ids.gid } : {}) }
  );
  const postgresPort = await freePort();
  const postgres = spawnService(
    'postgres',
    tools.postgres,
    [
      '-D',
      pgData,
      '-p',
      String(postgresPort),
      '-c',
      'listen_addresses=127.0.0.1',
      '-k',
      dir,
      '-c',
      'fsync=on'
    ],
    ids ?? {}
  );
  const redisPort = await freePort();
  const redis = spawnService('redis', tools.redis, [
    '--port',
    String(redisPort),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir
  ]);
  await waitFor('postgres', () => canConnect(postgresPort), postgres);
  await waitFor('redis', () => canConnect(redisPort), redis);
  // The port answers before the database accepts queries: wait for a real one.
  const pg = await import('pg');
  const postgresUrl = `postgres://kring@127.0.0.1:${postgresPort}/postgres`;
  await waitFor(
    'postgres queries',
    async () => {
      const client = new pg.default.Client({ connectionString: postgresUrl });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    postgres
  );
  return {
    dir,
    postgresPort,
    postgresUrl,
    redisUrl: `redis://127.0.0.1:${redisPort}`,
    async stopAll() {
      await Promise.all(
        running.splice(0).map(
          (service) =>
            new Promise<void>((resolve) => {
              if (service.child.exitCode !== null || service.child.signalCode !== null)
                return resolve();
              service.child.once('exit', () => resolve());
              service.child.kill('SIGTERM');
              setTimeout(() => service.child.kill('SIGKILL'), 5000).unref();
            })
        )
      );
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

function postgresUser(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

export interface Balancer {
  readonly url: string;
  readonly port: number;
}

/**
 * HAProxy with the shipped deploy/haproxy.cfg, the hubs, ports and certificate given through
 * its environment variables.
 */
export async function startBalancer(
  tools: Tools,
  dir: string,
  hubs: readonly [number, number, number],
  certificatePem: string
): Promise<Balancer> {
  const port = await freePort();
  const env = {
    KRING_HTTPS_BIND: `127.0.0.1:${port}`,
    KRING_HTTP_BIND: `127.0.0.1:${await freePort()}`,
    KRING_STATS_BIND: `127.0.0.1:${await freePort()}`,
    KRING_TLS_CERT: certificatePem,
    KRING_HUB1: `127.0.0.1:${hubs[0]}`,
    KRING_HUB2: `127.0.0.1:${hubs[1]}`,
    KRING_HUB3: `127.0.0.1:${hubs[2]}`
  };
  const haproxy = spawnService(
    'haproxy',
    tools.haproxy,
    ['-db', '-f', join(repoRoot, 'deploy/haproxy.cfg')],
    { env }
  );
  await waitFor('haproxy', () => canConnect(port), haproxy);
  return { url: `https://127.0.0.1:${port}`, port };
}

/** A hosted hub process on a fixed port (HAProxy knows it by port). */
export function startHostedHub(
  services: Services,
  id: string,
  port: number,
  extraArgs: readonly string[] = [],
  env: Readonly<Record<string, string>> = {}
): Promise<HubProcess> {
  return startHubProcess({
    port,
    args: [
      '--postgres',
      services.postgresUrl,
      '--redis',
      services.redisUrl,
      '--hub-id',
      id,
      '--data-dir',
      join(services.dir, `unused-${id}`),
      ...extraArgs
    ],
    env,
    // Three hubs, Postgres, Redis, HAProxy and browsers share two cores.
    startTimeoutMs: 60_000
  });
}
