import { fileURLToPath } from 'node:url';
import type { LaunchOptions } from '@playwright/test';

/** Debian's Chromium, with the flags that keep it off this machine's closed network. */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
  ]
};

/**
 * The same Chromium as a phone's browser: no flags that change WebRTC, so its host
 * candidates are hidden behind random `<uuid>.local` mDNS names, as on phones, and are
 * resolved by multicast DNS on the room network.
 */
export const phoneChromiumLaunchOptions: LaunchOptions = {
  ...chromiumLaunchOptions,
  // Started inside this run's room network (tests/support/roomNetwork.ts) by a wrapper
  // script; Playwright still drives it over its pipe.
  executablePath: fileURLToPath(new URL('./chromium-in-room.sh', import.meta.url))
};

/**
 * Chromium in the room network for the "room" project. One WebRTC flag:
 *
 * --disable-features=WebRtcHideLocalIpsWithMdns: without it (a page with no camera or
 *   microphone permission, i.e. every join page) Chromium replaces each host candidate's
 *   address with a random mDNS name and getStats() reports an empty address, so a test
 *   cannot check that peers met on the room address; the pair then also depends on
 *   multicast DNS. With it, candidates carry 10.77.N.2 itself. Peers still connect without
 *   the flag (phoneChromiumLaunchOptions; roomNetwork.spec.ts checks both).
 *
 * Not needed: --allow-loopback-in-peer-connection (the peers meet on room0's address, not
 * on loopback; the kernel routes that through the namespace's own `lo`), and any
 * --force-webrtc-ip-handling-policy (the default policy gathers on the default-route
 * interface, which the room network provides).
 */
export const roomChromiumLaunchOptions: LaunchOptions = {
  ...phoneChromiumLaunchOptions,
  args: [...(chromiumLaunchOptions.args ?? []), '--disable-features=WebRtcHideLocalIpsWithMdns']
};
