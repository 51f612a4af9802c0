// A hosted Kring on this machine (HAProxy with TLS, Postgres, Redis; docs/HOSTING.md): how many
// rooms of 20 phones one hub and three hubs carry at p95 ≤ 250 ms (through the balancer), and
// how long a room is unserved after its hub is killed.
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { readFileSync } from 'node:fs';
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { startHostedStack, type HostedStack } from '../../tests/support/hostedStack.ts';
import { makeTestCertificate } from '../../tests/support/testCertificate.ts';
import { ParticipantPool } from '../lib/participantPool.ts';
import { freshRoomKey, participantDevice } from '../lib/rooms.ts';
import type { BenchContext, BenchGroup, MetricResult } from '../lib/result.ts';
import { round, sleep } from '../lib/stats.ts';
import { describe, runLoad } from './sync.ts';

const limitMs = 250;
const phonesPerRoom = 20;

/** Rooms stepped up until p95 passes the limit; the most rooms still within it. */
async function carried(
  stack: HostedStack,
  pool: ParticipantPool,
  context: BenchContext,
  label: string,
  details: Record<string, number | string>
): Promise<number> {
  const steps = context.quick ? [4, 8] : [4, 8, 12, 16, 20, 24];
  const durationMs = context.quick ? 10_000 : 20_000;
  const pids = stack.hubIds.map((id) => stack.hub(id)?.pid ?? 0);
  let best = 0;
  for (const rooms of steps) {
    context.log(`${label}: ${rooms} rooms × ${phonesPerRoom} phones, ${durationMs / 1000} s`);
    const load = await runLoad({ url: stack.url, pids }, pool, {
      rooms,
      participants: rooms * phonesPerRoom,
      durationMs
    });
    context.log(`  ${describe(load)}`);
    details[`${label}_p95_ms_at_${rooms}_rooms`] = round(load.p95);
    details[`${label}_hub_cpu_pct_at_${rooms}_rooms`] = round(load.relayCpu);
    details[`${label}_load_average_at_${rooms}_rooms`] = load.loadAverage;
    if (load.p95 > limitMs || load.lost > 0) break;
    best = rooms;
    // Let the hubs unload the rooms (and give their leases back).
    await sleep(2000);
  }
  return best;
}

/**
 * Kills the hub holding the most of `rooms` while a writer in each room adds a note every
 * 100 ms; resolves with the longest time from the kill until a room's writer had everything
 * acknowledged again (by the hub that took the room).
 */
async function failover(stack: HostedStack, context: BenchContext): Promise<number> {
  const keys = Array.from({ length: 6 }, freshRoomKey);
  const writers = keys.map((key) => {
    const { ticket, author } = participantDevice(key);
    const provider = new HocuspocusProvider({
      url: `${stack.url.replace(/^http/, 'ws')}/sync/${ticket.name}`,
      name: ticket.name,
      token: ticket.token,
      document: new Y.Doc()
    });
    return { provider, author, room: ticket.name };
  });
  try {
    const deadline = Date.now() + 30_000;
    while (!writers.every((w) => w.provider.isSynced) && Date.now() < deadline) await sleep(20);
    const holders = await Promise.all(writers.map((w) => stack.leaseHolder(w.room)));
    const counts = new Map<string, number>();
    for (const holder of holders) if (holder) counts.set(holder, (counts.get(holder) ?? 0) + 1);
    const victim = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    const doomed = writers.filter((_, i) => holders[i] === victim);
    context.log(`killing ${victim}, which holds ${doomed.length} of ${writers.length} rooms`);
    let n = 0;
    const write = (): void => {
      for (const w of doomed) w.provider.document.getMap('notes').set(`n${n}`, w.author);
      n += 1;
    };
    const killedAt = performance.now();
    await stack.kill(victim);
    const back = new Map<string, number>();
    while (back.size < doomed.length && performance.now() - killedAt < 60_000) {
      write();
      await sleep(100);
      for (const w of doomed) {
        if (!back.has(w.room) && w.provider.isSynced && !w.provider.hasUnsyncedChanges)
          back.set(w.room, performance.now() - killedAt);
      }
    }
    await stack.restart(victim);
    if (back.size < doomed.length) return Number.POSITIVE_INFINITY;
    return Math.max(...back.values());
  } finally {
    for (const w of writers) w.provider.destroy();
  }
}

export const hostedGroup: BenchGroup = {
  name: 'hosted: HAProxy (TLS), Postgres, Redis; 1 hub, then 3',
  metrics: ['hosted_rooms_1_hub', 'hosted_rooms_3_hubs', 'hosted_hubs_ratio', 'hosted_failover_ms'],
  async run(context) {
    const certificate = makeTestCertificate();
    // This process (projectors, failover writers) and the phones' processes trust it.
    setDefaultCACertificates([
      ...getCACertificates('default'),
      readFileSync(certificate.cert, 'utf8')
    ]);
    process.env['NODE_EXTRA_CA_CERTS'] = certificate.cert;
    const pool = new ParticipantPool(3);
    const oneDetails: Record<string, number | string> = { phones_per_room: phonesPerRoom };
    const threeDetails: Record<string, number | string> = { phones_per_room: phonesPerRoom };
    const results: MetricResult[] = [];
    // Every phone connects from 127.0.0.1: no per-address limit.
    const hubArgs = ['--connections-per-address', '0'];
    try {
      let one = 0;
      if (context.wanted.has('hosted_rooms_1_hub') || context.wanted.has('hosted_hubs_ratio')) {
        const stack = await startHostedStack({ hubs: 1, certificatePem: certificate.pem, hubArgs });
        try {
          one = await carried(stack, pool, context, 'one_hub', oneDetails);
        } finally {
          await stack.stop();
        }
        results.push({
          metric: 'hosted_rooms_1_hub',
          value: one,
          details: { ...oneDetails, participants: one * phonesPerRoom }
        });
      }
      const stack = await startHostedStack({ hubs: 3, certificatePem: certificate.pem, hubArgs });
      try {
        let three = 0;
        if (context.wanted.has('hosted_rooms_3_hubs') || context.wanted.has('hosted_hubs_ratio')) {
          three = await carried(stack, pool, context, 'three_hubs', threeDetails);
          results.push({
            metric: 'hosted_rooms_3_hubs',
            value: three,
            details: { ...threeDetails, participants: three * phonesPerRoom }
          });
          if (context.wanted.has('hosted_hubs_ratio'))
            results.push({
              metric: 'hosted_hubs_ratio',
              value: one > 0 ? Math.round((three / one) * 100) / 100 : null,
              note: 'phones, HAProxy, Postgres and the hubs share this machine’s cores: the ratio shows what a second and third hub add here, not on separate machines',
              details: { rooms_1_hub: one, rooms_3_hubs: three }
            });
        }
        if (context.wanted.has('hosted_failover_ms')) {
          context.log('failover: kill -9 the hub holding the most of 6 rooms');
          const ms = await failover(stack, context);
          context.log(`  rooms served again after ${round(ms)} ms`);
          results.push({ metric: 'hosted_failover_ms', value: round(ms) });
        }
      } finally {
        await stack.stop();
      }
      return results;
    } finally {
      pool.close();
    }
  }
};
