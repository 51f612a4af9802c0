import { describe, expect, it } from 'vitest';
import { bannerLocale, startupBanner } from '../../src/hub/banner.ts';

const lan = [{ interfaceName: 'wlan0', address: '192.168.43.12' }];

describe('startupBanner', () => {
  it('shows the local URL, each LAN URL, a QR code and the hotspot limit', () => {
    const text = startupBanner({
      locale: 'en',
      port: 4500,
      localHost: 'localhost',
      lan,
      reachableFromLan: true
    });
    expect(text).toContain('http://localhost:4500/');
    expect(text).toContain('http://192.168.43.12:4500/j   (wlan0)');
    expect(text).toMatch(/[█▀▄]{20,}/);
    expect(text).toContain('8 to 10 devices');
    expect(text).toContain('Ctrl-C');
  });

  it('says how to get phones connected when no network is up', () => {
    const text = startupBanner({
      locale: 'en',
      port: 4500,
      localHost: 'localhost',
      lan: [],
      reachableFromLan: true
    });
    expect(text).toContain('No network found');
    expect(text).not.toMatch(/[█▀▄]{20,}/);
  });

  it('explains a laptop-only hub', () => {
    const text = startupBanner({
      locale: 'nl',
      port: 1,
      localHost: '127.0.0.1',
      lan: [],
      reachableFromLan: false
    });
    expect(text).toContain('Alleen deze laptop');
  });
});

describe('bannerLocale', () => {
  it('speaks Dutch in a Dutch terminal, English otherwise', () => {
    expect(bannerLocale({ LANG: 'nl_BE.UTF-8' })).toBe('nl');
    expect(bannerLocale({ LC_ALL: 'nl_NL.UTF-8', LANG: 'en_US.UTF-8' })).toBe('nl');
    expect(bannerLocale({ LANG: 'C.UTF-8' })).toBe('en');
    expect(bannerLocale({})).toBe('en');
  });
});
