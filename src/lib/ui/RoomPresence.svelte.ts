import type { Awareness } from 'y-protocols/awareness';
import {
  readPresence,
  trackDevices,
  type LiveState,
  type SeenDevice
} from '$lib/domain/participant.ts';

/** How often the devices are looked at again without news, so a device that left drops off. */
const lookAgainMs = 2000;

function liveStates(awareness: Awareness): LiveState[] {
  const live: LiveState[] = [];
  awareness.getStates().forEach((state, client) => {
    const presence = readPresence(state);
    if (!presence) return;
    const heardAt = awareness.meta.get(client)?.lastUpdated ?? 0;
    live.push({ presence, heardAt, self: client === awareness.clientID });
  });
  return live;
}

/** The devices in a room as this screen sees them, as reactive state (see trackDevices). */
export class RoomPresence {
  #devices = $state.raw<readonly SeenDevice[]>([]);
  readonly #stop: () => void;

  constructor(awareness: Awareness) {
    const look = (): void => {
      this.#devices = trackDevices(this.#devices, liveStates(awareness), Date.now());
    };
    look();
    // Every state that arrives, renewals included (so "last heard" stays true), and removals.
    awareness.on('update', look);
    const timer = setInterval(look, lookAgainMs);
    this.#stop = () => {
      awareness.off('update', look);
      clearInterval(timer);
    };
  }

  get devices(): readonly SeenDevice[] {
    return this.#devices;
  }

  destroy(): void {
    this.#stop();
  }
}
