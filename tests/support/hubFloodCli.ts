import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { randomId } from '../../src/lib/domain/ids.ts';
import { insertNote } from '../../src/lib/sync/boardDoc.ts';
import { fakeBuild } from './hubCrash.ts';
import type { FloodKind, FloodOptions, FloodReport } from './hubFlood.ts';
import { startHubProcess } from './hubProcess.ts';
import { newTestRoom } from './syncServer.ts';

/*
 * The long flood test: `npm run hub-flood -- --sockets 300 --messages 20000`. A real hub
 * process at its default limits is flooded from loopback while two phones in another room
 * keep passing notes; reports the flood's rate, what the hub refused, and how long the phones'
 * notes took to arrive meanwhile. Exit code 1 if the hub died or the phones stopped syncing.
 */

const { values } = parseArgs({
  options: {
    sockets: { type: 'string', default: '300' },
    messages: { type: 'string', default: '20000' },
    kinds: { type: 'string', default: 'query,garbage,text,signal' }
  }
});

const dir = mkdtempSync(join(tmpdir(), 'kring-flood-'));
const hub = await startHubProcess({
  args: ['--data-dir', join(dir, 'data')],
  env: { KRING_BUILD_DIR: fakeBuild(dir) }
});
const room = newTestRoom();
const phone = (): HocuspocusProvider =>
  new HocuspocusProvider({
    url: `ws://127.0.0.1:${hub.port}/sync`,
    name: room.roomId,
    token: room.facilitator
  });
const sender = phone();
const receiver = phone();

let flooding = true;
const latencies: number[] = [];
const notes = receiver.document.getMap('notes');
const pingPong = (async () => {
  while (flooding) {
    const id = randomId();
    const sent = performance.now();
    insertNote(sender.document, {
      id,
      step: 's1',
      column: 'c1',
      text: 'nog steeds hier',
      colour: 'yellow',
      author: 'fac',
      position: 1,
      created: Date.now()
    });
    while (!notes.has(id)) {
      if (performance.now() - sent > 30_000) throw new Error('a note took over 30 s to arrive');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    latencies.push(performance.now() - sent);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
})();

let exitCode = 0;
try {
  const options: FloodOptions = {
    url: `ws://127.0.0.1:${hub.port}`,
    sockets: Number(values.sockets),
    messagesPerSocket: Number(values.messages),
    kinds: values.kinds.split(',') as FloodKind[]
  };
  const worker = new Worker(new URL('./hubFloodWorker.ts', import.meta.url), {
    workerData: options
  });
  const report = await new Promise<FloodReport>((resolve, reject) => {
    worker.once('message', (message: FloodReport) => resolve(message));
    worker.once('error', reject);
  });
  await worker.terminate();
  flooding = false;
  await pingPong;
  const seconds = report.durationMs / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `flood: ${report.messagesSent} messages (${(report.bytesSent / 1024 / 1024).toFixed(1)} MiB) from ${values.sockets} sockets in ${seconds.toFixed(1)} s ` +
      `= ${Math.round(report.messagesSent / seconds)} messages/s offered`
  );
  console.log(
    `hub refused ${report.refusedConnections} connections (too many from the address), ` +
      `closed ${report.closedForRate} for sending too fast, ${report.closedOther} for garbage or other reasons`
  );
  console.log(
    `meanwhile ${latencies.length} notes went phone to phone: median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, ` +
      `max ${sorted.at(-1)?.toFixed(0)} ms`
  );
  // Still alive and serving after the flood.
  const after = newTestRoom();
  const check = new HocuspocusProvider({
    url: `ws://127.0.0.1:${hub.port}/sync`,
    name: after.roomId,
    token: after.facilitator
  });
  const deadline = Date.now() + 10_000;
  while (!check.isSynced && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  console.log(
    check.isSynced ? 'hub still serves new rooms after the flood' : 'hub stopped serving'
  );
  if (!check.isSynced || latencies.length === 0) exitCode = 1;
  check.destroy();
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  flooding = false;
  sender.destroy();
  receiver.destroy();
  await hub.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = exitCode;
