import {
  Document,
  type beforeUnloadDocumentPayload,
  type Extension,
  type onLoadDocumentPayload
} from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { persistence } from '../../../src/hub/sync/persistence.ts';
import { openUpdateStore, type UpdateStore } from '../../../src/hub/sync/updateStore.ts';
import type { Prng } from './prng.ts';
import { FlowView, followFlow, type SessionSetup } from './session.ts';

/*
 * The simulated world of one fuzz case: devices with their own Y.Doc and "IndexedDB", a hub
 * whose document is a real Hocuspocus Document persisted by Kring's real persistence extension
 * in a real SQLite update store, and a network in between that the case drives step by step.
 *
 * Both of Kring's sync paths speak the y-protocols sync protocol (step 1 = state vector,
 * step 2 = missing updates, then updates), so every link here does too:
 *   - relay links (device ↔ hub) as Hocuspocus: the hub applies, persists, acks each step 2
 *     and update of a device, and broadcasts updates to the other devices. The device counts
 *     unacknowledged messages as HocuspocusProvider does (1 for the handshake, +1 per update,
 *     -1 per ack); when the count is 0, the device's screen shows "nothing waiting", and what
 *     its doc holds then is what its author "saw accepted".
 *   - peer links (device ↔ device) as y-webrtc: handshake and updates, no acks.
 * A device forwards updates between the paths as the providers do: y-webrtc sends every doc
 * update to every peer, HocuspocusProvider every update that did not come from the hub.
 *
 * The network delivers any in-flight message next (reordering within and across links), may
 * deliver a message twice, and drops a link's in-flight messages when the link goes down.
 */

/** A device index, or the hub. */
export type Endpoint = number | 'hub';

export type LinkKind = 'relay' | 'peer';

export interface Link {
  readonly key: string;
  readonly kind: LinkKind;
  readonly a: Endpoint;
  readonly b: Endpoint;
  open: boolean;
  /** Bumped each time the link opens; messages of an older session are never delivered. */
  session: number;
}

export type Payload =
  { readonly kind: 'sync'; readonly bytes: Uint8Array } | { readonly kind: 'ack' };

export interface InFlight {
  readonly id: number;
  readonly link: string;
  readonly session: number;
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly payload: Payload;
}

/** What a device keeps in IndexedDB: y-indexeddb appends each doc update. */
export interface DeviceStorage {
  /** Updates committed to IndexedDB. */
  flushed: Uint8Array[];
  /** Updates handed to IndexedDB whose transactions have not committed yet. */
  unflushed: Uint8Array[];
}

/** Transaction origins, as the providers set them. */
const fromRelay = Symbol('relay');
const fromPeers = Symbol('peers');
const fromStorage = Symbol('indexeddb');
/** Edits made on the device itself (LiveBoard's localOrigin). */
export const fromDevice = Symbol('device');

export class SimDevice {
  readonly index: number;
  /** The device token: survives reloads (localStorage), identifies "my notes". */
  readonly token: string;
  readonly facilitator: boolean;
  /** False for a device without IndexedDB (private window): it works in memory only. */
  readonly hasStorage: boolean;
  readonly storage: DeviceStorage = { flushed: [], unflushed: [] };
  doc: Y.Doc;
  incarnation = 0;
  online = true;
  /** HocuspocusProvider's unsyncedChanges on the current relay session. */
  unacked = 0;
  /** What the doc held each time the relay confirmed everything ("nothing waiting"). */
  readonly acceptedSnapshots: Y.Snapshot[] = [];
  /**
   * The hub's rules refused a message: Hocuspocus 4.7 then closes the room on that socket
   * (not the socket), and HocuspocusProvider never opens it again until the page reloads.
   */
  relayStuck = false;
  /** The flow this device's screen follows (guided cases only). */
  readonly flow = new FlowView();

