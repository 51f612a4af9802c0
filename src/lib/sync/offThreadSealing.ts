/*
 * Runs large sealing jobs in a worker, so that sending or receiving a whole board over the
 * browser's other tabs costs the page no long frame (npm run bench: present_longest_frame_ms).
 * When no worker can run (Node, or a worker that fails to load), jobs run on the page as before:
 * the same bytes either way.
 */
import { runSealing, type SealingAnswer, type SealingJob } from './sealing.ts';

/** Below this many bytes a job runs at once on the page: the worker's round trip costs more. */
export const offThreadFrom = 4 * 1024;

/** The worker's side that this module needs; a MessagePort does as well (unit tests). */
export type SealingPort = {
  postMessage(job: SealingJob): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<SealingAnswer>) => void): void;
  addEventListener(type: 'error', listener: () => void): void;
};

type Waiting = { job: SealingJob; resolve(bytes: Uint8Array): void; reject(error: Error): void };

export class OffThreadSealing {
  readonly #port: SealingPort;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;
  #broken = false;

  constructor(port: SealingPort) {
    this.#port = port;
    port.addEventListener('message', ({ data }) => this.#answered(data));
    // A worker that cannot start (blocked, or its file missing offline) leaves its jobs here.
    port.addEventListener('error', () => this.#breakDown());
  }

  run(job: Omit<SealingJob, 'id'>): Promise<Uint8Array> {
    if (this.#broken || job.bytes.length < offThreadFrom) return settle(job);
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      const full = { ...job, id };
      this.#waiting.set(id, { job: full, resolve, reject });
      this.#port.postMessage(full);
    });
  }

  #answered(answer: SealingAnswer): void {
    const waiting = this.#waiting.get(answer.id);
    if (!waiting) return;
    this.#waiting.delete(answer.id);
    if ('bytes' in answer) waiting.resolve(answer.bytes);
    else waiting.reject(new Error(answer.error));
  }

  #breakDown(): void {
    this.#broken = true;
    const waiting = [...this.#waiting.values()];
    this.#waiting.clear();
    for (const { job, resolve, reject } of waiting) settle(job).then(resolve, reject);
  }
}

function settle(job: Omit<SealingJob, 'id'>): Promise<Uint8Array> {
  try {
    return Promise.resolve(runSealing(job));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** This page's one sealing worker; null where none can run. */
let shared: OffThreadSealing | null | undefined;

function sealingWorker(): OffThreadSealing | null {
  if (shared !== undefined) return shared;
  try {
    shared = new OffThreadSealing(
      new Worker(new URL('./sealing.worker.ts', import.meta.url), { type: 'module' })
    );
  } catch {
    shared = null;
  }
  return shared;
}

/** Seals or opens a message: large ones in the page's sealing worker where there is one. */
export function sealOrOpen(job: Omit<SealingJob, 'id'>): Promise<Uint8Array> {
  if (job.bytes.length < offThreadFrom || typeof Worker === 'undefined') return settle(job);
  return sealingWorker()?.run(job) ?? settle(job);
}
