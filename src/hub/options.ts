import { parseArgs } from 'node:util';

export const defaultPort = 4500;

/** How the hub was asked to run. */
export interface HubOptions {
  readonly port: number;
  /** Address to bind; undefined means every interface, so phones on the LAN can reach it. */
  readonly host: string | undefined;
  /** Where the hub keeps its database, as given; undefined means the default (`data/`). */
  readonly dataDir: string | undefined;
  /**
   * Most WebSocket connections from one network address (0: no limit), when given; the hub's
   * default otherwise (limits.ts). Behind a reverse proxy every phone has the proxy's address.
   */
  readonly connectionsPerAddress?: number;
  /** Hosted mode (docs/HOSTING.md): rooms in Postgres, shared state in Redis. */
  readonly hosted?: HostedOptions;
  /** True when --port or PORT chose the port, so the single executable keeps to it. */
  readonly portChosen?: boolean;
  /** --open / --no-open; undefined leaves it to the program (npm start: no, the executable: yes). */
  readonly open?: boolean;
  readonly help: boolean;
}

/** One of several hubs behind a balancer. */
export interface HostedOptions {
  readonly postgresUrl: string;
  readonly redisUrl: string;
  readonly hubId: string;
}

export type OptionsResult =
  | { readonly ok: true; readonly options: HubOptions }
  | { readonly ok: false; readonly message: string };

/**
 * Reads the command line and environment (`PORT`, `HOST`, `KRING_DATA_DIR`,
 * `KRING_CONNECTIONS_PER_ADDRESS`, `KRING_POSTGRES_URL`, `KRING_REDIS_URL`, `KRING_HUB_ID`);
 * flags win over the environment.
 */
export function parseHubOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>
): OptionsResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string', short: 'H' },
        'data-dir': { type: 'string' },
        'connections-per-address': { type: 'string' },
        postgres: { type: 'string' },
        redis: { type: 'string' },
        'hub-id': { type: 'string' },
        open: { type: 'boolean' },
        help: { type: 'boolean', short: 'h', default: false }
      },
      strict: true,
      allowPositionals: false,
      allowNegative: true
    }));
  } catch (error) {
    return {
      ok: false,
      message: `${(error as Error).message}\nRun with --help to see the options.`
    };
  }

  const rawPort = values.port ?? env['PORT'] ?? String(defaultPort);
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || !Number.isInteger(port) || port < 0 || port > 65535) {
    return {
      ok: false,
      message: `"${rawPort}" is not a port number (use 1-65535, or 0 for any free port).`
    };
  }
  const host = values.host ?? env['HOST'] ?? undefined;
  const dataDir = values['data-dir'] ?? env['KRING_DATA_DIR'] ?? undefined;
  if (values['data-dir'] === '') {
    return { ok: false, message: '--data-dir needs a folder, e.g. --data-dir ./kring-data' };
  }
  const rawConnections =
    values['connections-per-address'] ?? env['KRING_CONNECTIONS_PER_ADDRESS'] ?? undefined;
  const connections = rawConnections === undefined ? undefined : Number(rawConnections);
  if (rawConnections !== undefined && !/^\d+$/.test(rawConnections)) {
    return {
      ok: false,
      message: `"${rawConnections}" is not a number of connections (use 0 for no limit).`
    };
  }
  const hosted = parseHosted(values, env, port);
  if (typeof hosted === 'string') return { ok: false, message: hosted };
  return {
    ok: true,
    options: {
      port,
      host: host === '' ? undefined : host,
      dataDir: dataDir === '' ? undefined : dataDir,
      ...(connections === undefined ? {} : { connectionsPerAddress: connections }),
      ...(hosted ? { hosted } : {}),
      ...(values.port !== undefined || env['PORT'] !== undefined ? { portChosen: true } : {}),
      ...(values.open === undefined ? {} : { open: values.open }),
      help: values.help
    }
  };
}

/** The hosted options, undefined on a laptop, or a message saying what is wrong. */
function parseHosted(
  values: {
    postgres?: string | undefined;
    redis?: string | undefined;
    'hub-id'?: string | undefined;
  },
  env: Readonly<Record<string, string | undefined>>,
  port: number
): HostedOptions | undefined | string {
  const postgresUrl = values.postgres ?? env['KRING_POSTGRES_URL'] ?? '';
  const redisUrl = values.redis ?? env['KRING_REDIS_URL'] ?? '';
  const hubId = values['hub-id'] ?? env['KRING_HUB_ID'] ?? `hub-${port}`;
  if (postgresUrl === '' && redisUrl === '') return undefined;
  if (postgresUrl === '' || redisUrl === '')
    return 'A hosted hub needs both --postgres <url> and --redis <url> (see docs/HOSTING.md).';
  if (!/^postgres(ql)?:\/\//.test(postgresUrl))
    return `"--postgres" takes a connection URL, e.g. postgres://kring@127.0.0.1:5432/kring`;
  if (!/^rediss?:\/\//.test(redisUrl)) return `"--redis" takes a URL, e.g. redis://127.0.0.1:6379`;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(hubId))
    return `"${hubId}" is not a hub id (letters, digits, . _ -; e.g. hub1).`;
  return { postgresUrl, redisUrl, hubId };
}

export const helpText = `Kring hub: serves the Kring app to this laptop and to phones on the same network.

Usage: npm start -- [options]

Options:
  -p, --port <n>     Port to listen on (default ${defaultPort}; env PORT). 0 picks a free port.
  -H, --host <addr>  Address to bind (default: all interfaces, so phones can reach it; env HOST).
                     Use --host 127.0.0.1 to keep Kring on this laptop only.
  --data-dir <path>  Folder for the sessions the hub relays (default: data/ in the Kring
                     folder; env KRING_DATA_DIR). Created if missing.
  --connections-per-address <n>
                     Most connections from one network address (default 200; env
                     KRING_CONNECTIONS_PER_ADDRESS). 0: no limit, e.g. behind a reverse
                     proxy, where every phone has the proxy's address.
  --postgres <url>   Hosted mode (docs/HOSTING.md): keep rooms in Postgres (env
                     KRING_POSTGRES_URL), e.g. postgres://kring@127.0.0.1:5432/kring.
  --redis <url>      Hosted mode: share room leases, codes and limits with the other hubs
                     in Redis (env KRING_REDIS_URL), e.g. redis://127.0.0.1:6379.
  --hub-id <id>      Hosted mode: this hub's name, stable across restarts (env
                     KRING_HUB_ID; default hub-<port>).
  --open, --no-open  Open this laptop's browser at Kring once it runs (default: no with
                     npm start, yes for the Kring program you download).
  -h, --help         Show this help.

Phones and this laptop must be on the same network: the room's wifi, a travel router,
or this laptop's hotspot. No internet is needed.`;
