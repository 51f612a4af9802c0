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
import { guardSession } from '../../../src/hub/sync/sessionGuard.ts';
import { persistence } from '../../../src/hub/sync/persistence.ts';
import { openUpdateStore, type UpdateStore } from '../../../src/hub/sync/updateStore.ts';
import type { RoomIdentity } from '../../../src/lib/access/identity.ts';
import type { VerifyNow } from '../../../src/lib/access/signatures.ts';
import { SessionClient } from '../../../src/lib/sync/SessionClient.ts';
import { SessionRecords } from '../../../src/lib/sync/SessionRecords.ts';
import type { Ledger } from './ledger.ts';
import type { Prng } from './prng.ts';
import type { Role, SessionSetup } from './session.ts';

/*
 * The simulated world of one fuzz case: devices, each a real SessionRecords and SessionClient
 * on its own Y.Doc with its own "IndexedDB"; a hub whose document is a real Hocuspocus Document
 * persisted by Kring's real persistence extension in a real SQLite update store and watched by
 * the real session guard (as relay.ts installs them); and a network in between that the case
 * drives step by step.
 *
 * Both of Kring's sync paths speak the y-protocols sync protocol (step 1 = state vector,
 * step 2 = missing updates, then updates), so every link here does too:
 *   - relay links (device ↔ hub) as Hocuspocus: the hub applies, persists, acks each step 2
 *     and update of a device, and broadcasts updates to every device, the sender too. The
 *     device counts unacknowledged messages as HocuspocusProvider does (1 for the handshake,
 *     +1 per update, -1 per ack); when the count is 0 its screen shows "nothing waiting", and
 *     what its doc holds then is what its owner saw accepted.
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
/** What a device's SessionClient writes (LiveSession's localOrigin). */
export const fromDevice = Symbol('device');
/** What a modified app writes straight into its doc. */
export const fromHostile = Symbol('hostile');

/** When an honest device writes back a record a modified app overwrote (SessionRecords.repair). */
export type RepairMode = 'always' | 'offHub';

export type StateVector = Map<number, number>;

