// A process holding many simulated phones, logging in with a fresh challenge on every connect
// as RoomConnection does, and writing their ideas as a phone does: one signed entry per person
// and step (src/lib/model/signedRecords.ts), rewritten with each new idea. They do not check
// others' signatures or render anything: they are the load, the hub is what is measured.
//  - Full phones: a real Y.Doc each with its own HocuspocusProvider (own WebSocket, own
//    awareness), applying everything the room sends.
//  - Light phones (`light`, for the hub's capacity): a raw WebSocket each, speaking the sync
//    protocol (login, sync steps, awareness, updates), with a Y.Doc of their own writes only.
//    Each prepares (signs and encodes) its next update right after sending one, so sending is
//    one socket write, and reads nothing of what the room sends once it has synced: on one
//    machine, phones that apply every note of a room of 250 run out of CPU long before the hub.
// Started by ParticipantPool (bench/lib/participantPool.ts), driven over IPC.
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket, type RawData } from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { fetchLoginToken } from '../../src/lib/access/hubLogin.ts';
import { roomIdentity, type AuthorKey } from '../../src/lib/access/identity.ts';
import { claimedSeq } from '../../src/lib/model/flowRecords.ts';
import { entryKey, roots, type NoteItem } from '../../src/lib/model/records.ts';
import { signEntry } from '../../src/lib/model/signedRecords.ts';
import {
  noteText,
  type FromParticipants,
  type NoteStep,
  type Sent,
  type ToParticipants
} from './protocol.ts';
import { participantDevice, type Device } from './rooms.ts';

const joinBatch = 20;
/** A person's entry holds at most 100 ideas (model/records.ts). */
const maxIdeas = 100;

const now = (): number => performance.timeOrigin + performance.now();

interface SimulatedPhone {
  readonly roomKey: string;
  readonly synced: Promise<void>;
  /** Sends the next idea now; undefined when this person has no more to give. */
  add(): Sent | undefined;
  destroy(): void;
}

/** A person's ideas for one step, as the signed entry that holds them all. */
class Entry {
  readonly #ideas: NoteItem[] = [];
  readonly #roomId: string;
  readonly #author: AuthorKey;
  readonly #index: number;
  readonly #step: NoteStep;

  constructor(device: Device, index: number, step: NoteStep) {
    this.#roomId = device.login.roomId;
    this.#author = roomIdentity(device.deviceSecret, this.#roomId).author(step.id);
    this.#index = index;
    this.#step = step;
  }

