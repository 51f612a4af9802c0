import { HocuspocusProvider } from '@hocuspocus/provider';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { fetchLoginToken } from '../../src/lib/access/hubLogin.ts';
import { deriveRoomSecrets } from '../../src/lib/access/roomKeys.ts';
import { SessionRecords } from '../../src/lib/sync/SessionRecords.ts';
import { verifyNative } from '../../src/hub/sync/nodeVerify.ts';
import type { Sent } from './protocol.ts';
import { participantDevice } from './rooms.ts';

/**
 * The projector in a load test: a client on the same relay that reads the room through the
 * session's checked records (every signature verified, as a screen does) and notes when it
 * first saw each idea (same machine, same clock as the phones that sent them).
 */
export class Projector {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly provider: HocuspocusProvider;
  readonly synced: Promise<void>;
  readonly #records: SessionRecords;
  /** When each idea was first seen (ms since the epoch). */
  readonly #seenAt = new Map<string, number>();
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
          for (const [id] of entry.data.n ?? []) {
            if (!this.#seenAt.has(id)) this.#seenAt.set(id, now);
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

  /** How long after it was sent each of these ideas was seen (infinite: never seen). */
  latencies(sent: readonly Sent[]): number[] {
    return sent.map(([id, sentAt]) => (this.#seenAt.get(id) ?? Number.POSITIVE_INFINITY) - sentAt);
  }

  /** Waits until all these ideas have arrived, or `timeoutMs` passed. */
  async drain(sent: readonly Sent[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (sent.some(([id]) => !this.#seenAt.has(id)) && Date.now() < deadline) {
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