export function stateVector(doc: Y.Doc): StateVector {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

/** Whether a state vector covers an item. */
export function covers(vector: ReadonlyMap<number, number>, id: Y.ID): boolean {
  return id.clock < (vector.get(id.client) ?? 0);
}

function minVector(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): StateVector {
  const out: StateVector = new Map();
  for (const [client, clock] of a) out.set(client, Math.min(clock, b.get(client) ?? 0));
  return out;
}

export class SimDevice {
  readonly index: number;
  readonly role: Role;
  /** False for a device without IndexedDB (private window): it works in memory only. */
  readonly hasStorage: boolean;
  readonly repairMode: RepairMode;
  readonly storage: DeviceStorage = { flushed: [], unflushed: [] };
  doc: Y.Doc;
  records!: SessionRecords;
  client!: SessionClient;
  incarnation = 0;
  online = true;
  /** HocuspocusProvider's unsyncedChanges on the current relay session. */
  unacked = 0;
  /**
   * HocuspocusProvider's `synced` on the current relay session: the hub's sync step 2 came in,
   * or it confirmed everything. The app counts the hub as there ("connected") from then on.
   */
  hubSynced = false;
  /**
   * Its own writes its owner saw accepted, per incarnation (a doc's client id): what it had
   * written each time the hub confirmed everything (while the hub lives, see World), or
   * IndexedDB committed.
   */
  readonly accepted: StateVector = new Map();
  /** Records this device wrote back (SessionRecords.repair), over all its incarnations. */
  repairs = 0;
  /**
   * Its own writes it lost itself (crashed before IndexedDB committed them, or reloaded
   * without IndexedDB): per client id, the clocks from..to. Others may give them back.
   */
  readonly lost: { readonly client: number; readonly from: number; readonly to: number }[] = [];

  constructor(index: number, role: Role, hasStorage: boolean, repair: RepairMode) {
    this.index = index;
    this.role = role;
    this.hasStorage = hasStorage;
    this.repairMode = repair;
    this.doc = new Y.Doc({ guid: 'fuzz' });
  }

  get honest(): boolean {
    return this.role !== 'hostile';
  }

  get name(): string {
    return `d${this.index}`;
  }
}

export type HubMode = 'normal' | 'diesForGood' | 'none';

export interface WorldOptions {
  readonly setup: SessionSetup;
  readonly dataDir: string;
  /** Compact the hub's rows after this many (small, so compaction runs often). */
  readonly compactAfter: number;
  /** Pairs of devices that can never reach each other directly (client isolation). */
  readonly isolatedPairs: ReadonlySet<string>;
  readonly devicesWithoutStorage: ReadonlySet<number>;
  readonly repairModes: readonly RepairMode[];
  /**
   * Links deliver in order, as WebSockets and WebRTC data channels do. Without it any
   * in-flight message may overtake any other, also on one link: a harsher network than any
   * real one, which the CRDT must survive as well.
   */
  readonly fifo: boolean;
  /** Whether the hub installs the session guard (as relay.ts does); off only to explore. */
  readonly guard: boolean;
  readonly hubMode: HubMode;
  /** Whether the hostile app also makes the attacks the model does not answer yet. */
  readonly allAttacks: boolean;
  /** How devices check signatures (verifyInJs, through a memo shared by the case). */
  readonly verifyNow: VerifyNow;
  readonly ledger: Ledger;
  /** Told each time a device opens the session (a new doc). */
  readonly onBind?: (device: SimDevice) => void;
}

/** What the simulated hub gives a connection's transactions as origin (Hocuspocus's shape). */
interface HubOrigin {
  readonly source: 'connection';
  readonly connection: { readonly webSocket: { close(): void } };
}

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
  /** Killed and never started again (hub mode 'diesForGood'), or never there ('none'). */
  gone = false;
  store: FaultyStore | undefined;
  document: Document | undefined;
  extension: Extension | undefined;
  stopGuard: (() => void) | undefined;
  incarnation = 0;
  /** Changes the hub's guard undid. */
  repairs = 0;
}

export class World {
  readonly rng: Prng;
  readonly options: WorldOptions;
  readonly setup: SessionSetup;
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
  /** The step the case is at. */
  now = 0;
  /**
   * Updates from the modified app that a receiver held back (their causal predecessor had not
   * arrived), and held-back updates of anyone that a later message completed.
   */
  readonly pending = { held: 0, completed: 0 };
  #nextMessage = 0;

  constructor(rng: Prng, options: WorldOptions) {
    this.rng = rng;
    this.options = options;
    this.setup = options.setup;
    const count = options.setup.roles.length;
    this.hub.gone = options.hubMode === 'none';
    for (let i = 0; i < count; i++) {
      const device = new SimDevice(
        i,
        options.setup.roles[i] ?? 'participant',
        !options.devicesWithoutStorage.has(i),
        options.repairModes[i] ?? 'always'
      );
      this.devices.push(device);
      this.side.push(0);
      this.#bindDoc(device);
      this.#addLink({ key: `r${i}`, kind: 'relay', a: i, b: 'hub', open: false, session: 0 });
    }
    for (let i = 0; i < count; i++) {
      for (let j = i + 1; j < count; j++) {
        if (options.isolatedPairs.has(`${i}-${j}`)) continue;
        this.#addLink({ key: `p${i}-${j}`, kind: 'peer', a: i, b: j, open: false, session: 0 });
      }
    }
  }

  get honestDevices(): SimDevice[] {
    return this.devices.filter((device) => device.honest);
  }

  get hostile(): SimDevice | undefined {
    return this.devices.find((device) => !device.honest);
  }

  // ---- devices ---------------------------------------------------------------------------

  device(index: number): SimDevice {
    const device = this.devices[index];
    if (!device) throw new Error(`no device ${index}`);
    return device;
  }

  /** Whether the app counts the hub as there (`connection.status.hub === 'connected'`). */
  onHub(device: SimDevice): boolean {
    return this.links.get(`r${device.index}`)?.open === true && device.hubSynced;
  }

