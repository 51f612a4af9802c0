import { parentPort, workerData } from 'node:worker_threads';
import { floodRoom, type FloodOptions } from './hubFlood.ts';

// Runs the flood on its own thread, so the phones measured meanwhile are not starved by it.
const report = await floodRoom(workerData as FloodOptions);
parentPort?.postMessage(report);
