import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { randomId } from '../../src/lib/domain/ids.ts';
import { fakeBuild } from './hubCrash.ts';
import type { FloodKind, FloodOptions, FloodReport } from './hubFlood.ts';
import { startHubProcess } from './hubProcess.ts';
import { newTestRoom } from './syncServer.ts';
import { addIdea, ideasOf, openDevice, ready, startSession } from './testDevice.ts';

/*
 * The long flood test: `npm run hub-flood -- --sockets 300 --messages 20000`. A real hub
 * process at its default limits is flooded from loopback while a phone and the facilitator's
 * laptop in another room keep passing ideas; reports the flood's rate, what the hub refused,
 * and how long the phone's ideas took to arrive meanwhile. Exit code 1 if the hub died or the
 * devices stopped syncing.
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
const until = async (done: () => boolean, what: string, timeoutMs = 30_000): Promise<void> => {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`${what} took over ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};
const receiver = openDevice({
  origin: hub.url,
  roomKey: room.roomKey,
  deviceSecret: randomId(),
  role: 'facilitator',
  facilitatorKey: room.facilitatorKey
});
await until(() => receiver.provider.isSynced, 'the laptop to sync');
startSession(receiver, room.facilitatorKey);
const sender = openDevice({ origin: hub.url, roomKey: room.roomKey, deviceSecret: randomId() });
await until(() => ready(sender), 'the phone to sync');

let flooding = true;
const latencies: number[] = [];
const pingPong = (async () => {
  // New ideas first, then edits of them (one person's entry holds at most 100 ideas).
  const ids: string[] = [];
  for (let round = 0; flooding; round++) {
    const text = `nog steeds hier ${round}`;
    const sent = performance.now();
    if (ids.length < 40) ids.push(addIdea(sender, text));
    else sender.must({ type: 'editNote', noteId: ids[round % ids.length] ?? '', text });
    await until(() => Object.values(ideasOf(receiver)).includes(text), 'an idea');
    latencies.push(performance.now() - sent);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
})();

let exitCode = 0;
try {
  const options: FloodOptions = {
    origin: hub.url,
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
    `meanwhile ${latencies.length} ideas went from the phone to the laptop: median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, ` +
      `max ${sorted.at(-1)?.toFixed(0)} ms`
  );
  // Still alive and serving after the flood.
  const after = newTestRoom();
  const check = openDevice({ origin: hub.url, roomKey: after.roomKey, deviceSecret: randomId() });
  const served = await until(() => check.provider.isSynced, 'a new room', 10_000).then(
    () => true,
    () => false
  );
  console.log(served ? 'hub still serves new rooms after the flood' : 'hub stopped serving');
  if (!served || latencies.length === 0) exitCode = 1;
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