  /** Writes the entry with one more idea into `doc`; returns the idea's id (none when full). */
  addTo(doc: Y.Doc, at: number): string | undefined {
    const n = this.#ideas.length;
    if (n >= maxIdeas) return undefined;
    const id = `b${this.#index.toString(36)}x${n.toString(36)}`;
    const column = this.#step.columns[n % this.#step.columns.length] ?? '';
    this.#ideas.push([id, column, noteText(this.#index + n), Math.floor(now() / 1000), n + 1]);
    const record = signEntry(this.#roomId, this.#step.id, this.#author, n + 1, at, {
      n: [...this.#ideas]
    });
    doc.getMap(roots.entries).set(entryKey(this.#step.id, this.#author.id), record);
    return id;
  }
}

function presence(device: Device, index: number, hub: boolean) {
  return {
    id: device.presenceId,
    role: 'participant',
    name: index % 3 === 0 ? `Deelnemer ${index}` : undefined,
    peers: 0,
    hub
  };
}

class Phone implements SimulatedPhone {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly provider: HocuspocusProvider;
  readonly synced: Promise<void>;
  readonly roomKey: string;
  readonly #entry: Entry;

  constructor(url: string, roomKey: string, index: number, step: NoteStep) {
    this.roomKey = roomKey;
    const device = participantDevice(roomKey);
    const roomId = device.login.roomId;
    this.#entry = new Entry(device, index, step);
    this.awareness.setLocalState(presence(device, index, false));
    this.provider = new HocuspocusProvider({
      url: `${url.replace(/^http/, 'ws')}/sync/${roomId}`,
      name: roomId,
      token: () => fetchLoginToken(url, device.login),
      document: this.doc,
      awareness: this.awareness
    });
    this.synced = new Promise((resolve, reject) => {
      this.provider.on('synced', ({ state }: { state: boolean }) => {
        if (!state) return;
        // As RoomConnection does: tell the others this device reached the hub.
        this.awareness.setLocalState(presence(device, index, true));
        resolve();
      });
      this.provider.on('authenticationFailed', () => reject(new Error('refused by the relay')));
    });
  }

  add(): Sent | undefined {
    const sentAt = now();
    // The flow state this phone saw (its number): what makes an idea count after a lock.
    const at = Math.max(0, ...[...this.doc.getMap(roots.flow).keys()].map(claimedSeq));
    const id = this.#entry.addTo(this.doc, at);
    return id === undefined ? undefined : [id, sentAt];
  }

  destroy(): void {
    this.provider.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

// The sync protocol as Hocuspocus frames it: the document name, then the message type.
const sync = 0;
const awarenessMessage = 1;
const auth = 2;
const syncStep1 = 0;
const syncStep2 = 1;
const syncUpdate = 2;
const authToken = 0;
const authDenied = 1;
const emptyUpdate = Y.encodeStateAsUpdate(new Y.Doc());

function frame(room: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, room);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

class LightPhone implements SimulatedPhone {
  readonly roomKey: string;
  readonly synced: Promise<void>;
  /** This phone's own writes only: what its next update is computed against. */
  readonly #doc = new Y.Doc();
  readonly #entry: Entry;
  readonly #roomId: string;
  readonly #device: Device;
  readonly #index: number;
  #socket: WebSocket | undefined;
  #next: { readonly id: string; readonly message: Uint8Array } | undefined;
  #awarenessClock = 0;
  #closed = false;

  constructor(url: string, roomKey: string, index: number, step: NoteStep) {
    this.roomKey = roomKey;
    this.#device = participantDevice(roomKey);
    this.#roomId = this.#device.login.roomId;
    this.#index = index;
    this.#entry = new Entry(this.#device, index, step);
    this.synced = this.#connect(url).then(() => this.#prepare());
  }

  async #connect(url: string): Promise<void> {
    const token = await fetchLoginToken(url, this.#device.login);
    const room = this.#roomId;
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/sync/${room}`, {
      perMessageDeflate: false
    });
    this.#socket = socket;
    await new Promise<void>((resolve, reject) => {
      let done = false;
      const fail = (why: string): void => {
        if (!done) reject(new Error(why));
        done = true;
      };
      socket.on('error', (error) => fail(error.message));
      socket.on('close', () => fail('closed before it synced'));
      socket.on('open', () => {
        socket.send(
          frame(room, (e) => {
            encoding.writeVarUint(e, auth);
            encoding.writeVarUint(e, authToken);
            encoding.writeVarString(e, token);
          })
        );
        socket.send(
          frame(room, (e) => {
            encoding.writeVarUint(e, sync);
            encoding.writeVarUint(e, syncStep1);
            encoding.writeVarUint8Array(e, Y.encodeStateVector(this.#doc));
          })
        );
        this.#sendPresence(false);
      });
      socket.on('message', (data: RawData) => {
        if (done) return;
        const decoder = decoding.createDecoder(new Uint8Array(data as Buffer));
        decoding.readVarString(decoder);
        const type = decoding.readVarUint(decoder);
        const sub = decoding.readVarUint(decoder);
        if (type === auth && sub === authDenied) fail('refused by the relay');
        // The room's first sync step: this phone has nothing the room lacks yet.
        if (type === sync && sub === syncStep1) {
          socket.send(
            frame(room, (e) => {
              encoding.writeVarUint(e, sync);
              encoding.writeVarUint(e, syncStep2);
              encoding.writeVarUint8Array(e, emptyUpdate);
            })
          );
        }
        if (type === sync && sub === syncStep2) {
          done = true;
          // As RoomConnection does: tell the others this device reached the hub.
          this.#sendPresence(true);
          resolve();
        }
      });
    });
  }

  /** Awareness as y-protocols encodes it: one client, its clock, its state as JSON. */
  #sendPresence(hub: boolean): void {
    this.#awarenessClock += 1;
    const state = JSON.stringify(presence(this.#device, this.#index, hub));
    this.#socket?.send(
      frame(this.#roomId, (e) => {
        encoding.writeVarUint(e, awarenessMessage);
        const inner = encoding.createEncoder();
        encoding.writeVarUint(inner, 1);
        encoding.writeVarUint(inner, this.#doc.clientID);
        encoding.writeVarUint(inner, this.#awarenessClock);
        encoding.writeVarString(inner, state);
        encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
      })
    );
  }

  /** Renews this phone's presence, as y-protocols does every 15 s (and keeps the socket alive). */
  renewPresence(): void {
    if (!this.#closed && this.#socket?.readyState === WebSocket.OPEN) this.#sendPresence(true);
  }

  /** Signs and encodes the next idea's update, to be sent when its moment comes. */
  #prepare(): void {
    let update: Uint8Array | undefined;
    const capture = (bytes: Uint8Array): void => {
      update = bytes;
    };
    this.#doc.on('update', capture);
    const id = this.#entry.addTo(this.#doc, 0);
    this.#doc.off('update', capture);
    if (id === undefined || !update) return;
    const bytes = update;
    this.#next = {
      id,
      message: frame(this.#roomId, (e) => {
        encoding.writeVarUint(e, sync);
        encoding.writeVarUint(e, syncUpdate);
        encoding.writeVarUint8Array(e, bytes);
      })
    };
  }

  add(): Sent | undefined {
    const next = this.#next;
    if (!next || this.#closed || this.#socket?.readyState !== WebSocket.OPEN) return undefined;
    const sentAt = now();
    this.#socket?.send(next.message);
    this.#next = undefined;
    setImmediate(() => this.#prepare());
    return [next.id, sentAt];
  }

  destroy(): void {
    this.#closed = true;
    this.#socket?.close();
    this.#doc.destroy();
  }
}

/** Adds an idea every ~intervalMs (±20 %, the first at a random moment) until `until`. */
function addEvery(
  phone: SimulatedPhone,
  intervalMs: number,
  until: number,
  onSent: (sent: Sent) => void
): () => void {
  let timer: NodeJS.Timeout | undefined;
  const next = (delay: number): void => {
    if (Date.now() + delay >= until) return;
    timer = setTimeout(() => {
      const sent = phone.add();
      if (sent) onSent(sent);
      next(intervalMs * (0.8 + 0.4 * Math.random()));
    }, delay);
  };
  next(Math.random() * intervalMs);
  return () => clearTimeout(timer);
}

let phones: SimulatedPhone[] = [];
let stops: (() => void)[] = [];
const renewal = setInterval(() => {
  for (const phone of phones) if (phone instanceof LightPhone) phone.renewPresence();
}, 15_000);
renewal.unref();

function reply(message: FromParticipants): void {
  process.send?.(message);
}

async function handle(message: ToParticipants): Promise<void> {
  switch (message.type) {
    case 'join': {
      const Kind = message.light ? LightPhone : Phone;
      for (let start = 0; start < message.count; start += joinBatch) {
        const batch: SimulatedPhone[] = [];
        for (let i = start; i < Math.min(start + joinBatch, message.count); i++) {
          const index = message.firstIndex + i;
          const roomKey = message.rooms[index % message.rooms.length];
          if (!roomKey) throw new Error('no rooms');
          batch.push(new Kind(message.url, roomKey, index, message.step));
        }
        phones.push(...batch);
        await Promise.all(batch.map((phone) => phone.synced));
      }
      reply({ type: 'joined', count: phones.length });
      return;
    }
    case 'add': {
      const until = Date.now() + message.durationMs;
      const sent: Record<string, Sent[]> = {};
      for (const phone of phones) {
        const mine = (sent[phone.roomKey] ??= []);
        stops.push(addEvery(phone, message.intervalMs, until, (note) => mine.push(note)));
      }
      await new Promise((resolve) => setTimeout(resolve, message.durationMs));
      reply({ type: 'added', sent });
      return;
    }
    case 'leave': {
      for (const stop of stops) stop();
      for (const phone of phones) phone.destroy();
      phones = [];
      stops = [];
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