  constructor(index: number, token: string, facilitator: boolean, hasStorage: boolean) {
    this.index = index;
    this.token = token;
    this.facilitator = facilitator;
    this.hasStorage = hasStorage;
    this.doc = new Y.Doc();
  }
}

export interface WorldOptions {
  readonly devices: number;
  readonly dataDir: string;
  readonly room: string;
  /** Compact the hub's rows after this many (small, so compaction runs often). */
  readonly compactAfter: number;
  /** Pairs of devices that can never reach each other directly (client isolation). */
  readonly isolatedPairs: ReadonlySet<string>;
  readonly devicesWithoutStorage: ReadonlySet<number>;
  /**
   * Links deliver in order, as WebSockets and WebRTC data channels do. Without it any
   * in-flight message may overtake any other, also on one link: a harsher network than any
   * real one, which the CRDT must survive as well.
   */
  readonly fifo: boolean;
  /** The hub's session guard, as the relay installs it on each room it loads. */
  readonly hubRules?: HubRules;
  /** The guided session every device follows; board-only cases have none. */
  readonly session?: SessionSetup;
}

/** What the simulated hub gives a connection's transactions as origin (Hocuspocus's shape). */
interface HubOrigin {
  readonly source: 'connection';
  readonly connection: { readonly webSocket: { close(): void }; readonly facilitator?: boolean };
}

/** The room as the hub knows it from a connection's credentials. */
export interface HubRoom {
  readonly roomId: string;
  readonly verifier: string;
}

/**
 * The hub's rules, installed on its document when it loads (sessionGuard.ts): they undo what
 * breaks a rule. `fromFacilitator` tells a facilitator's connection by a transaction's origin.
 */
export type HubRules = (
  hub: Y.Doc,
  room: HubRoom,
  fromFacilitator: (origin: unknown) => boolean,
  onRepair: (reason: string) => void
) => () => void;

/** A store whose writes can be made to fail, as a full or broken disk would. */
export interface FaultyStore extends UpdateStore {
  failing: boolean;
}

function faulty(store: UpdateStore): FaultyStore {
  const wrapped: FaultyStore = {
    failing: false,
    updates: (room) => store.updates(room),
    append(room, update) {
      if (wrapped.failing) throw new Error('simulated disk failure');
      store.append(room, update);
    },
    compact(room, merge) {
      if (wrapped.failing) throw new Error('simulated disk failure');
      return store.compact(room, merge);
    },
    count: (room) => store.count(room),
    get isOpen() {
      return store.isOpen;
    },
    close: () => store.close()
  };
  return wrapped;
}

export class SimHub {
  up = false;
  store: FaultyStore | undefined;
  document: Document | undefined;
  extension: Extension | undefined;
  incarnation = 0;
}

export class World {
  readonly rng: Prng;
  readonly options: WorldOptions;
  readonly devices: SimDevice[] = [];
  readonly hub = new SimHub();
  readonly links = new Map<string, Link>();
  inFlight: InFlight[] = [];
  /** Partition side of each device and of the hub; everyone on side 0 when healed. */
  readonly side: number[] = [];
  hubSide = 0;
  /** Human-readable trace of the case, printed when it fails. */
  readonly log: string[] = [];
  /** What the hub's persistence printed (write failures are expected during storage faults). */
  readonly hubErrors: string[] = [];
  /** Changes the hub's guard undid. */
  repairs = 0;
  /** How often each person's operation applied. */
  readonly operations: Record<string, number> = {};
  /** The step the case is at, for the record of what each device followed when. */
  now = 0;
  #nextMessage = 0;

