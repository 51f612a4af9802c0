// A process holding many simulated phones: each a real Y.Doc with its own HocuspocusProvider
// (own WebSocket, own awareness), logging in with a fresh challenge on every connect as
// RoomConnection does, and writing its ideas as a phone does: one signed entry per person and
// step (src/lib/model/signedRecords.ts), rewritten with each new idea. The phones do not check
// others' signatures or render anything: they are the load, the hub is what is measured.
// Started by ParticipantPool (bench/lib/participantPool.ts), driven over IPC.
import { HocuspocusProvider } from '@hocuspocus/provider';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { fetchLoginToken } from '../../src/lib/access/hubLogin.ts';
import { roomIdentity, type AuthorKey } from '../../src/lib/access/identity.ts';
import { claimedSeq } from '../../src/lib/model/flowRecords.ts';
import { entryKey, roots, type NoteItem } from '../../src/lib/model/records.ts';
import { signEntry } from '../../src/lib/model/signedRecords.ts';
import {
  timedNoteText,
  type FromParticipants,
  type NoteStep,
  type ToParticipants
} from './protocol.ts';
import { participantDevice } from './rooms.ts';

const joinBatch = 20;
/** A person's entry holds at most 100 ideas (model/records.ts). */
const maxIdeas = 100;

class Phone {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly provider: HocuspocusProvider;
  readonly synced: Promise<void>;
  #timer: NodeJS.Timeout | undefined;
  readonly #ideas: NoteItem[] = [];
  readonly #roomId: string;
  readonly #author: AuthorKey;
  readonly roomKey: string;
  readonly index: number;
  readonly step: NoteStep;

  constructor(url: string, roomKey: string, index: number, step: NoteStep) {
    this.roomKey = roomKey;
    this.index = index;
    this.step = step;
    const device = participantDevice(roomKey);
    this.#roomId = device.login.roomId;
    this.#author = roomIdentity(device.deviceSecret, this.#roomId).author(step.id);
    const presence = {
      id: device.presenceId,
      role: 'participant',
      name: index % 3 === 0 ? `Deelnemer ${index}` : undefined,
      peers: 0
    };
    this.awareness.setLocalState({ ...presence, hub: false });
    this.provider = new HocuspocusProvider({
      url: `${url.replace(/^http/, 'ws')}/sync/${this.#roomId}`,
      name: this.#roomId,
      token: () => fetchLoginToken(url, device.login),
      document: this.doc,
      awareness: this.awareness
    });
    this.synced = new Promise((resolve, reject) => {
      this.provider.on('synced', ({ state }: { state: boolean }) => {
        if (!state) return;
        // As RoomConnection does: tell the others this device reached the hub.
        this.awareness.setLocalState({ ...presence, hub: true });
        resolve();
      });
      this.provider.on('authenticationFailed', () => reject(new Error('refused by the relay')));
    });
  }

  /** Adds an idea now, carrying the send time: the phone's entry, signed again with it. */
  add(): boolean {
    const n = this.#ideas.length;
    if (n >= maxIdeas) return false;
    const sentAt = performance.timeOrigin + performance.now();
    const id = `b${this.index.toString(36)}x${n.toString(36)}`;
    const column = this.step.columns[n % this.step.columns.length] ?? '';
    this.#ideas.push([
      id,
      column,
      timedNoteText(sentAt, this.index + n),
      Math.floor(sentAt / 1000),
      n + 1
    ]);
    // The flow state this phone saw (its number): what makes an idea count after a lock.
    const at = Math.max(0, ...[...this.doc.getMap(roots.flow).keys()].map(claimedSeq));
    const record = signEntry(this.#roomId, this.step.id, this.#author, n + 1, at, {
      n: [...this.#ideas]
    });
    this.doc.getMap(roots.entries).set(entryKey(this.step.id, this.#author.id), record);
    return true;
  }

  /** Adds an idea every ~intervalMs (±20 %, first one at a random moment) until `until`. */
  addEvery(intervalMs: number, until: number, onSent: () => void): void {
    const next = (delay: number): void => {
      if (Date.now() + delay >= until) return;
      this.#timer = setTimeout(() => {
        if (this.add()) onSent();
        next(intervalMs * (0.8 + 0.4 * Math.random()));
      }, delay);
    };
    next(Math.random() * intervalMs);
  }

  destroy(): void {
    clearTimeout(this.#timer);
    this.provider.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

let phones: Phone[] = [];

function reply(message: FromParticipants): void {
  process.send?.(message);
}

async function handle(message: ToParticipants): Promise<void> {
  switch (message.type) {
    case 'join': {
      for (let start = 0; start < message.count; start += joinBatch) {
        const batch: Phone[] = [];
        for (let i = start; i < Math.min(start + joinBatch, message.count); i++) {
          const index = message.firstIndex + i;
          const roomKey = message.rooms[index % message.rooms.length];
          if (!roomKey) throw new Error('no rooms');
          batch.push(new Phone(message.url, roomKey, index, message.step));
        }
        phones.push(...batch);
        await Promise.all(batch.map((phone) => phone.synced));
      }
      reply({ type: 'joined', count: phones.length });
      return;
    }
    case 'add': {
      const until = Date.now() + message.durationMs;
      const sentByRoom: Record<string, number> = {};
      for (const phone of phones) {
        sentByRoom[phone.roomKey] ??= 0;
        phone.addEvery(message.intervalMs, until, () => {
          sentByRoom[phone.roomKey] = (sentByRoom[phone.roomKey] ?? 0) + 1;
        });
      }
      await new Promise((resolve) => setTimeout(resolve, message.durationMs));
      reply({ type: 'added', sentByRoom });
      return;
    }
    case 'leave': {
      for (const phone of phones) phone.destroy();
      phones = [];
      reply({ type: 'left' });
      return;
    }
  }
}

process.on('message', (message: ToParticipants) => {
  handle(message).catch((error: unknown) =>
    reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
  );
});
process.on('disconnect', () => process.exit(0));
