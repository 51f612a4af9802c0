import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyInJs, type VerifyNow } from '../../../src/lib/access/signatures.ts';
import { fuzzEvents, type FuzzEvent, type StepContext } from './events.ts';
import { Scrapbook } from './hostile.ts';
import { Ledger } from './ledger.ts';
import { invariants } from './oracle.ts';
import { Prng } from './prng.ts';
import { clockAt, newSessionSetup } from './session.ts';
import { World, type HubMode, type RepairMode } from './world.ts';

export interface CaseOptions {
  /**
   * `quick` cases (npm test) take 80-160 steps, `long` ones (npm run fuzz) 150-400; the same
   * seed is a different case in each.
   */
  readonly size?: 'quick' | 'long';
  /** Whether the hub runs the session guard (as relay.ts does); off only to explore. */
  readonly guard?: boolean;
  /**
   * When honest devices write back a record a modified app damaged: always (default), only
   * while off the hub (what openSession.ts does today), or a mix of both per case.
   */
  readonly repair?: RepairMode | 'mixed';
  /** Also the attacks listed in hostile.ts `openFindings` (which still succeed). */
  readonly allAttacks?: boolean;
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
  /** Honest commands per type, accepted and refused. */
  readonly commands: Readonly<Record<string, number>>;
  /** Hostile operations per kind. */
  readonly hostile: Readonly<Record<string, number>>;
  /** Losses the oracle allows (an accepted write lost with its writer's crash), by kind. */
  readonly tolerated: Readonly<Record<string, number>>;
  readonly faults: number;
  /** Ideas honest devices wrote (each idea once). */
  readonly notes: number;
  /** Records honest devices signed and wrote. */
  readonly signed: number;
  /** Records the hub's guard and the honest devices wrote back. */
  readonly hubRepairs: number;
  readonly deviceRepairs: number;
  /** The modified app's updates held back as pending, and pending updates completed later. */
  readonly pendingHeld: number;
  readonly pendingCompleted: number;
  /** Signatures checked in JavaScript (distinct ones; see `sharedVerify`). */
  readonly verified: number;
  /** How the case was set up: hub mode, repair modes. */
  readonly shape: string;
}

/**
 * verifyInJs, remembering each answer by the exact bytes it was asked about: every device of a
 * case checks the same records, and the same bytes always give the same answer, so each
 * distinct signature is checked once (in JavaScript, as a phone does) instead of once per
 * device. The hub checks with its own native verifier.
 */
function sharedVerify(): { verify: VerifyNow; count: () => number } {
  const known = new Map<string, boolean>();
  let checked = 0;
  const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
  return {
    verify(request) {
      const key = `${hex(request.publicKey)}|${hex(request.signature)}|${hex(request.message)}`;
      let verdict = known.get(key);
      if (verdict === undefined) {
        verdict = verifyInJs(request);
        known.set(key, verdict);
        checked += 1;
      }
      return verdict;
    },
    count: () => checked
  };
}