  constructor(rng: Prng, options: WorldOptions) {
    this.rng = rng;
    this.options = options;
    for (let i = 0; i < options.devices; i++) {
      const device = new SimDevice(
        i,
        `device-${i}`,
        options.session ? options.session.facilitators.has(i) : i === 0,
        !options.devicesWithoutStorage.has(i)
      );
      this.devices.push(device);
      this.side.push(0);
      this.#bindDoc(device);
      this.#addLink({ key: `r${i}`, kind: 'relay', a: i, b: 'hub', open: false, session: 0 });
    }
    for (let i = 0; i < options.devices; i++) {
      for (let j = i + 1; j < options.devices; j++) {
        if (options.isolatedPairs.has(`${i}-${j}`)) continue;
        this.#addLink({ key: `p${i}-${j}`, kind: 'peer', a: i, b: j, open: false, session: 0 });
      }
    }
  }

  /** The room id and facilitator fingerprint the hub derives from each connection's token. */
  get hubRoom(): HubRoom {
    const session = this.options.session;
    return session
      ? { roomId: session.roomId, verifier: session.verifier }
      : { roomId: 'fuzz-room', verifier: 'fuzz' };
  }

  // ---- devices ---------------------------------------------------------------------------

  device(index: number): SimDevice {
    const device = this.devices[index];
    if (!device) throw new Error(`no device ${index}`);
    return device;
  }

