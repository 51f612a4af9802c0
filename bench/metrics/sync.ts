// Sync under load: phones add notes through a real hub process (and, for comparison, a bare
// Hocuspocus relay) and a projector client measures add -> seen latency.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { ParticipantPool } from '../lib/participantPool.ts';
import {
  cpuSeconds,
  loadAverage,
  rssMiB,
  startHub,
  startServerProcess,
  type ServerProcess
} from '../lib/processes.ts';
import { Projector } from '../lib/projector.ts';
import { freshRoomKey } from '../lib/rooms.ts';
import type { BenchContext, BenchGroup, MetricResult } from '../lib/result.ts';
import { round, sleep, summarize, type LatencySummary } from '../lib/stats.ts';

const noteIntervalMs = 5000;
/** A note not seen this long after the last one was sent counts as lost (latency infinite). */
const drainMs = 5000;

interface LoadResult extends LatencySummary {
  readonly participants: number;
  readonly sent: number;
  readonly lost: number;
  /** CPU use of the relay process during the window, in % of one core. */
  readonly relayCpu: number;
  /** CPU use of the participants processes together, in % of one core. */
  readonly phonesCpu: number;
  readonly relayRssMaxMiB: number;
  /** The machine's 1-minute load average at the end of the window. */
  readonly loadAverage: number;
}

/** Where the phones connect, and the server processes whose CPU and memory are measured. */
export interface LoadTarget {
  readonly url: string;
  readonly pids: readonly number[];
}

const sumOver = (pids: readonly number[], measure: (pid: number) => number): number =>
  pids.reduce((sum, pid) => sum + measure(pid), 0);

/** A single server process as a load target. */
export const single = (server: ServerProcess): LoadTarget => ({
  url: server.url,
  pids: [server.pid]
});

/**
 * `participants` phones in `rooms` fresh rooms add a note every ~5 s for `durationMs`; one
 * projector per room measures latency. Phones leave afterwards.
 */
export async function runLoad(
  relay: LoadTarget,
  pool: ParticipantPool,
  options: { rooms: number; participants: number; durationMs: number }
): Promise<LoadResult> {
  const rooms = Array.from({ length: options.rooms }, freshRoomKey);
  const projectors = rooms.map((roomKey) => new Projector(relay.url, roomKey));
  try {
    await Promise.all(projectors.map((projector) => projector.synced));
    await pool.join(relay.url, rooms, options.participants);
    // Let the joins' awareness traffic settle before measuring.
    await sleep(1000);
    const relayCpu0 = sumOver(relay.pids, cpuSeconds);
    const phonesCpu0 = pool.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const started = performance.now();
    let relayRssMaxMiB = sumOver(relay.pids, rssMiB);
    const sampler = setInterval(() => {
      relayRssMaxMiB = Math.max(relayRssMaxMiB, sumOver(relay.pids, rssMiB));
    }, 500);
    const sentByRoom = await pool.add(noteIntervalMs, options.durationMs);
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    const relayCpu = ((sumOver(relay.pids, cpuSeconds) - relayCpu0) / seconds) * 100;
    const phonesCpu =
      ((pool.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0) - phonesCpu0) / seconds) * 100;
    const sentIn = (i: number) => sentByRoom.get(rooms[i] ?? '') ?? [];
    await Promise.all(projectors.map((projector, i) => projector.drain(sentIn(i), drainMs)));
    const latencies = projectors.flatMap((projector, i) => projector.latencies(sentIn(i)));
    const sent = latencies.length;
    const lost = latencies.filter((latency) => !Number.isFinite(latency)).length;
    return {
      ...summarize(latencies),
      participants: options.participants,
      sent,
      lost,
      relayCpu,
      phonesCpu,
      relayRssMaxMiB,
      loadAverage: Number(loadAverage().split(' ')[0])
    };
  } finally {
    await pool.leave();
    for (const projector of projectors) projector.destroy();
  }
}

export function describe(load: LoadResult): string {
  return (
    `${load.participants} phones, ${load.sent} notes (${load.lost} lost): ` +
    `p50 ${round(load.p50)} ms, p95 ${round(load.p95)} ms, p99 ${round(load.p99)} ms, ` +
    `max ${round(load.max)} ms; relay CPU ${round(load.relayCpu)} %, ` +
    `phones CPU ${round(load.phonesCpu)} %, relay RSS ≤ ${round(load.relayRssMaxMiB)} MiB; ` +
    `load average ${load.loadAverage}`
  );
}

function loadDetails(prefix: string, load: LoadResult): Record<string, number> {
  return {
    [`${prefix}_notes`]: load.sent,
    [`${prefix}_lost`]: load.lost,
    [`${prefix}_p50_ms`]: round(load.p50),
    [`${prefix}_p95_ms`]: round(load.p95),
    [`${prefix}_p99_ms`]: round(load.p99),
    [`${prefix}_max_ms`]: round(load.max),
    [`${prefix}_relay_cpu_pct`]: round(load.relayCpu),
    [`${prefix}_phones_cpu_pct`]: round(load.phonesCpu),
    [`${prefix}_load_average`]: load.loadAverage
  };
}

async function withHub<T>(
  context: BenchContext,
  use: (hub: ServerProcess) => Promise<T>
): Promise<T> {
  const dataDir = mkdtempSync(join(context.tmpDir, 'hub-'));
  const hub = await startHub(dataDir, context.hubNodeArgs);
  try {
    return await use(hub);
  } finally {
    await hub.stop();
  }
}

