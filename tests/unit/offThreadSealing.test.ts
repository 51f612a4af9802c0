import { afterEach, describe, expect, it } from 'vitest';
import {
  OffThreadSealing,
  offThreadFrom,
  type SealingPort
} from '../../src/lib/sync/offThreadSealing.ts';
import { answerSealing, runSealing, type SealingJob } from '../../src/lib/sync/sealing.ts';

/*
 * The page's side against a stand-in worker: a MessageChannel whose far end answers with the
 * worker's own function (src/lib/sync/sealing.worker.ts does only that), so the messages are
 * structured-cloned as between a page and its worker.
 */
const channels: MessageChannel[] = [];
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

function workerChannel(answer = true) {
  const channel = new MessageChannel();
  channels.push(channel);
  const received: SealingJob[] = [];
  channel.port2.onmessage = ({ data }: MessageEvent<SealingJob>) => {
    received.push(data);
    if (answer) channel.port2.postMessage(answerSealing(data));
  };
  channel.port1.start();
  const errorListeners: (() => void)[] = [];
  const port: SealingPort & { fail(): void } = {
    postMessage: (job) => channel.port1.postMessage(job),
    addEventListener: (type: 'message' | 'error', listener: (event: MessageEvent) => void) => {
      if (type === 'message') channel.port1.addEventListener('message', listener);
      else errorListeners.push(listener as () => void);
    },
    fail: () => errorListeners.forEach((listener) => listener())
  };
  return { port, received };
}

const key = new Uint8Array(32).fill(7);
const nonce = (fill: number) => new Uint8Array(24).fill(fill);
const board = (size: number) => Uint8Array.from({ length: size }, (_, index) => index % 251);

describe('sealing off the main thread', () => {
  it('seals and opens a large message in the worker, to the same bytes as on the page', async () => {
    const { port, received } = workerChannel();
    const sealing = new OffThreadSealing(port);
    const message = board(offThreadFrom * 4);
    const sealed = await sealing.run({ op: 'seal', key, nonce: nonce(1), bytes: message });
    expect(sealed).toEqual(runSealing({ op: 'seal', key, nonce: nonce(1), bytes: message }));
    expect(await sealing.run({ op: 'open', key, nonce: nonce(1), bytes: sealed })).toEqual(message);
    expect(received.map((job) => job.op)).toEqual(['seal', 'open']);
  });

  it('keeps small messages on the page', async () => {
    const { port, received } = workerChannel();
    const sealing = new OffThreadSealing(port);
    const sealed = await sealing.run({ op: 'seal', key, nonce: nonce(2), bytes: board(100) });
    expect(await sealing.run({ op: 'open', key, nonce: nonce(2), bytes: sealed })).toEqual(
      board(100)
    );
    expect(received).toEqual([]);
  });

  it('answers each of several jobs in flight with its own result', async () => {
    const { port } = workerChannel();
    const sealing = new OffThreadSealing(port);
    const messages = [1, 2, 3].map((n) => board(offThreadFrom + n));
    const sealed = await Promise.all(
      messages.map((bytes, n) => sealing.run({ op: 'seal', key, nonce: nonce(n), bytes }))
    );
    const opened = await Promise.all(
      sealed.map((bytes, n) => sealing.run({ op: 'open', key, nonce: nonce(n), bytes }))
    );
    expect(opened).toEqual(messages);
  });

  it('refuses a large message that was altered, as on the page', async () => {
    const { port } = workerChannel();
    const sealing = new OffThreadSealing(port);
    const sealed = await sealing.run({
      op: 'seal',
      key,
      nonce: nonce(3),
      bytes: board(offThreadFrom)
    });
    sealed.set([(sealed[10] ?? 0) ^ 1], 10);
    await expect(
      sealing.run({ op: 'open', key, nonce: nonce(3), bytes: sealed })
    ).rejects.toThrow();
  });

  it('when the worker fails to start, finishes its waiting jobs and later ones on the page', async () => {
    const { port, received } = workerChannel(false);
    const sealing = new OffThreadSealing(port);
    const message = board(offThreadFrom * 2);
    const waiting = sealing.run({ op: 'seal', key, nonce: nonce(4), bytes: message });
    port.fail();
    const expected = runSealing({ op: 'seal', key, nonce: nonce(4), bytes: message });
    expect(await waiting).toEqual(expected);
    expect(await sealing.run({ op: 'seal', key, nonce: nonce(4), bytes: message })).toEqual(
      expected
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received).toHaveLength(1);
  });
});
