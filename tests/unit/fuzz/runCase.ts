import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fuzzEvents, type FuzzEvent } from './events.ts';
import { Model } from './model.ts';
import { invariants } from './oracle.ts';
import { Prng } from './prng.ts';
import { newSessionSetup } from './session.ts';
import { sessionOperations } from './sessionOperations.ts';
import { World, type HubRules } from './world.ts';

export interface CaseOptions {
  /**
   * `quick` cases (npm test) take 80-160 steps, `long` ones (npm run fuzz) 150-400; the same
   * seed is a different case in each.
   */
  readonly size?: 'quick' | 'long';
  /** The hub's rules for incoming updates (none: the hub takes every update). */
  readonly hubRules?: HubRules;
  /**
   * A guided session on the board (default): real keys, a script, facilitators steering,
   * participants voting, a hostile device forging flow. `false` runs the board alone, as
   * cases did before the session existed, so old seeds still reproduce their traces.
   */
  readonly guided?: boolean;
}

export interface CaseResult {
  readonly seed: number;
  /** The command that runs this case again. */
  readonly reproduce: string;
  readonly ok: boolean;
  readonly failures: readonly string[];
  readonly trace: readonly string[];
  /** How often each event ran (applied, not just drawn). */
  readonly counts: Readonly<Record<string, number>>;
  /** How often each person's operation applied. */
  readonly operations: Readonly<Record<string, number>>;
  readonly faults: number;
  readonly notes: number;
  /** Flow states the facilitators signed, and those a hostile device forged or replayed. */
  readonly signed: number;
  readonly forgeries: number;
  /** Changes the hub's session guard undid. */
  readonly repairs: number;
}

/** Runs one seeded case: random steps, then healing, then every invariant. */
export async function runCase(seed: number, options: CaseOptions = {}): Promise<CaseResult> {
  const rng = new Prng(seed);
  const size = options.size ?? 'long';
  const devices = rng.int(8, 10);
  const steps = size === 'quick' ? rng.int(80, 160) : rng.int(150, 400);
  const isolatedPairs = new Set<string>();
  for (let i = 0; i < devices; i++) {
    for (let j = i + 1; j < devices; j++) if (rng.chance(0.3)) isolatedPairs.add(`${i}-${j}`);
  }
  const devicesWithoutStorage = new Set<number>();
  for (let i = 1; i < devices; i++) if (rng.chance(0.1)) devicesWithoutStorage.add(i);
  const compactAfter = rng.int(2, 40);
  const fifo = rng.chance(0.7);
  const guided = options.guided ?? true;
  const session = guided ? newSessionSetup(rng, devices) : undefined;

  // The hub's real SQLite store; in memory-backed /dev/shm where there is one, since a case
  // opens and closes the database at every hub restart.
  const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'kring-fuzz-'));
  const world = new World(rng, {
    devices,
    dataDir,
    room: 'fuzzroom',
    compactAfter,
    isolatedPairs,
    devicesWithoutStorage,
    fifo,
    hubRules: options.hubRules,
    session
  });
  const model = new Model();
  const counts: Record<string, number> = {};
  let faults = 0;
  const trace = world.log;
  trace.push(
    `seed ${seed}: ${devices} devices, ${steps} steps, compact after ${compactAfter}, ` +
      `no IndexedDB on [${[...devicesWithoutStorage].map((i) => `d${i}`).join(' ')}], ` +
      `${isolatedPairs.size} device pairs isolated, ${fifo ? 'ordered links' : 'links reorder'}`
  );
  if (session) {
    trace.push(
      `guided session: facilitators [${[...session.facilitators].map((i) => `d${i}`).join(' ')}], ` +
        `hostile ${session.hostile === undefined ? 'none' : `d${session.hostile}`}`
    );
  }

  // The hub's persistence reports write failures on console.error; they belong in the trace.
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    world.hubErrors.push(args.map(String).join(' '));
    trace.push(`  (hub logged: ${String(args[0])})`);
  };
  const failures: string[] = [];
  try {
    await world.startHub();
    if (session) {
      // The facilitator's laptop starts the session before anyone joins.
      const open = sessionOperations.find((operation) => operation.name === 'open session');
      const device = world.device(0);
      const line = open?.run({ world, model, device, rng, step: 0 });
      trace.push(`#start d0 ${line ?? 'does not open the session'}`);
      // Then everyone scans the code: each device connects to the hub (peers find each other
      // later, one connect event at a time).
      for (const link of world.links.values()) if (link.kind === 'relay') world.open(link);
      trace.push('#start every device connects to the hub');
    }
    for (let step = 0; step < steps; step++) {
      world.now = step;
      const event = rng.weighted(fuzzEvents);
      if (!event) continue;
      const line = await run(event, { world, model, step });
      if (line === undefined) continue;
      counts[event.name] = (counts[event.name] ?? 0) + 1;
      if (event.fault) faults += 1;
      trace.push(`#${step} ${line}`);
    }

    trace.push('— heal: hub up, disk ok, partitions gone, everyone online and connected —');
    world.now = steps;
    await heal(world);

    for (const invariant of invariants) {
      for (const problem of invariant.check(world, model)) {
        failures.push(`${invariant.name}: ${problem}`);
      }
    }
  } catch (error) {
    failures.push(
      `the case threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
    );
  } finally {
    console.error = consoleError;
    await world.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }

  return {
    seed,
    reproduce: `npm run fuzz -- --seed ${seed}${size === 'quick' ? ' --quick' : ''}${options.hubRules ? '' : ' --no-hub-rules'}${guided ? '' : ' --board-only'}`,
    ok: failures.length === 0,
    failures,
    trace,
    counts,
    operations: world.operations,
    faults,
    notes: model.notes.size,
    signed: model.signed.length,
    forgeries: model.forgeries.length,
    repairs: world.repairs
  };
}

async function run(event: FuzzEvent, context: Parameters<FuzzEvent['run']>[0]) {
  return event.run(context);
}

/** Ends every fault and lets the network run until nothing is in flight. */
async function heal(world: World): Promise<void> {
  if (world.hub.store) world.hub.store.failing = false;
  await world.startHub();
  world.side.fill(0);
  world.hubSide = 0;
  for (const device of world.devices) device.online = true;
  for (const link of world.links.values()) world.open(link);
  let rounds = 0;
  while (world.inFlight.length > 0) {
    const message = world.rng.pick(world.inFlight);
    if (message) world.deliver(world.arriving(message), false);
    if (++rounds > 1_000_000) throw new Error('the network never went quiet');
  }
  // Compaction and the repair of failed writes run on the next turn of the event loop.
  await world.settle();
  for (const device of world.devices) world.flush(device);
}

/** The failure report: seed, what went wrong, and every step that led there. */
export function describeFailure(result: CaseResult): string {
  return [
    `Fuzz case ${result.seed} failed. Reproduce with: ${result.reproduce}`,
    ...result.failures.map((failure) => `  ✗ ${failure}`),
    'Trace:',
    ...result.trace.map((line) => `  ${line}`)
  ].join('\n');
}
