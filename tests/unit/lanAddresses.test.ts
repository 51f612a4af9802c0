import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lanAddresses, reachability } from '../../src/hub/lanAddresses.ts';

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  netmask: '255.255.255.0',
  family: 'IPv4',
  mac: '00:00:00:00:00:00',
  internal,
  cidr: `${address}/24`
});
const v6: NetworkInterfaceInfo = {
  address: 'fe80::1',
  netmask: 'ffff:ffff:ffff:ffff::',
  family: 'IPv6',
  mac: '00:00:00:00:00:00',
  internal: false,
  cidr: 'fe80::1/64',
  scopeid: 2
};

const interfaces = {
  lo: [v4('127.0.0.1', true)],
  docker0: [v4('100.64.3.1')],
  wlan0: [v4('192.168.43.12'), v6],
  usb0: [v4('169.254.10.10')]
};

describe('lanAddresses', () => {
  it('lists external IPv4 addresses, private networks first, without link-local ones', () => {
    expect(lanAddresses(interfaces)).toEqual([
      { interfaceName: 'wlan0', address: '192.168.43.12' },
      { interfaceName: 'docker0', address: '100.64.3.1' }
    ]);
  });
});

describe('reachability', () => {
  it('offers every LAN address when bound to all interfaces', () => {
    expect(reachability(undefined, interfaces)).toMatchObject({
      localHost: 'localhost',
      reachableFromLan: true
    });
    expect(reachability('0.0.0.0', interfaces).lan).toHaveLength(2);
  });

  it('keeps a loopback-bound hub to this laptop', () => {
    expect(reachability('127.0.0.1', interfaces)).toEqual({
      localHost: '127.0.0.1',
      lan: [],
      reachableFromLan: false
    });
  });

  it('offers exactly the chosen address when bound to one', () => {
    expect(reachability('10.0.0.5', interfaces).lan).toEqual([
      { interfaceName: '--host', address: '10.0.0.5' }
    ]);
  });
});