/** Runs one seeded case: random steps, then healing, then every invariant. */
export async function runCase(seed: number, options: CaseOptions = {}): Promise<CaseResult> {
  const rng = new Prng(seed);
  const size = options.size ?? 'long';
  const guard = options.guard ?? true;
  const devices = rng.int(6, 9);
  const steps = size === 'quick' ? rng.int(80, 160) : rng.int(150, 400);
  const hostile = rng.chance(0.75);
  const hubRoll = rng.next();
  const hubMode: HubMode = hubRoll < 0.7 ? 'normal' : hubRoll < 0.9 ? 'diesForGood' : 'none';
  const setup = newSessionSetup(rng, devices, hostile);
  const repair = options.repair ?? 'always';
  const repairModes: RepairMode[] = setup.roles.map(() =>
    repair !== 'mixed' ? repair : rng.chance(0.5) ? 'always' : 'offHub'
  );
  const honestIndexes = setup.roles.flatMap((role, i) => (role === 'hostile' ? [] : [i]));
  const isolatedPairs = new Set<string>();
  for (let i = 0; i < devices; i++) {
    for (let j = i + 1; j < devices; j++) if (rng.chance(0.3)) isolatedPairs.add(`${i}-${j}`);
  }
  if (hubMode !== 'normal') {
    // Without the hub, honest devices reach each other only directly: keep a path through them
    // all that no modified app sits on.
    for (let k = 1; k < honestIndexes.length; k++)
      isolatedPairs.delete(`${honestIndexes[k - 1]}-${honestIndexes[k]}`);
  }
  const devicesWithoutStorage = new Set<number>();
  for (let i = 1; i < devices; i++) if (rng.chance(0.1)) devicesWithoutStorage.add(i);
  const compactAfter = rng.int(2, 40);
  const fifo = rng.chance(0.7);

  // The hub's real SQLite store; in memory-backed /dev/shm where there is one, since a case
  // opens and closes the database at every hub restart.
  const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'kring-fuzz-'));
  const verifier = sharedVerify();
  const ledger = new Ledger(setup);
  const scrapbook = new Scrapbook();
  const world = new World(rng, {
    setup,
    dataDir,
    compactAfter,
    isolatedPairs,
    devicesWithoutStorage,
    repairModes,
    fifo,
    guard,
    hubMode,
    allAttacks: options.allAttacks ?? false,
    verifyNow: verifier.verify,
    ledger,
    onBind: (device) => {
      if (!device.honest) scrapbook.watch(device.doc);
    }
  });
  const counts: Record<string, number> = {};
  let faults = 0;
  const trace = world.log;
  const shape =
    `hub ${hubMode}${guard ? '' : ' (no guard)'}, repair ${[...new Set(repairModes)].join('+')}, ` +
    `facilitators [${honestIndexes
      .filter((i) => setup.roles[i] === 'facilitator')
      .map((i) => `d${i}`)
      .join(' ')}], ` +
    `hostile ${world.hostile?.name ?? 'none'}`;
  trace.push(
    `seed ${seed}: ${devices} devices, ${steps} steps, ${shape}, compact after ${compactAfter}, ` +
      `no IndexedDB on [${[...devicesWithoutStorage].map((i) => `d${i}`).join(' ')}], ` +
      `${isolatedPairs.size} device pairs isolated, ${fifo ? 'ordered links' : 'links reorder'}`
  );

  // The hub's persistence reports write failures on console.error; they belong in the trace.
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    world.hubErrors.push(args.map(String).join(' '));
    trace.push(`  (hub logged: ${String(args[0])})`);
  };
  const failures: string[] = [];
  try {
    await world.startHub();
    const context = (step: number): StepContext => ({ world, ledger, scrapbook, step });
    // The facilitator's laptop starts the session before anyone joins.
    const start = world.device(0).client.run({
      type: 'start',
      title: setup.title,
      script: setup.script,
      facilitatorKey: setup.facilitatorPublic
    });
    const first = world.device(0);
    trace.push(`#start d0 starts the session: ${start.ok ? 'ok' : start.reason}`);
    const brainstorm = first.client.run({
      type: 'steer',
      action: { type: 'goTo', stepId: 'brainstorm' },
      now: clockAt(0)
    });
    trace.push(`#start d0 goes to the brainstorm: ${brainstorm.ok ? 'ok' : brainstorm.reason}`);
    // Then everyone scans the code: each device connects to the hub, or (without one) to a
    // few peers; the rest connect one event at a time.
    for (const link of world.links.values()) {
      if (link.kind === 'relay' || (hubMode === 'none' && rng.chance(0.5))) world.open(link);
    }
    // The room fills before the first step: what is in flight arrives.
    await quiet(world);
    trace.push('#start devices connect and sync');
    for (let step = 0; step < steps; step++) {
      world.now = step;
      const event = rng.weighted(fuzzEvents);
      if (!event) continue;
      const line = await run(event, context(step));
      ledger.judgeShown();
      if (line === undefined) continue;
      counts[event.name] = (counts[event.name] ?? 0) + 1;
      if (event.fault) faults += 1;
      trace.push(`#${step} ${line}`);
    }

    trace.push(
      `— heal: ${world.hub.gone ? 'no hub' : 'hub up'}, disk ok, partitions gone, everyone online and connected —`
    );
    world.now = steps;
    await heal(world);
    ledger.judgeShown();

    for (const invariant of invariants) {
      for (const problem of invariant.check(world, ledger)) {
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

  const ideas = new Set<string>();
  for (const write of ledger.writes) {
    const data = write.data as { n?: [string][]; fn?: [string][] };
    if (write.root === 'entries') for (const item of data.n ?? []) ideas.add(item[0]);
    if (write.root === 'boards') for (const item of data.fn ?? []) ideas.add(item[0]);
  }
  return {
    seed,
    reproduce: `npm run fuzz -- --seed ${seed}${size === 'quick' ? ' --quick' : ''}${guard ? '' : ' --no-guard'}${repair === 'always' ? '' : ` --repair ${repair}`}${options.allAttacks ? ' --all-attacks' : ''}`,
    ok: failures.length === 0,
    failures,
    trace,
    counts,
    commands: ledger.commands,
    hostile: ledger.hostile,
    tolerated: ledger.tolerated,
    faults,
    notes: ideas.size,
    signed: ledger.writes.length,
    hubRepairs: world.hub.repairs,
    deviceRepairs: world.devices.reduce((total, device) => total + device.repairs, 0),
    verified: verifier.count(),
    pendingHeld: world.pending.held,
    pendingCompleted: world.pending.completed,
    shape
  };
}

async function run(event: FuzzEvent, context: StepContext) {
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
  await quiet(world);
  for (const device of world.devices) world.flush(device);
}

/** Delivers until nothing is in flight. */
async function quiet(world: World): Promise<void> {
  let rounds = 0;
  while (world.inFlight.length > 0) {
    const message = world.rng.pick(world.inFlight);
    if (message) world.deliver(world.arriving(message), false);
    if (++rounds > 200_000) throw new Error('the network never went quiet');
  }
  // Compaction and the repair of failed writes run on the next turn of the event loop.
  await world.settle();
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
