// A process holding many simulated phones: each a real Y.Doc with Kring's board code and its
// own HocuspocusProvider (own WebSocket, own awareness), as RoomConnection opens the relay.
// Started by ParticipantPool (bench/lib/participantPool.ts), driven over IPC.
import { HocuspocusProvider } from '@hocuspocus/provider';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { noteColours } from '../../src/lib/domain/board.ts';
import { randomId } from '../../src/lib/domain/ids.ts';
import { insertNote } from '../../src/lib/sync/boardDoc.ts';
import {
  timedNoteText,
  type FromParticipants,
  type NoteStep,
  type ToParticipants
} from './protocol.ts';
import { participantDevice } from './rooms.ts';

const joinBatch = 20;

class Phone {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly device: string;
  readonly provider: HocuspocusProvider;
  readonly synced: Promise<void>;
  #timer: NodeJS.Timeout | undefined;
  #added = 0;
  readonly roomKey: string;
  readonly index: number;
  readonly step: NoteStep;

  constructor(url: string, roomKey: string, index: number, step: NoteStep) {
    this.roomKey = roomKey;
    this.index = index;
    this.step = step;
    const { ticket, author, presenceId } = participantDevice(roomKey);
    this.device = author;
    const presence = {
      id: presenceId,
      role: 'participant',
      name: index % 3 === 0 ? `Deelnemer ${index}` : undefined,
      peers: 0
    };
    this.awareness.setLocalState({ ...presence, hub: false });
    this.provider = new HocuspocusProvider({
      url: `${url.replace(/^http/, 'ws')}/sync/${ticket.name}`,
      name: ticket.name,
      token: ticket.token,
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

  /** Adds a note now, carrying the send time. */
  add(): void {
    const n = this.#added++;
    const sentAt = performance.timeOrigin + performance.now();
    this.doc.transact(() =>
      insertNote(this.doc, {
        id: randomId(),
        step: this.step.id,
        column: this.step.columns[n % this.step.columns.length] ?? '',
        text: timedNoteText(sentAt, this.index + n),
        colour: noteColours[this.index % noteColours.length] ?? 'yellow',
        author: this.device,
        authorName: this.index % 3 === 0 ? `Deelnemer ${this.index}` : undefined,
        position: n + 1,
        created: Math.round(sentAt)
      })
    );
  }

  /** Adds a note every ~intervalMs (±20 %, first one at a random moment) until `until`. */
  addEvery(intervalMs: number, until: number, onSent: () => void): void {
    const next = (delay: number): void => {
      if (Date.now() + delay >= until) return;
      this.#timer = setTimeout(() => {
        this.add();
        onSent();
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