  /** A fresh 32-bit client id from the case's generator, so conflict resolution is seeded. */
  #newDoc(): Y.Doc {
    const doc = new Y.Doc();
    doc.clientID = this.rng.uint32();
    return doc;
  }

  #bindDoc(device: SimDevice): void {
    const doc = this.#newDoc();
    device.doc = doc;
    if (device.hasStorage && device.storage.flushed.length > 0) {
      Y.applyUpdate(doc, Y.mergeUpdates(device.storage.flushed), fromStorage);
    }
    const session = this.options.session;
    if (session) followFlow(doc, device.flow, session, device.incarnation, () => this.now);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (doc !== device.doc) return;
      // y-indexeddb stores every update except the ones it loaded itself.
      if (device.hasStorage && origin !== fromStorage) device.storage.unflushed.push(update);
      for (const link of this.linksOf(device.index)) {
        if (!link.open) continue;
        if (link.kind === 'relay' && origin !== fromRelay) {
          device.unacked += 1;
          this.send(link, device.index, updateMessage(update));
        } else if (link.kind === 'peer') {
          // y-webrtc 10.3 sends every doc update to every peer, also what came from peers.
          this.send(link, device.index, updateMessage(update));
        }
      }
    });
  }

  /** IndexedDB commits what it was given. */
  flush(device: SimDevice): void {
    device.storage.flushed.push(...device.storage.unflushed);
    device.storage.unflushed = [];
  }

  /** y-indexeddb's trim: the whole state as one row in place of the log. */
  trim(device: SimDevice): void {
    if (!device.hasStorage) return;
    device.storage.flushed = [Y.encodeStateAsUpdate(device.doc)];
    device.storage.unflushed = [];
  }

  /**
   * The page reloads (or the browser is killed when `crash`): the links drop, IndexedDB keeps
   * what it committed, and a fresh doc (new client id) loads from it.
   */
  reload(device: SimDevice, crash: boolean): void {
    if (crash) device.storage.unflushed = [];
    else this.flush(device);
    // A flow state the device had not stored is gone until sync brings it back: its screen
    // may show an older one meanwhile.
    if (crash || !device.hasStorage) device.flow.epoch += 1;
    for (const link of this.linksOf(device.index)) this.close(link);
    const old = device.doc;
    device.incarnation += 1;
    device.relayStuck = false;
    this.#bindDoc(device);
    old.destroy();
  }

  setOnline(device: SimDevice, online: boolean): void {
    device.online = online;
    this.refreshLinks();
  }

  // ---- hub -------------------------------------------------------------------------------

  /** Starts the hub process: opens the database and loads the room, as Hocuspocus does. */
  async startHub(): Promise<void> {
    if (this.hub.up) return;
    const store = faulty(openUpdateStore(this.options.dataDir));
    const extension = persistence(store, { compactAfter: this.options.compactAfter });
    const document = new Document(this.options.room);
    // A Hocuspocus room's clientID never writes; seeded anyway for a reproducible trace.
    document.clientID = this.rng.uint32();
    await extension.onLoadDocument?.({
      document,
      documentName: this.options.room
    } as onLoadDocumentPayload);
    // After persistence, as in relay.ts: the guard's repairs are stored like any update.
    this.options.hubRules?.(
      document,
      this.hubRoom,
      (origin) => (origin as HubOrigin | null)?.connection?.facilitator === true,
      (reason) => {
        this.log.push(`  (the hub undid a change: ${reason})`);
        this.repairs += 1;
      }
    );
    document.on('update', (update: Uint8Array) => {
      if (document !== this.hub.document) return;
      // Hocuspocus sends every update to all of the room's connections, the sender's too.
      // That echo matters: when an update completes one the hub held back, the update event
      // carries both, and the sender has only its own part.
      for (const link of this.links.values()) {
        if (link.kind === 'relay' && link.open) this.send(link, 'hub', updateMessage(update));
      }
    });
    this.hub.store = store;
    this.hub.extension = extension;
    this.hub.document = document;
    this.hub.up = true;
    this.hub.incarnation += 1;
  }

  /**
   * Stops the hub. `graceful` is Ctrl-C (the room unloads and is compacted); otherwise it is
   * kill -9: whatever was committed stays, nothing else runs.
   */
  async stopHub(graceful: boolean): Promise<void> {
    if (!this.hub.up) return;
    this.hub.up = false;
    this.refreshLinks();
    const { document, extension, store } = this.hub;
    if (graceful && document && extension) {
      await extension.beforeUnloadDocument?.({ document } as beforeUnloadDocumentPayload);
    }
    document?.destroy();
    store?.close();
    this.hub.document = undefined;
    this.hub.extension = undefined;
    this.hub.store = undefined;
  }

  // ---- network ---------------------------------------------------------------------------

  #addLink(link: Link): void {
    this.links.set(link.key, link);
  }

  linksOf(index: number): Link[] {
    return [...this.links.values()].filter((link) => link.a === index || link.b === index);
  }

  /** Whether a link could be up now: both ends running and on the same side of a partition. */
  allowed(link: Link): boolean {
    const ends = [link.a, link.b];
    for (const end of ends) {
      if (end === 'hub') {
        if (!this.hub.up) return false;
      } else if (!this.device(end).online) return false;
    }
    if (link.kind === 'relay' && typeof link.a === 'number' && this.device(link.a).relayStuck) {
      return false;
    }
    const sideOf = (end: Endpoint): number =>
      end === 'hub' ? this.hubSide : (this.side[end] ?? 0);
    return sideOf(link.a) === sideOf(link.b);
  }

  /** Closes every open link that can no longer be up. */
  refreshLinks(): void {
    for (const link of this.links.values()) if (link.open && !this.allowed(link)) this.close(link);
  }

  /** Opens a link and starts its handshake: each side sends its state vector. */
  open(link: Link): void {
    if (link.open || !this.allowed(link)) return;
    link.open = true;
    link.session += 1;
    for (const end of [link.a, link.b]) {
      if (end !== 'hub' && link.kind === 'relay') this.device(end).unacked = 1;
      this.send(link, end, step1Message(this.docOf(end)));
    }
  }

  close(link: Link): void {
    if (!link.open) return;
    link.open = false;
    this.inFlight = this.inFlight.filter((message) => message.link !== link.key);
  }

  send(link: Link, from: Endpoint, payload: Payload): void {
    const to = link.a === from ? link.b : link.a;
    this.inFlight.push({
      id: this.#nextMessage++,
      link: link.key,
      session: link.session,
      from,
      to,
      payload
    });
  }

  docOf(end: Endpoint): Y.Doc {
    if (end !== 'hub') return this.device(end).doc;
    if (!this.hub.document) throw new Error('hub is down');
    return this.hub.document;
  }

  /**
   * The message that arrives when the network picks `message`: on an ordered link, the oldest
   * one still in flight in the same direction.
   */
  arriving(message: InFlight): InFlight {
    if (!this.options.fifo) return message;
    return (
      this.inFlight.find((other) => other.link === message.link && other.from === message.from) ??
      message
    );
  }

  /** Delivers one in-flight message; a duplicate stays in flight to arrive again later. */
  deliver(message: InFlight, duplicate: boolean): void {
    if (!duplicate) this.inFlight = this.inFlight.filter((other) => other !== message);
    const link = this.links.get(message.link);
    if (!link || !link.open || link.session !== message.session) return;
    if (message.to === 'hub') this.#hubReceives(link, message.payload);
    else this.#deviceReceives(this.device(message.to), link, message.payload);
  }

  #deviceReceives(device: SimDevice, link: Link, payload: Payload): void {
    if (payload.kind === 'ack') {
      if (device.unacked > 0) device.unacked -= 1;
      if (device.unacked === 0) device.acceptedSnapshots.push(Y.snapshot(device.doc));
      return;
    }
    const origin = link.kind === 'relay' ? fromRelay : fromPeers;
    const reply = encoding.createEncoder();
    syncProtocol.readSyncMessage(decoding.createDecoder(payload.bytes), reply, device.doc, origin);
    // The answer to a step 1 (the provider's reply is not counted as a change).
    if (encoding.length(reply) > 0 && link.open) {
      this.send(link, device.index, { kind: 'sync', bytes: encoding.toUint8Array(reply) });
    }
  }

  #hubReceives(link: Link, payload: Payload): void {
    const document = this.hub.document;
    if (payload.kind === 'ack' || !document) return;
    const session = link.session;
    // The origin Hocuspocus gives a connection's transactions; persistence closes its socket
    // when an update cannot be saved, which must stop the ack below.
    const device = typeof link.a === 'number' ? this.device(link.a) : undefined;
    const origin: HubOrigin = {
      source: 'connection',
      connection: { webSocket: { close: () => this.close(link) }, facilitator: device?.facilitator }
    };
    const reply = encoding.createEncoder();
    const type = syncProtocol.readSyncMessage(
      decoding.createDecoder(payload.bytes),
      reply,
      document,
      origin
    );
    if (!link.open || link.session !== session) return;
    if (encoding.length(reply) > 0) {
      this.send(link, 'hub', { kind: 'sync', bytes: encoding.toUint8Array(reply) });
    }
    // Hocuspocus acks a client's step 2 and each update once applied (SyncStatus).
    if (type !== syncProtocol.messageYjsSyncStep1) this.send(link, 'hub', { kind: 'ack' });
  }

  /** Lets scheduled work run (the hub's compaction is scheduled with setImmediate). */
  async settle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
  }

  async dispose(): Promise<void> {
    await this.stopHub(false);
    for (const device of this.devices) device.doc.destroy();
  }
}

function step1Message(doc: Y.Doc): Payload {
  const encoder = encoding.createEncoder();
  syncProtocol.writeSyncStep1(encoder, doc);
  return { kind: 'sync', bytes: encoding.toUint8Array(encoder) };
}

/** A y-protocols update message carrying `update`. */
export function updateMessage(update: Uint8Array): Payload {
  const encoder = encoding.createEncoder();
  syncProtocol.writeUpdate(encoder, update);
  return { kind: 'sync', bytes: encoding.toUint8Array(encoder) };
}

/** Describes a message for the trace. */
export function describeMessage(message: InFlight): string {
  const from = message.from === 'hub' ? 'hub' : `d${message.from}`;
  const to = message.to === 'hub' ? 'hub' : `d${message.to}`;
  if (message.payload.kind === 'ack') return `${from}→${to} ack`;
  const type = message.payload.bytes[0];
  const name = type === 0 ? 'step1' : type === 1 ? 'step2' : 'update';
  return `${from}→${to} ${name} ${message.payload.bytes.length}B`;
}
