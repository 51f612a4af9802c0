// The end-to-end tests' own "room network": a Linux network namespace with a veth pair and
// private IPv4 addresses, in which the hub and Chromium run as on a workshop's wifi. WebRTC
// between two Chromium contexts does not connect over loopback alone, and tests must never
// use this machine's real network address, so the room gets a network of its own.
//
// Layout for one test run (N is claimed per run, normally 0):
//
//   root namespace                          namespace kring-room-<runner pid>
//   kring-r<N>  10.77.N.1/24  <== veth ==>  room0  10.77.N.2/24  (the hub's "LAN address")
//                                           lo     up (a peer connection between two contexts
//                                                  on 10.77.N.2 is routed through it)
//                                           default via 10.77.N.254 (no such host; see below)
//
// Each Playwright run gets its own namespace, named after the runner's pid, because several
// people run the tests on this machine at once: a shared fixed name would let one run's
// set-up or tear-down pull the network from under another's. A run that was killed leaves
// its namespace behind; the next set-up removes every kring-room-<pid> whose pid is gone.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startHubProcess, type HubProcess, type HubProcessOptions } from './hubProcess.ts';

/** Environment variable with this run's namespace name; playwright.config.ts sets it. */
export const roomNamespaceVariable = 'KRING_ROOM_NETNS';

const namespacePattern = /^kring-room-(\d+)$/;
/** Root-side veth names: holding `kring-r<N>` is what claims the subnet 10.77.N.0/24. */
const hostLinkPattern = /^kring-r(\d+)$/;
const roomLink = 'room0';

/** The per-run namespace name, from the pid of the process that loads the Playwright config. */
export function roomNamespaceFor(runnerPid: number): string {
  return `kring-room-${runnerPid}`;
}

export interface RoomNetwork {
  readonly namespace: string;
  /** Address inside the namespace: the hub's "LAN address", e.g. 10.77.0.2. */
  readonly hubAddress: string;
  /** Address of the root side of the veth pair, e.g. 10.77.0.1. */
  readonly hostAddress: string;
}

export class RoomNetworkError extends Error {
  override name = 'RoomNetworkError';
}

const needs =
  'The room tests (Playwright project "room") need root and iproute2 with network namespace ' +
  'support (`ip netns`), because they create their own network for the hub and Chromium. ' +
  'Run them as root, e.g. in the project container or CI; run the other end-to-end tests ' +
  'without them with `npx playwright test --project chromium`.';

/** Runs `ip` with the given arguments; rejects with `ip`'s own message on failure. */
function ip(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('ip', [...args], { encoding: 'utf8', timeout: 10_000 }, (error, stdout, stderr) => {
      if (!error) {
        resolve(stdout);
      } else if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new RoomNetworkError(`\`ip\` (iproute2) is not installed. ${needs}`));
      } else {
        reject(new RoomNetworkError(`ip ${args.join(' ')} failed: ${stderr.trim()}`));
      }
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function namespaces(): Promise<string[]> {
  // `ip netns list` prints "name (id: n)" for namespaces that have an id.
  const listed = await ip(['netns', 'list']);
  return listed
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name !== '');
}

interface LinkInfo {
  readonly ifname: string;
  readonly ifalias?: string;
}

interface AddressInfo {
  readonly ifname: string;
  readonly addr_info?: readonly { readonly family: string; readonly local: string }[];
}

/** Removes a room namespace: kills what still runs in it, its veth pair, then its name. */
async function removeNamespace(namespace: string): Promise<void> {
  // Hubs or browsers of a crashed test would keep the namespace (and its veth) alive after
  // `ip netns del`; they are this harness's own leftovers, so they go first.
  const pids = await ip(['netns', 'pids', namespace]).catch(() => '');
  for (const pid of pids.split('\n').filter((line) => /^\d+$/.test(line))) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  // Deleting the root-side veth removes both ends at once; `ip netns del` alone frees the
  // pair only later, asynchronously, and the next run would find the name still taken.
  const links = JSON.parse(await ip(['-j', 'link', 'show'])) as LinkInfo[];
  for (const link of links) {
    if (hostLinkPattern.test(link.ifname) && link.ifalias === namespace) {
      await ip(['link', 'del', link.ifname]).catch(() => undefined);
    }
  }
  await ip(['netns', 'del', namespace]).catch(() => undefined);
}

/** Removes room namespaces left by runs whose Playwright process no longer exists. */
async function removeStaleNamespaces(): Promise<void> {
  for (const namespace of await namespaces()) {
    const owner = namespacePattern.exec(namespace)?.[1];
    if (owner !== undefined && !isAlive(Number(owner))) await removeNamespace(namespace);
  }
}

/** True when something other than a room already uses 10.77.N.0/24 on this machine. */
function subnetTakenElsewhere(subnet: number, addresses: readonly AddressInfo[]): boolean {
  const prefix = `10.77.${subnet}.`;
  return addresses.some(
    (link) =>
      !hostLinkPattern.test(link.ifname) &&
      (link.addr_info ?? []).some((info) => info.family === 'inet' && info.local.startsWith(prefix))
  );
}