/** 80 phones in one room through the hub, then the same through a bare relay. */
export const syncGroup: BenchGroup = {
  name: '80 phones: hub vs bare relay',
  metrics: ['sync_p95_ms_80', 'sync_ratio_vs_bare_relay'],
  async run(context) {
    const durationMs = context.quick ? 20_000 : 60_000;
    const pool = new ParticipantPool(2);
    try {
      const load = { rooms: 1, participants: 80, durationMs };
      context.log(`hub: 80 phones, one note every ~5 s each, ${durationMs / 1000} s`);
      const kring = await withHub(context, (hub) => runLoad(single(hub), pool, load));
      context.log(`  hub: ${describe(kring)}`);
      const results: MetricResult[] = [
        { metric: 'sync_p95_ms_80', value: round(kring.p95), details: loadDetails('hub', kring) }
      ];
      if (context.wanted.has('sync_ratio_vs_bare_relay')) {
        context.log(`bare relay: the same load`);
        const bareRelay = await startServerProcess('bench/lib/bareRelay.ts', []);
        let bare: LoadResult;
        try {
          bare = await runLoad(single(bareRelay), pool, load);
        } finally {
          await bareRelay.stop();
        }
        context.log(`  bare: ${describe(bare)}`);
        results.push({
          metric: 'sync_ratio_vs_bare_relay',
          value: Math.round((kring.p95 / bare.p95) * 100) / 100,
          details: { hub_p95_ms: round(kring.p95), ...loadDetails('bare', bare) }
        });
      }
      return results;
    } finally {
      pool.close();
    }
  }
};

/**
 * Participants across 4 rooms, stepped up until p95 passes 250 ms; hub memory at 400. Light
 * phones (raw sockets, updates prepared ahead, nothing of the room read: participants.ts),
 * so that the phones' own CPU is not what this machine runs out of first.
 */
export const capacityGroup: BenchGroup = {
  name: 'hub capacity: 4 rooms, stepped load',
  metrics: ['hub_participants_at_250ms', 'hub_rss_mb_400'],
  async run(context) {
    const limitMs = 250;
    const cap = 1200;
    const rssAt = 400;
    const durationMs = context.quick ? 10_000 : 20_000;
    const steps = !context.wanted.has('hub_participants_at_250ms')
      ? [rssAt]
      : context.quick
        ? [400, 1000]
        : [200, 400, 600, 800, 1000, 1200];
    const pool = new ParticipantPool(4, { light: true });
    try {
      return await withHub(context, async (hub) => {
        const rssBefore = rssMiB(hub.pid);
        const details: Record<string, number | string> = {};
        let best = 0;
        let failed = false;
        let rss: number | undefined;
        for (const participants of steps) {
          if (failed && participants > rssAt) break;
          context.log(`hub: ${participants} phones in 4 rooms, ${durationMs / 1000} s`);
          const load = await runLoad(single(hub), pool, { rooms: 4, participants, durationMs });
          context.log(`  ${describe(load)}`);
          details[`p95_ms_at_${participants}`] = round(load.p95);
          details[`relay_cpu_pct_at_${participants}`] = round(load.relayCpu);
          details[`phones_cpu_pct_at_${participants}`] = round(load.phonesCpu);
          // Other work on the machine shows here (the phones and the hub share its cores).
          details[`load_average_at_${participants}`] = load.loadAverage;
          if (participants === rssAt) rss = load.relayRssMaxMiB;
          if (load.p95 <= limitMs && !failed) best = participants;
          else failed = true;
          // Let the hub unload the rooms (Hocuspocus stores and drops a room after its last client).
          await sleep(2000);
        }
        const top = steps.filter((participants) => participants <= Math.max(best, rssAt)).at(-1);
        if (
          !context.quick &&
          top !== undefined &&
          context.wanted.has('hub_participants_at_250ms')
        ) {
          // Control: the same load through a bare relay shows how much of the latency is
          // this machine (phones and relay share 2 cores) rather than the hub.
          context.log(`bare relay (control): ${top} phones in 4 rooms, ${durationMs / 1000} s`);
          const bareRelay = await startServerProcess('bench/lib/bareRelay.ts', []);
          try {
            const load = await runLoad(single(bareRelay), pool, {
              rooms: 4,
              participants: top,
              durationMs
            });
            context.log(`  ${describe(load)}`);
            details[`bare_relay_p95_ms_at_${top}`] = round(load.p95);
            details[`bare_relay_cpu_pct_at_${top}`] = round(load.relayCpu);
          } finally {
            await bareRelay.stop();
          }
        }
        const results: MetricResult[] = [];
        if (context.wanted.has('hub_participants_at_250ms')) {
          results.push({
            metric: 'hub_participants_at_250ms',
            value: best,
            note:
              best === cap
                ? `still within ${limitMs} ms at the cap of ${cap}: the real limit is higher`
                : best === steps.at(-1)
                  ? `passed every step (quick mode stops at ${best})`
                  : undefined,
            details
          });
        }
        if (context.wanted.has('hub_rss_mb_400') && rss !== undefined) {
          results.push({
            metric: 'hub_rss_mb_400',
            value: round(rss),
            details: { rss_mib_before_load: round(rssBefore) }
          });
        }
        return results;
      });
    } finally {
      pool.close();
    }
  }
};
