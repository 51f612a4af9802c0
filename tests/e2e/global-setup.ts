import { rmSync } from 'node:fs';
import { roomNamespaceVariable, tearDownRoomNetwork } from '../support/roomNetwork.ts';

/** Starts each run with a clean screenshot folder, so every picture is from this run. */
export default function globalSetup(): () => Promise<void> {
  rmSync('test-results/screens', { recursive: true, force: true });
  // The "room-network-teardown" project removes the room network, but Playwright skips
  // teardown projects when a run is interrupted (Ctrl-C); global teardown still runs, so it
  // removes the network then too. Without a room network this does nothing.
  return async () => {
    const namespace = process.env[roomNamespaceVariable];
    if (namespace) await tearDownRoomNetwork(namespace);
  };
}