/**
 * Creates this run's room network (and first removes stale ones). Throws a
 * {@link RoomNetworkError} that says what is needed when the machine cannot provide it.
 */
export async function setUpRoomNetwork(namespace: string): Promise<RoomNetwork> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    throw new RoomNetworkError(`Not running as root on Linux. ${needs}`);
  }
  await removeStaleNamespaces();
  // A set-up that failed halfway in this same run (or a retry) may have left a part.
  if ((await namespaces()).includes(namespace)) await removeNamespace(namespace);
  try {
    await ip(['netns', 'add', namespace]);
  } catch (error) {
    throw new RoomNetworkError(`${(error as Error).message}\n${needs}`);
  }

  try {
    await ip(['-n', namespace, 'link', 'set', 'lo', 'up']);
    const addresses = JSON.parse(await ip(['-j', '-4', 'addr', 'show'])) as AddressInfo[];
    for (let subnet = 0; subnet < 256; subnet++) {
      if (subnetTakenElsewhere(subnet, addresses)) continue;
      const hostLink = `kring-r${subnet}`;
      try {
        // Link names are unique in a namespace, so creating kring-r<N> claims the subnet
        // atomically even when two runs start at the same moment. The peer is born inside
        // the room namespace, so runs never race for the name room0 in the root namespace.
        await ip([
          'link',
          'add',
          hostLink,
          'type',
          'veth',
          'peer',
          'name',
          roomLink,
          'netns',
          namespace
        ]);
      } catch (error) {
        if (/File exists/.test((error as Error).message)) continue;
        throw error;
      }
      // The alias ties the root-side link to its namespace, for tear-down and for people
      // looking at `ip link`.
      await ip(['link', 'set', hostLink, 'alias', namespace]);
      const network: RoomNetwork = {
        namespace,
        hubAddress: `10.77.${subnet}.2`,
        hostAddress: `10.77.${subnet}.1`
      };
      await ip(['link', 'set', hostLink, 'addrgenmode', 'none']);
      await ip(['addr', 'add', `${network.hostAddress}/24`, 'dev', hostLink]);
      await ip(['link', 'set', hostLink, 'up']);
      // IPv4 only, like the room's wifi as phones see it: no IPv6 link-local address, so
      // ICE has one obvious host candidate.
      await ip(['-n', namespace, 'link', 'set', roomLink, 'addrgenmode', 'none']);
      await ip(['-n', namespace, 'addr', 'add', `${network.hubAddress}/24`, 'dev', roomLink]);
      await ip(['-n', namespace, 'link', 'set', roomLink, 'up']);
      // Chromium without camera/microphone permission (every phone joining a board) gathers
      // host candidates only on the default-route interface: it asks the kernel which local
      // address would reach the internet. Without a default route it gathers no candidate at
      // all. A phone on a workshop's wifi has one, so the room gets one too — through a
      // gateway that does not exist (.254 never answers ARP), so nothing leaves the room.
      await ip(['-n', namespace, 'route', 'add', 'default', 'via', `10.77.${subnet}.254`]);
      return network;
    }
    throw new RoomNetworkError('No free subnet in 10.77.0.0/16 for the room network.');
  } catch (error) {
    await removeNamespace(namespace);
    throw error;
  }
}

/**
 * Removes this run's room network; does nothing (and needs neither root nor `ip`) when it
 * is already gone.
 */
export async function tearDownRoomNetwork(namespace: string): Promise<void> {
  // `ip netns add` makes /run/netns/<name>; checking it keeps runs without rooms free of `ip`.
  if (existsSync(`/run/netns/${namespace}`)) await removeNamespace(namespace);
}

let cached: Promise<RoomNetwork> | undefined;

/** This run's room network, as set up by the `room-network` project. */
export function roomNetwork(): Promise<RoomNetwork> {
  cached ??= (async () => {
    const namespace = process.env[roomNamespaceVariable];
    if (!namespace || !existsSync(`/run/netns/${namespace}`)) {
      throw new RoomNetworkError(
        `No room network${namespace ? ` "${namespace}"` : ''}: run these tests through the ` +
          'Playwright project "room", whose "room-network" dependency creates it.'
      );
    }
    const [link] = JSON.parse(
      await ip(['-n', namespace, '-j', '-4', 'addr', 'show', 'dev', roomLink])
    ) as AddressInfo[];
    const hubAddress = link?.addr_info?.find((info) => info.family === 'inet')?.local;
    if (!hubAddress) throw new RoomNetworkError(`Room network ${namespace} has no address.`);
    return { namespace, hubAddress, hostAddress: hubAddress.replace(/\.2$/, '.1') };
  })();
  return cached;
}

/**
 * Starts the real hub inside the room network, bound to the room address, so it is at
 * `http://10.77.N.2:PORT` for Chromium in the room (and for this process, via the veth).
 */
export async function startRoomHub(
  options: Omit<HubProcessOptions, 'host' | 'netns'> = {}
): Promise<HubProcess> {
  const network = await roomNetwork();
  return startHubProcess({ ...options, host: network.hubAddress, netns: network.namespace });
}
