import { HocuspocusProvider } from '@hocuspocus/provider';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { observeNotes } from '../../src/lib/sync/boardDoc.ts';
import { sentAtOf } from './protocol.ts';
import { participantDevice } from './rooms.ts';

/**
 * The projector in a load test: a client on the same relay that notes, for every timed note
 * it sees, how long ago it was sent (same machine, same clock).
 */
export class Projector {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly provider: HocuspocusProvider;
  readonly synced: Promise<void>;
  readonly #seen = new Set<string>();
  #windowStart = Number.POSITIVE_INFINITY;
  #latencies: number[] = [];
  readonly #stop: () => void;

  constructor(url: string, roomKey: string) {
    const { ticket, presenceId } = participantDevice(roomKey);
    this.awareness.setLocalState({ id: presenceId, role: 'projector', hub: false, peers: 0 });
    this.provider = new HocuspocusProvider({
      url: `${url.replace(/^http/, 'ws')}/sync/${ticket.name}`,
      name: ticket.name,
      token: ticket.token,
      document: this.doc,
      awareness: this.awareness
    });
    this.#stop = observeNotes(this.doc, (ids) => {
      const now = performance.timeOrigin + performance.now();
      for (const id of ids) {
        if (this.#seen.has(id)) continue;
        this.#seen.add(id);
        // The raw field, not readNote(): this measures transport, whatever else a note holds.
        const text = this.doc.getMap<Y.Map<unknown>>('notes').get(id)?.get('text');
        const sentAt = typeof text === 'string' ? sentAtOf(text) : undefined;
        if (sentAt !== undefined && sentAt >= this.#windowStart) this.#latencies.push(now - sentAt);
      }
    });
    this.synced = new Promise((resolve, reject) => {
      this.provider.on('synced', ({ state }: { state: boolean }) => {
        if (state) resolve();
      });
      this.provider.on('authenticationFailed', () => reject(new Error('refused by the relay')));
    });
  }

  /** From now on, record the latency of every note sent from now on. */
  startWindow(): void {
    this.#windowStart = performance.timeOrigin + performance.now();
    this.#latencies = [];
  }

  get latencies(): readonly number[] {
    return this.#latencies;
  }

  /** Waits until `expected` notes of the window have arrived, or `timeoutMs` passed. */
  async drain(expected: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.#latencies.length < expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  destroy(): void {
    this.#stop();
    this.provider.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
