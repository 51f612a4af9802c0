import { HocuspocusProvider } from '@hocuspocus/provider';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { fetchLoginToken } from '../../src/lib/access/hubLogin.ts';
import { deriveRoomSecrets } from '../../src/lib/access/roomKeys.ts';
import { SessionRecords } from '../../src/lib/sync/SessionRecords.ts';
import { verifyNative } from '../../src/hub/sync/nodeVerify.ts';
import { sentAtOf } from './protocol.ts';
import { participantDevice } from './rooms.ts';

/**
 * The projector in a load test: a client on the same relay that reads the room through the
 * session's checked records (every signature verified, as a screen does) and notes, for every
 * timed idea it sees, how long ago it was sent (same machine, same clock).
 */
export class Projector {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly provider: HocuspocusProvider;
  readonly synced: Promise<void>;
  readonly #records: SessionRecords;
  readonly #seen = new Set<string>();
  #windowStart = Number.POSITIVE_INFINITY;
  #latencies: number[] = [];
  readonly #stop: () => void;

  constructor(url: string, roomKey: string) {
    const { login, presenceId } = participantDevice(roomKey);
    const { roomId, verifier } = deriveRoomSecrets(roomKey);
    this.awareness.setLocalState({ id: presenceId, role: 'projector', hub: false, peers: 0 });
    this.provider = new HocuspocusProvider({
      url: `${url.replace(/^http/, 'ws')}/sync/${roomId}`,
      name: roomId,
      token: () => fetchLoginToken(url, login),
      document: this.doc,
      awareness: this.awareness
    });
    this.#records = new SessionRecords(this.doc, { roomId, verifier, verifyNow: verifyNative });
    this.#stop = this.#records.subscribe((data) => {
      const now = performance.timeOrigin + performance.now();
      for (const step of data.entries.values()) {
        for (const entry of step.values()) {
          for (const [id, , text] of entry.data.n ?? []) {
            if (this.#seen.has(id)) continue;
            this.#seen.add(id);
            const sentAt = sentAtOf(text);
            if (sentAt !== undefined && sentAt >= this.#windowStart) {
              this.#latencies.push(now - sentAt);
            }
          }
        }
      }
    });
    this.synced = new Promise((resolve, reject) => {
      this.provider.on('synced', ({ state }: { state: boolean }) => {
        if (state) resolve();
      });
      this.provider.on('authenticationFailed', () => reject(new Error('refused by the relay')));
    });
  }

  /** From now on, record the latency of every idea sent from now on. */
  startWindow(): void {
    this.#windowStart = performance.timeOrigin + performance.now();
    this.#latencies = [];
  }

  get latencies(): readonly number[] {
    return this.#latencies;
  }

  /** Waits until `expected` ideas of the window have arrived, or `timeoutMs` passed. */
  async drain(expected: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.#latencies.length < expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  destroy(): void {
    this.#stop();
    this.#records.destroy();
    this.provider.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
