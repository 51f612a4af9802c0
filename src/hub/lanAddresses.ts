import type { NetworkInterfaceInfo } from 'node:os';

/** An IPv4 address phones on the same network can use to reach this machine. */
export interface LanAddress {
  readonly interfaceName: string;
  readonly address: string;
}

function isPrivateIPv4(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/**
 * Lists external IPv4 addresses from `os.networkInterfaces()`, private LAN ranges first
 * (those are what a hotspot or travel router hands out). IPv6 is left out: phones
 * scanning a QR code cope badly with bracketed addresses and link-local scopes.
 */
export function lanAddresses(
  interfaces: Readonly<Record<string, readonly NetworkInterfaceInfo[] | undefined>>
): LanAddress[] {
  const found: LanAddress[] = [];
  for (const [interfaceName, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal) continue;
      if (info.address.startsWith('169.254.')) continue; // no DHCP answer: unreachable
      found.push({ interfaceName, address: info.address });
    }
  }
  return found.sort((x, y) => Number(isPrivateIPv4(y.address)) - Number(isPrivateIPv4(x.address)));
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** Where people can open the hub, given the address it is bound to. */
export interface Reachability {
  /** Host for the URL on this laptop. */
  readonly localHost: string;
  /** Addresses phones can use; empty when bound to loopback or no network is up. */
  readonly lan: readonly LanAddress[];
  readonly reachableFromLan: boolean;
}

export function reachability(
  host: string | undefined,
  interfaces: Readonly<Record<string, readonly NetworkInterfaceInfo[] | undefined>>
): Reachability {
  if (host === undefined || host === '0.0.0.0' || host === '::') {
    return { localHost: 'localhost', lan: lanAddresses(interfaces), reachableFromLan: true };
  }
  if (isLoopback(host)) return { localHost: host, lan: [], reachableFromLan: false };
  return {
    localHost: host,
    lan: [{ interfaceName: '--host', address: host }],
    reachableFromLan: true
  };
}
