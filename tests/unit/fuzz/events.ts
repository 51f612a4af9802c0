import { describeCommand, honestOperations } from './honest.ts';
import { hostileOperations, openFindings, runHostile, type Scrapbook } from './hostile.ts';
import type { Ledger } from './ledger.ts';
import { describeMessage, type World } from './world.ts';

/*
 * Everything that can happen in a step of a fuzz case, one entry each: an honest person's
 * command, the hostile app's attack, the network delivering (or duplicating) a message, and
 * faults — links coming and going, devices going offline, partitions, reloads and crashes,
 * IndexedDB commits, hub restarts, a hub killed for good and a failing hub disk. Weights are
 * relative.
 */

export interface StepContext {
  readonly world: World;
  readonly ledger: Ledger;
  readonly scrapbook: Scrapbook;
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

/**
 * An honest person does something their screen offers: a device at random, then of the things
 * people in its role do, by weight, the first its screen offers now.
 */
export function honestCommand({ world, ledger, step }: StepContext): string | undefined {
  const { rng } = world;
  // The facilitators (one or two laptops) act about a third of the time, everyone else the rest.
  const facilitating = rng.chance(0.35);
  const device = rng.pick(
    world.honestDevices.filter((d) => (d.role === 'facilitator') === facilitating)
  );
  if (!device) return undefined;
  const role = device.role === 'facilitator' ? 'facilitator' : 'participant';
  const operations = honestOperations.filter((operation) => operation.who === role);
  while (operations.length > 0) {
    const operation = rng.weighted(operations);
    if (!operation) break;
    operations.splice(operations.indexOf(operation), 1);
    const view = device.client.view;
    const command = operation.choose({ device, view, rng, step, setup: world.setup });
    if (!command) continue;
    const decision = device.client.run(command);
    ledger.count(ledger.commands, `${command.type} ${decision.ok ? 'ok' : 'refused'}`);
    const outcome = decision.ok
      ? `${decision.writes.length} record(s)`
      : `refused: ${decision.reason}`;
    return `${device.name} ${describeCommand(command)} → ${outcome}`;
  }
  return undefined;
}

export const fuzzEvents: readonly FuzzEvent[] = [
  {
    name: 'honest command',
    weight: 30,
    fault: false,
    run: honestCommand
  },
  {
    name: 'hostile operation',
    weight: 9,
    fault: false,
    run(context) {
      const { world, ledger, scrapbook, step } = context;
      const device = world.hostile;
      if (!device) return undefined;
      const operation = world.rng.weighted(
        world.options.allAttacks
          ? hostileOperations
          : hostileOperations.filter((op) => openFindings[op.name] === undefined)
      );
      if (!operation) return undefined;
      const line = runHostile(operation, {
        world,
        device,
        rng: world.rng,
        step,
        ledger,
        setup: world.setup,
        scrapbook
      });
      return line && `${device.name} ✗ ${line}`;
    }
  },
  {
    name: 'deliver',
    weight: 45,
    fault: false,
    run({ world }) {
      // A few messages at a time (any of them next: the network reorders).
      const lines: string[] = [];
      for (let count = world.rng.int(1, 4); count > 0; count--) {
        const picked = world.rng.pick(world.inFlight);
        if (!picked) break;
        const message = world.arriving(picked);
        world.deliver(message, false);
        lines.push(describeMessage(message));
      }
      return lines.length === 0 ? undefined : `deliver ${lines.join(', ')}`;
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
    weight: 6,
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
    name: 'reconnect to the hub',
    weight: 6,
    fault: false,
    run({ world }) {
      // HocuspocusProvider tries again within a second or so of losing the hub.
      const link = world.rng.pick(
        [...world.links.values()].filter(
          (link) => link.kind === 'relay' && !link.open && world.allowed(link)
        )
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
      return `${device.name} goes offline`;
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
      return `${device.name} back online`;
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
      return `${device.name} reloads`;
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
      return `${device.name} crashes (${lost} uncommitted IndexedDB writes lost)`;
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
      return `${device.name} IndexedDB commits`;
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
      return `${device.name} IndexedDB trims to one row`;
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
    weight: 2,
    fault: false,
    async run({ world }) {
      if (world.hub.up || world.hub.gone) return undefined;
      await world.startHub();
      return 'hub started';
    }
  },
  {
    name: 'hub killed for good',
    weight: 0.4,
    fault: true,
    async run({ world }) {
      if (world.options.hubMode !== 'diesForGood' || world.hub.gone) return undefined;
      await world.killHubForGood();
      return 'hub killed for good: peers only from now on';
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