  /** A fresh 32-bit client id from the case's generator, so conflict resolution is seeded. */
  #newDoc(): Y.Doc {
    const doc = new Y.Doc({ guid: 'fuzz' });
    doc.clientID = this.rng.uint32();
    return doc;
  }

  /** A page opens the session: a new doc, loaded from IndexedDB, with its records and client. */
  #bindDoc(device: SimDevice): void {
    const doc = this.#newDoc();
    device.doc = doc;
    const { setup, verifyNow, ledger } = this.options;
    // A modified app reads what it likes and writes back nothing for anyone.
    const repair = !device.honest
      ? undefined
      : device.repairMode === 'always'
        ? () => true
        : () => !this.onHub(device);
    device.records = new SessionRecords(doc, {
      roomId: setup.roomId,
      verifier: setup.verifier,
      verifyNow,
      repair,
      onRepair: (count) => {
        device.repairs += count;
        this.log.push(`  (${device.name} wrote back ${count} record(s))`);
      }
    });
    const facilitator = device.role === 'facilitator';
    device.client = new SessionClient(doc, device.records, {
      roomId: setup.roomId,
      role: facilitator ? 'facilitator' : 'participant',
      locale: 'nl',
      identity: setup.identities[device.index] as RoomIdentity,
      facilitator: facilitator ? setup.facilitator : undefined,
      origin: fromDevice
    });
    if (device.honest) ledger.watch(device, doc, fromDevice, () => this.now);
    this.options.onBind?.(device);
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
    if (device.hasStorage && device.storage.flushed.length > 0) {
      Y.applyUpdate(doc, Y.mergeUpdates(device.storage.flushed), fromStorage);
    }
  }

  /** IndexedDB commits what it was given. */
  flush(device: SimDevice): void {
    device.storage.flushed.push(...device.storage.unflushed);
    device.storage.unflushed = [];
    if (device.hasStorage) this.#accept(device);
  }

  /** y-indexeddb's trim: the whole state as one row in place of the log. */
  trim(device: SimDevice): void {
    if (!device.hasStorage) return;
    device.storage.flushed = [Y.encodeStateAsUpdate(device.doc)];
    device.storage.unflushed = [];
    this.#accept(device);
  }

  /**
   * The device's writes so far are safe (the hub confirmed them, or IndexedDB committed them).
   * Only its current doc's own items count: one of an earlier incarnation that came back from
   * the network (perhaps deleted, its content gone) was not seen accepted by this.
   */
  #accept(device: SimDevice): void {
    const client = device.doc.clientID;
    const clock = Y.getState(device.doc.store, client);
    device.accepted.set(client, Math.max(device.accepted.get(client) ?? 0, clock));
  }

  /**
   * The page reloads (or the browser is killed when `crash`): the links drop, IndexedDB keeps
   * what it committed, and a fresh doc (new client id) loads from it.
   */
  reload(device: SimDevice, crash: boolean): void {
    if (crash) device.storage.unflushed = [];
    else this.flush(device);
    const client = device.doc.clientID;
    const stored = device.hasStorage ? this.#storedClock(device, client) : 0;
    const written = Y.getState(device.doc.store, client);
    if (stored < written) device.lost.push({ client, from: stored, to: written });
    for (const link of this.linksOf(device.index)) this.close(link);
    const old = device.doc;
    device.incarnation += 1;
    device.client.destroy();
    device.records.destroy();
    this.#bindDoc(device);
    old.destroy();
    // With no hub to keep them, what the device saw accepted is what it still holds.
    if (this.hub.gone) this.#keepOnly(device, stateVector(device.doc));
  }

  /** How much of a client's writes the device's IndexedDB holds. */
  #storedClock(device: SimDevice, client: number): number {
    if (device.storage.flushed.length === 0) return 0;
    const update = Y.mergeUpdates(device.storage.flushed);
    return Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)).get(client) ?? 0;
  }

  #keepOnly(device: SimDevice, held: ReadonlyMap<number, number>): void {
    const kept = minVector(device.accepted, held);
    device.accepted.clear();
    for (const [client, clock] of kept) device.accepted.set(client, clock);
  }

  setOnline(device: SimDevice, online: boolean): void {
    device.online = online;
    this.refreshLinks();
  }

  // ---- hub -------------------------------------------------------------------------------

  /** Starts the hub process: opens the database and loads the room, as Hocuspocus does. */
  async startHub(): Promise<void> {
    if (this.hub.up || this.hub.gone) return;
    const { setup, dataDir, compactAfter } = this.options;
    const store = faulty(openUpdateStore(dataDir));
    const extension = persistence(store, { compactAfter });
    // (A fixed guid: a random one costs dozens of crypto calls per doc, and cases make many.)
    const document = new Document(setup.roomId, { guid: setup.roomId });
    // A Hocuspocus room's clientID never writes but the guard's repairs; seeded for a
    // reproducible trace.
    document.clientID = this.rng.uint32();
    await extension.onLoadDocument?.({
      document,
      documentName: setup.roomId
    } as onLoadDocumentPayload);
    // After persistence, as in relay.ts: the guard's repairs are stored like any update.
    this.hub.stopGuard = this.options.guard
      ? guardSession(document, {
          roomId: setup.roomId,
          verifier: setup.verifier,
          onRepair: (reason) => {
            this.log.push(`  (the hub undid a change: ${reason})`);
            this.hub.repairs += 1;
          }
        })
      : undefined;
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
    this.hub.stopGuard?.();
    document?.destroy();
    store?.close();
    this.hub.document = undefined;
    this.hub.extension = undefined;
    this.hub.store = undefined;
    this.hub.stopGuard = undefined;
  }

  /** The hub is killed and never comes back: what devices saw accepted is what they hold. */
  async killHubForGood(): Promise<void> {
    await this.stopHub(false);
    this.hub.gone = true;
    for (const device of this.devices) this.#keepOnly(device, stateVector(device.doc));
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
    for (const end of [link.a, link.b]) {
      if (end === 'hub') {
        if (!this.hub.up) return false;
      } else if (!this.device(end).online) return false;
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
      if (end !== 'hub' && link.kind === 'relay') {
        this.device(end).unacked = 1;
        this.device(end).hubSynced = false;
      }
      this.send(link, end, step1Message(this.docOf(end)));
    }
  }

  close(link: Link): void {
    if (!link.open) return;
    link.open = false;
    if (link.kind === 'relay' && typeof link.a === 'number') this.device(link.a).hubSynced = false;
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
    const doc = this.docOf(message.to);
    const waiting = doc.store.pendingStructs !== null;
    if (message.to === 'hub') this.#hubReceives(link, message.payload);
    else this.#deviceReceives(this.device(message.to), link, message.payload);
    // How often the modified app's update waited for another's, and landed with it later.
    const from = message.from === 'hub' ? undefined : this.device(message.from);
    if (!waiting && doc.store.pendingStructs !== null && from && !from.honest)
      this.pending.held += 1;
    if (waiting && doc.store.pendingStructs === null) this.pending.completed += 1;
  }

  #deviceReceives(device: SimDevice, link: Link, payload: Payload): void {
    if (payload.kind === 'ack') {
      if (device.unacked > 0) device.unacked -= 1;
      // "Nothing waiting": what the doc holds now, the hub holds (and stored).
      if (device.unacked === 0) {
        this.#accept(device);
        device.hubSynced = true;
      }
      return;
    }
    const origin = link.kind === 'relay' ? fromRelay : fromPeers;
    const reply = encoding.createEncoder();
    const type = syncProtocol.readSyncMessage(
      decoding.createDecoder(payload.bytes),
      reply,
      device.doc,
      origin
    );
    if (link.kind === 'relay' && type === syncProtocol.messageYjsSyncStep2) device.hubSynced = true;
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
    const origin: HubOrigin = {
      source: 'connection',
      connection: { webSocket: { close: () => this.close(link) } }
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
    for (const device of this.devices) {
      device.client.destroy();
      device.records.destroy();
      device.doc.destroy();
    }
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
