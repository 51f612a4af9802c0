import { boardOperations, type BoardOperation } from './operations.ts';
import type { Model } from './model.ts';
import { mayRun, sessionOperations } from './sessionOperations.ts';
import { describeMessage, type World } from './world.ts';

/** Everything a person can do in a guided case: on the board and in the session. */
const operations: readonly BoardOperation[] = [...boardOperations, ...sessionOperations];

/*
 * Everything that can happen in a step of a fuzz case, one entry each: a person's operation,
 * the network delivering (or duplicating) a message, and faults — links coming and going,
 * devices going offline, partitions, reloads and crashes, IndexedDB commits, hub restarts
 * and a failing hub disk. Weights are relative.
 */

export interface StepContext {
  readonly world: World;
  readonly model: Model;
  readonly step: number;
}

export interface FuzzEvent {
  readonly name: string;
  readonly weight: number;
  /** Whether this event disturbs the system (counted as an injected fault). */
  readonly fault: boolean;
  /** Runs the event; returns a line for the trace, or undefined when it did not apply. */
  run(context: StepContext): Promise<string | undefined> | string | undefined;
}

export const fuzzEvents: readonly FuzzEvent[] = [
  {
    name: 'operation',
    weight: 30,
    fault: false,
    run({ world, model, step }) {
      const session = world.options.session;
      if (!session) {
        const device = world.rng.pick(world.devices);
        const operation = world.rng.weighted(boardOperations);
        if (!device || !operation) return undefined;
        const line = operation.run({ world, model, device, rng: world.rng, step });
        return line && `d${device.index} ${line}`;
      }
      // The operation first, then someone whose screen allows it: of the people who do such
      // things, in random order, the first for whom it applies (a dot needs an open vote on
      // the phone's screen, steering a facilitator's device that follows the flow).
      const operation = world.rng.weighted(operations);
      if (!operation) return undefined;
      const candidates = world.devices.filter((d) => mayRun(operation, d, session));
      while (candidates.length > 0) {
        const [device] = candidates.splice(world.rng.int(0, candidates.length - 1), 1);
        if (!device) break;
        const line = operation.run({ world, model, device, rng: world.rng, step });
        if (!line) continue;
        world.operations[operation.name] = (world.operations[operation.name] ?? 0) + 1;
        return `d${device.index} ${line}`;
      }
      return undefined;
    }
  },
  {
    name: 'deliver',
    weight: 45,
    fault: false,
    run({ world }) {
      const picked = world.rng.pick(world.inFlight);
      if (!picked) return undefined;
      const message = world.arriving(picked);
      world.deliver(message, false);
      return `deliver ${describeMessage(message)}`;
    }
  },
  {
    name: 'duplicate',
    weight: 3,
    fault: true,
    run({ world }) {
      // Between devices a change also arrives twice in real life (through the hub and
      // directly, or from two peers); a WebSocket to the hub never repeats a message.
      const picked = world.rng.pick(
        world.inFlight.filter((message) => message.link.startsWith('p'))
      );
      if (!picked) return undefined;
      const message = world.arriving(picked);
      world.deliver(message, true);
      return `deliver twice ${describeMessage(message)}`;
    }
  },
  {
    name: 'connect',
    weight: 8,
    fault: false,
    run({ world }) {
      const link = world.rng.pick(
        [...world.links.values()].filter((link) => !link.open && world.allowed(link))
      );
      if (!link) return undefined;
      world.open(link);
      return `connect ${link.key}`;
    }
  },
  {
    name: 'disconnect',
    weight: 1.5,
    fault: true,
    run({ world }) {
      const link = world.rng.pick([...world.links.values()].filter((link) => link.open));
      if (!link) return undefined;
      world.close(link);
      return `disconnect ${link.key}`;
    }
  },
  {
    name: 'offline',
    weight: 1.5,
    fault: true,
    run({ world }) {
      const device = world.rng.pick(world.devices.filter((device) => device.online));
      if (!device) return undefined;
      world.setOnline(device, false);
      return `d${device.index} goes offline`;
    }
  },
  {
    name: 'online',
    weight: 2,
    fault: false,
    run({ world }) {
      const device = world.rng.pick(world.devices.filter((device) => !device.online));
      if (!device) return undefined;
      world.setOnline(device, true);
      return `d${device.index} back online`;
    }
  },
  {
    name: 'partition',
    weight: 0.7,
    fault: true,
    run({ world }) {
      for (let i = 0; i < world.devices.length; i++) world.side[i] = world.rng.int(0, 1);
      world.hubSide = world.rng.int(0, 2); // 2: the hub is cut off from both sides
      world.refreshLinks();
      return `partition [${world.side.join('')}] hub on side ${world.hubSide}`;
    }
  },
  {
    name: 'heal partition',
    weight: 0.7,
    fault: false,
    run({ world }) {
      world.side.fill(0);
      world.hubSide = 0;
      return 'partition healed';
    }
  },
  {
    name: 'reload',
    weight: 1,
    fault: true,
    run({ world }) {
      const device = world.rng.pick(world.devices);
      if (!device) return undefined;
      world.reload(device, false);
      return `d${device.index} reloads`;
    }
  },
  {
    name: 'crash',
    weight: 0.7,
    fault: true,
    run({ world }) {
      const device = world.rng.pick(world.devices);
      if (!device) return undefined;
      const lost = device.storage.unflushed.length;
      world.reload(device, true);
      return `d${device.index} crashes (${lost} uncommitted IndexedDB writes lost)`;
    }
  },
  {
    name: 'indexeddb commit',
    weight: 6,
    fault: false,
    run({ world }) {
      const device = world.rng.pick(world.devices.filter((d) => d.storage.unflushed.length > 0));
      if (!device) return undefined;
      world.flush(device);
      return `d${device.index} IndexedDB commits`;
    }
  },
  {
    name: 'indexeddb trim',
    weight: 0.5,
    fault: false,
    run({ world }) {
      const device = world.rng.pick(world.devices.filter((d) => d.hasStorage));
      if (!device) return undefined;
      world.trim(device);
      return `d${device.index} IndexedDB trims to one row`;
    }
  },
  {
    name: 'hub killed',
    weight: 0.7,
    fault: true,
    async run({ world }) {
      if (!world.hub.up) return undefined;
      await world.stopHub(false);
      await world.startHub();
      return `hub killed (-9) and restarted`;
    }
  },
  {
    name: 'hub restart',
    weight: 0.4,
    fault: true,
    async run({ world }) {
      if (!world.hub.up) return undefined;
      await world.stopHub(true);
      await world.startHub();
      return `hub stopped cleanly and restarted`;
    }
  },
  {
    name: 'hub down',
    weight: 0.3,
    fault: true,
    async run({ world }) {
      if (!world.hub.up) return undefined;
      await world.stopHub(false);
      return 'hub killed (stays down)';
    }
  },
  {
    name: 'hub up',
    weight: 1,
    fault: false,
    async run({ world }) {
      if (world.hub.up) return undefined;
      await world.startHub();
      return 'hub started';
    }
  },
  {
    name: 'hub disk fails',
    weight: 0.4,
    fault: true,
    run({ world }) {
      const store = world.hub.store;
      if (!store || store.failing) return undefined;
      store.failing = true;
      return 'hub disk starts failing';
    }
  },
  {
    name: 'hub disk ok',
    weight: 1.5,
    fault: false,
    run({ world }) {
      const store = world.hub.store;
      if (!store?.failing) return undefined;
      store.failing = false;
      return 'hub disk works again';
    }
  },
  {
    name: 'settle',
    weight: 2,
    fault: false,
    async run({ world }) {
      await world.settle();
      return 'event loop turns (hub compaction may run)';
    }
  }
];
