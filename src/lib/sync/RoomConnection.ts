import { HocuspocusProvider, WebSocketStatus } from '@hocuspocus/provider';
import { uint32 } from 'lib0/random';
import type { WebrtcProvider } from 'y-webrtc';
import { Awareness } from 'y-protocols/awareness';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { StateMark } from '../domain/stateMark.ts';
import { followStoredState, stateOf } from './storedState.ts';
import * as Y from 'yjs';
import { fetchLoginToken, type LoginKeys } from '../access/hubLogin.ts';
import type { SignatureShelf } from '../access/knownSignatures.ts';
import { deriveRoomSecrets, type RoomSecrets } from '../access/roomKeys.ts';
import { roomCopyName } from '../domain/roomCopy.ts';
import type { Presence } from '../domain/participant.ts';
import { hubRefusalOf, type HubRefusal } from './hubRefusals.ts';
import { keepHubCopiesOffChannel, type PeerRoom } from './hubCopiesOffChannel.ts';
import { storageUsable } from './storageProbe.ts';

export type HubState = 'connecting' | 'connected' | 'offline' | 'refused';
export type StorageState = 'loading' | 'ready' | 'unavailable' | 'full';

/** What a screen shows about its connection. */
export interface ConnectionStatus {
  readonly hub: HubState;
  /** Devices connected directly (WebRTC) to this one. */
  readonly peers: number;
  /** Local changes the hub has not confirmed yet. */
  readonly pending: number;
  readonly storage: StorageState;
  /** The limit the hub last closed the connection for (see hubRefusals.ts), until it syncs again. */
  readonly hubRefusal?: HubRefusal | undefined;
}

/** Which paths to use; both by default. Turning one off is a diagnostic (and a test hook). */
export interface SyncPaths {
  readonly relay: boolean;
  readonly peer: boolean;
}

export interface RoomConnectionOptions {
  readonly roomKey: string;
  /** Origin of the hub, e.g. http://192.168.43.1:4500. */
  readonly origin: string;
  readonly paths?: SyncPaths;
  /** The keys this device logs in with (access/hubLogin.ts): a fresh login on every connect. */
  readonly login: LoginKeys;
  /**
   * How the device presents itself to the others (network check, participant count); the
   * connection adds how it is connected. None: the connection stays out of presence.
   */
  readonly presence?: ((secrets: RoomSecrets) => Omit<Presence, 'hub' | 'peers'>) | undefined;
  /**
   * Told what the local copy holds once loaded and after each change stored: the screens keep
   * the room's copy mark with it (storage/copyMarks.ts).
   */
  readonly stored?: ((state: StateMark) => void) | undefined;
}

/** Marks edits made on this device, so they can be told apart from ones arriving by sync. */
export const localOrigin = Symbol('kring-local');

type Listener = (status: ConnectionStatus) => void;

function webSocketOrigin(origin: string): string {
  return origin.replace(/^http/, 'ws');
}

function isQuotaError(reason: unknown): boolean {
  let current = reason;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    if ((current as { name?: unknown }).name === 'QuotaExceededError') return true;
    // lib0 (under y-indexeddb) rejects with `new Error(domException)`: only the message
    // still names the cause.
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string' && message.startsWith('QuotaExceededError')) return true;
    current =
      (current as { inner?: unknown; cause?: unknown }).inner ??
      (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * With `localStorage['kring.devtools'] = 'doc'`, a page puts its open rooms' doc and awareness
 * on `globalThis.kringRooms`: what anyone with developer tools can reach anyway, made easy for
 * diagnosing a room and for the tests that play a modified app (tests/e2e/room/trust.spec.ts).
 * Nothing in a room depends on a device keeping to the app: see docs/SECURITY.md.
 */
function exposeForDevtools(connection: RoomConnection): void {
  try {
    if (globalThis.localStorage?.getItem('kring.devtools') !== 'doc') return;
  } catch {
    return;
  }
  const rooms = ((globalThis as { kringRooms?: Record<string, unknown> }).kringRooms ??= {});
  rooms[connection.secrets.roomId] = { doc: connection.doc, awareness: connection.awareness };
}

/** How long loading the local copy may take before the hub connection starts anyway. */
export const localLoadPatienceMs = 5000;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How soon the relay tries the hub again after losing it: within 2.5 s at most, like
 * y-webrtc's signaling, so screens are back on a restarted hub a moment after it answers.
 * Hocuspocus's default doubles the wait up to 30 s. With jitter each wait is random between
 * `minDelay` and the computed delay, so 80 phones do not all knock at once.
 */
/** How long peer-to-peer waits after the board shows while the hub is connected. */
const peerPatienceMs = 5000;

const relayBackOff = {
  delay: 1000,
  minDelay: 500,
  factor: 1.5,
  maxDelay: 2500,
  jitter: true
} as const;

/**
 * The Hocuspocus provider, except that losing the hub does not erase the others' presence.
 * On every close (so on every failed attempt while the hub is down) Hocuspocus removes
 * every other device's awareness state; this room's awareness is shared with the
 * peer-to-peer mesh, which then passes the removal on to every peer as "they all left".
 * With the hub killed, the projector counted 0 participants on each reconnect attempt
 * although every phone was still connected to it directly. Devices that are really gone
 * still go: the awareness protocol drops a state 30 s after its device's last message.
 */
class RelayProvider extends HocuspocusProvider {
  override onClose(): void {
    const shared = this.configuration.awareness;
    this.configuration.awareness = null;
    try {
      super.onClose();
    } finally {
      this.configuration.awareness = shared;
    }
  }
}

/**
 * Makes this device's edits carry a Yjs client id of their own, apart from the one its
 * presence is keyed by. Yjs stamps every change with the doc's client id, and y-protocols
 * keys awareness by that same id, so anyone with developer tools could match an anonymous
 * note to the name in its writer's presence. Local transactions switch to the writer id and
 * back; the providers only read the client id outside them, where it is the presence one.
 */
function keepWritesApartFromPresence(doc: Y.Doc): () => void {
  const presenceClient = doc.clientID;
  let writerClient = uint32();
  const before = (transaction: Y.Transaction): void => {
    if (transaction.local) doc.clientID = writerClient;
  };
  const after = (transaction: Y.Transaction): void => {
    // Yjs's own guard, for the writer id: when another device writes under it, pick another.
    if (
      !transaction.local &&
      transaction.afterState.get(writerClient) !== transaction.beforeState.get(writerClient)
    )
      writerClient = uint32();
    doc.clientID = presenceClient;
  };
  doc.on('beforeTransaction', before);
  doc.on('afterTransactionCleanup', after);
  return () => {
    doc.off('beforeTransaction', before);
    doc.off('afterTransactionCleanup', after);
  };
}

/**
 * Loading the IndexedDB copy is one Yjs transaction (origin: the persistence). With an
 * 'update' listener on the doc, Yjs also encodes all of it once more as an update (20-60 ms
 * for a full session on a laptop) that no listener uses: y-indexeddb skips its own load, and
 * the other listeners here only count this device's own edits. So the listeners are off for
 * that transaction. Should another transaction land in the same batch (none is expected),
 * the whole doc is stored once more, so nothing goes unsaved.
 */
function skipLoadUpdate(
  doc: Y.Doc,
  persistence: IndexeddbPersistence,
  listeners: readonly ((update: Uint8Array, origin: unknown) => void)[]
): () => void {
  const before = (transaction: Y.Transaction): void => {
    if (transaction.origin !== persistence) return;
    for (const listener of listeners) doc.off('update', listener);
    doc.once('afterAllTransactions', (_doc, transactions) => {
      for (const listener of listeners) doc.on('update', listener);
      if (transactions.some((other) => other.origin !== persistence))
        persistence._storeUpdate(Y.encodeStateAsUpdate(doc), null);
    });
  };
  doc.on('beforeTransaction', before);
  return () => doc.off('beforeTransaction', before);
}

/**
 * One room on this device: the Y.Doc, its IndexedDB copy, the relay through the hub and
 * the peer-to-peer mesh, all on the same doc and one shared awareness. Either path alone
 * keeps the board in sync; IndexedDB keeps it across reloads and offline periods.
 */
export class RoomConnection {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly secrets: RoomSecrets;
  /** Resolves once the local copy is loaded (or known to be unavailable). */
  readonly whenLocalLoaded: Promise<void>;
  /**
   * A small key-value store inside the room's local copy (deleted with it), for what this
   * device keeps about the room between visits; none when the copy cannot be kept.
   */
  readonly localShelf: Promise<SignatureShelf | undefined>;
  #shelfOpened: (shelf: SignatureShelf | undefined) => void = () => undefined;

  #status: ConnectionStatus = { hub: 'connecting', peers: 0, pending: 0, storage: 'loading' };
  readonly #listeners = new Set<Listener>();
  readonly #cleanup: (() => void)[] = [];
  #relay: HocuspocusProvider | undefined;
  #peerProvider: WebrtcProvider | undefined;
  readonly #presence: Omit<Presence, 'hub' | 'peers'> | undefined;
  #destroyed = false;

  constructor(options: RoomConnectionOptions) {
    this.secrets = deriveRoomSecrets(options.roomKey);
    const paths = options.paths ?? { relay: true, peer: true };
    this.#cleanup.push(keepWritesApartFromPresence(this.doc));
    this.#presence = options.presence?.(this.secrets);
    if (this.#presence) this.#announce();
    else this.awareness.setLocalState(null);
    exposeForDevtools(this);

    // The relay starts once the local copy is in the doc: otherwise the provider would send
    // everything IndexedDB loads to the hub as one more update, on every page load. A stuck
    // IndexedDB (old Safari) must not keep the hub away, hence also the time limit below.
    // The first login (a challenge from the hub, two signatures in JavaScript on a phone) is
    // prepared meanwhile rather than after; a challenge lasts a minute and is used once, so
    // any later attempt asks for a new one.
    let firstToken = paths.relay ? this.#loginToken(options) : undefined;
    firstToken?.catch(() => undefined);
    const token = (): Promise<string> => {
      const prepared = firstToken;
      firstToken = undefined;
      return prepared?.catch(() => this.#loginToken(options)) ?? this.#loginToken(options);
    };
    const startRelay = (): void => {
      if (paths.relay && !this.#destroyed && !this.#relay) {
        this.#relay = this.#openRelay(options.origin, token);
      }
    };
    this.localShelf = new Promise((resolve) => (this.#shelfOpened = resolve));
    this.whenLocalLoaded = this.#openLocalCopy(options.stored)
      .finally(() => this.#shelfOpened(undefined))
      .then(startRelay);
    this.#countLocalChanges();
    if (paths.relay) void delay(localLoadPatienceMs).then(startRelay);
    else this.#update({ hub: 'offline' });
    if (paths.peer)
      void this.#boardShown()
        .then(() => this.#hubLost(peerPatienceMs))
        .then(() => this.#openPeers(options));
    this.#followNetwork();
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** Resolves once the hub has synced this doc, or after `timeoutMs` (offline, peer-only). */
  waitForHub(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.#status.hub !== 'connecting' && this.#status.hub !== 'offline') return resolve();
      if (!this.#relay) return resolve();
      const timer = setTimeout(done, timeoutMs);
      const stop = this.subscribe((status) => {
        if (status.hub === 'connected' || status.hub === 'refused') done();
      });
      function done(): void {
        clearTimeout(timer);
        stop();
        resolve();
      }
    });
  }

  /** Calls back now and on every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    listener(this.#status);
    return () => this.#listeners.delete(listener);
  }

  destroy(): void {
    this.#destroyed = true;
    for (const clean of this.#cleanup.splice(0)) clean();
    this.#relay?.destroy();
    this.#peerProvider?.destroy();
    this.awareness.destroy();
    this.doc.destroy();
    this.#listeners.clear();
  }

  #update(change: Partial<ConnectionStatus>): void {
    const next = { ...this.#status, ...change };
    if (
      next.hub === this.#status.hub &&
      next.peers === this.#status.peers &&
      next.pending === this.#status.pending &&
      next.storage === this.#status.storage &&
      next.hubRefusal === this.#status.hubRefusal
    )
      return;
    this.#status = next;
    this.#announce();
    for (const listener of this.#listeners) listener(next);
  }

  /**
   * Puts this device's presence in the awareness, with how it is connected now. Also brings
   * it back where a provider took it away: y-webrtc removes it on disconnect (going
   * offline), and without this the device would never be present again after coming back.
   */
  #announce(): void {
    if (!this.#presence || this.#destroyed) return;
    const hub = this.#status.hub === 'connected';
    const { peers } = this.#status;
    const local = this.awareness.getLocalState();
    if (local && local['hub'] === hub && local['peers'] === peers) return;
    this.awareness.setLocalState({ ...this.#presence, hub, peers });
  }

  async #openLocalCopy(stored: ((state: StateMark) => void) | undefined): Promise<void> {
    const onRejection = (event: PromiseRejectionEvent): void => {
      // y-indexeddb writes in the background; a full disk surfaces only as a rejection.
      if (isQuotaError(event.reason)) this.#update({ storage: 'full' });
    };
    if (typeof window !== 'undefined') {
      window.addEventListener('unhandledrejection', onRejection);
      this.#cleanup.push(() => window.removeEventListener('unhandledrejection', onRejection));
    }
    const name = roomCopyName(this.secrets.roomId);
    // Private windows and some old browsers: keep going in memory, and say so.
    if (!(await storageUsable())) {
      if (!this.#destroyed) this.#update({ storage: 'unavailable' });
      return;
    }
    if (this.#destroyed) return;
    try {
      const persistence = new IndexeddbPersistence(name, this.doc);
      this.#cleanup.push(() => void persistence.destroy().catch(() => undefined));
      void persistence._db.then(
        () => this.#shelfOpened(persistence),
        () => this.#shelfOpened(undefined)
      );
      this.#cleanup.push(
        skipLoadUpdate(this.doc, persistence, [persistence._storeUpdate, this.#countChange])
      );
      if (stored) this.#cleanup.push(followStoredState(this.doc, persistence, stored));
      // y-indexeddb's whenSynced never settles when opening fails after all, or when a full
      // disk aborts its first load: stop waiting then, and work on in memory.
      let diskFull = (): void => undefined;
      const full = new Promise<void>((resolve) => (diskFull = resolve));
      void persistence._db
        .then((db) => this.#watchForFullDisk(db, diskFull))
        .catch(() => undefined);
      await Promise.race([persistence._db.then(() => persistence.whenSynced), full]);
      if (stored && !this.#destroyed) stored(stateOf(this.doc));
      // A full disk may have been reported while loading; that stays on screen.
      if (!this.#destroyed && this.#status.storage === 'loading')
        this.#update({ storage: 'ready' });
    } catch {
      if (!this.#destroyed) this.#update({ storage: 'unavailable' });
    }
  }

  /**
   * A full disk aborts y-indexeddb's write transactions with QuotaExceededError after their
   * requests succeeded, so no promise rejects: the abort only reaches the database, where
   * transaction events bubble to.
   */
  #watchForFullDisk(db: IDBDatabase, onFull: () => void): void {
    const onFailure = (event: Event): void => {
      if (isQuotaError((event.target as { error?: unknown } | null)?.error)) {
        this.#update({ storage: 'full' });
        onFull();
      }
    };
    db.addEventListener('abort', onFailure);
    db.addEventListener('error', onFailure);
    this.#cleanup.push(() => {
      db.removeEventListener('abort', onFailure);
      db.removeEventListener('error', onFailure);
    });
  }

  /**
   * When the phone says its network is gone (wifi dropped), stop both paths at once instead
   * of waiting for sockets to time out, so the screen says "offline" and counts what waits.
   * When the network is back, the page is shown again (a phone unlocked: its timers were
   * held back) or comes back from the back/forward cache, try again at once rather than
   * when the back-off says.
   */
  #followNetwork(): void {
    if (typeof window === 'undefined') return;
    const offline = (): void => {
      this.#relay?.disconnect();
      this.#peerProvider?.disconnect();
      this.#update({ hub: this.#status.hub === 'refused' ? 'refused' : 'offline', peers: 0 });
      // Disconnecting y-webrtc took this device's presence away; it stays this device's.
      this.#announce();
    };
    const online = (): void => {
      this.#retryNow();
      const peers = this.#peerProvider;
      if (peers && !peers.connected) peers.connect();
    };
    const shown = (): void => {
      if (document.visibilityState === 'visible') this.#retryNow();
    };
    const restored = (event: PageTransitionEvent): void => {
      if (event.persisted) online();
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    document.addEventListener('visibilitychange', shown);
    window.addEventListener('pageshow', restored);
    this.#cleanup.push(() => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      document.removeEventListener('visibilitychange', shown);
      window.removeEventListener('pageshow', restored);
    });
  }

  /** Connects what is not connected now, skipping the back-off's wait. */
  #retryNow(): void {
    if (this.#destroyed || globalThis.navigator?.onLine === false) return;
    this.#announce();
    const hub = this.#status.hub;
    if (this.#relay && hub !== 'connected' && hub !== 'refused') void this.#relay.connect();
    // y-webrtc's signaling waits up to 2.5 s between attempts; connect() starts one now.
    for (const signaling of this.#peerProvider?.signalingConns ?? []) {
      if (signaling.shouldConnect && !signaling.connected && signaling.ws === null)
        signaling.connect();
    }
  }

  readonly #countChange = (_update: Uint8Array, origin: unknown): void => {
    if (origin === localOrigin && this.#status.hub !== 'connected') {
      this.#update({ pending: this.#status.pending + 1 });
    }
  };

  #countLocalChanges(): void {
    this.doc.on('update', this.#countChange);
    this.#cleanup.push(() => this.doc.off('update', this.#countChange));
  }

  /** Asks the hub for a fresh challenge and answers it (nothing secret is sent). */
  #loginToken(options: RoomConnectionOptions): Promise<string> {
    return fetchLoginToken(options.origin, options.login);
  }

  #openRelay(origin: string, token: () => Promise<string>): HocuspocusProvider {
    const relay = new RelayProvider({
      // The room id in the path lets a balancer send every connection of a room to one hub.
      url: `${webSocketOrigin(origin)}/sync/${this.secrets.roomId}`,
      name: this.secrets.roomId,
      token,
      document: this.doc,
      awareness: this.awareness,
      ...relayBackOff
    });
    relay.on('status', ({ status }: { status: WebSocketStatus }) => {
      if (this.#status.hub === 'refused') return;
      if (status === WebSocketStatus.Connected) return; // "connected" waits for the first sync
      this.#update({ hub: status === WebSocketStatus.Connecting ? 'connecting' : 'offline' });
    });
    relay.on('synced', ({ state }: { state: boolean }) => {
      if (state) this.#update({ hub: 'connected', hubRefusal: undefined });
    });
    // A hub limit (room full, too many messages, …): the provider reconnects by itself; the
    // screen can say why meanwhile.
    relay.on('close', ({ event }: { event?: { code?: number } }) => {
      const refusal = hubRefusalOf(event?.code ?? 0);
      if (refusal) this.#update({ hubRefusal: refusal });
    });
    // Pending local changes count as synced once the hub has confirmed everything it was sent.
    relay.on('unsyncedChanges', ({ number }: { number: number }) => {
      if (number === 0 && this.#status.hub === 'connected') this.#update({ pending: 0 });
    });
    relay.on('authenticationFailed', () => this.#update({ hub: 'refused' }));
    relay.on('disconnect', () => {
      if (this.#status.hub !== 'refused') this.#update({ hub: 'offline' });
    });
    return relay;
  }

  /**
   * Resolves once this device has caught up: the local copy is loaded and the relay has
   * synced, been refused or gone offline (or 3 s passed). What the doc holds by then was
   * already there; what comes after arrives while the screen shows.
   */
  async whenCaughtUp(): Promise<void> {
    await this.whenLocalLoaded;
    await this.#hubUntil((hub) => hub !== 'connecting', 3000);
  }

  /**
   * Resolves once the board can be on screen: caught up (above) and the next frame painted.
   * Peer-to-peer waits for this: y-webrtc is the largest part of the join page's code, and on
   * connecting it encodes and encrypts the whole doc for the browser's other tabs.
   */
  async #boardShown(): Promise<void> {
    await this.whenCaughtUp();
    // Hidden tabs paint no frames: wait for one only briefly.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 200);
      globalThis.requestAnimationFrame?.(() => {
        clearTimeout(timer);
        setTimeout(resolve, 0);
      });
    });
  }

  /**
   * Resolves once the hub is not connected (at once if it is not now), or after `patienceMs`.
   * With the hub there, peer-to-peer is a spare path: starting it (its code, the signaling
   * login, connecting to each screen, encrypting the doc for them) cost a phone at 4x CPU
   * seconds of main thread right when the person picks a column and types a first idea.
   */
  #hubLost(patienceMs: number): Promise<void> {
    return this.#hubUntil((hub) => hub !== 'connected', patienceMs);
  }

  /** Resolves once the hub's status passes `test` (perhaps at once), or after `timeoutMs`. */
  #hubUntil(test: (hub: ConnectionStatus['hub']) => boolean, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      let settled = false;
      // Assigned once below; declared first because subscribe() may call done() at once.
      // eslint-disable-next-line prefer-const
      let stop: (() => void) | undefined;
      const done = (): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        stop?.();
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      stop = this.subscribe(({ hub }) => {
        if (test(hub)) done();
      });
      if (settled) stop();
    });
  }

  async #openPeers(options: RoomConnectionOptions): Promise<void> {
    const origin = options.origin;
    if (this.#destroyed) return;
    // Loaded after the board is on screen: peer-to-peer is the bonus path, and its code is
    // the largest part of the join page.
    const { WebrtcProvider } = await import('y-webrtc');
    if (this.#destroyed) return;
    const { roomId, peerSecret } = this.secrets;
    // The room id names the room in the path (a load balancer routes by it); the login goes
    // in the first message, never in the URL.
    const signaling = `${webSocketOrigin(origin)}/signal/${roomId}`;
    const provider = new WebrtcProvider(roomId, this.doc, {
      signaling: [signaling],
      password: peerSecret,
      awareness: this.awareness,
      // The room has no internet: only host candidates on the local network can work.
      peerOpts: { config: { iceServers: [] } }
    });
    // The room exists once its key is derived (y-webrtc's own callback on the key runs first).
    void provider.key.then(() => {
      if (provider.room)
        keepHubCopiesOffChannel(
          provider.room as unknown as PeerRoom,
          (from) => from !== undefined && from === this.#relay
        );
    });
    // y-webrtc's "peers" lists a device as soon as it announces itself, before any
    // connection is up. Counted instead: open connections, looked at when the list changes
    // and when a connection opens.
    const watched = new WeakSet<object>();
    const countPeers = (): void => {
      if (this.#destroyed || !provider.connected) return;
      let open = 0;
      for (const peer of provider.room?.webrtcConns.values() ?? []) {
        if (peer.connected) open++;
        else if (!watched.has(peer)) {
          watched.add(peer);
          // After y-webrtc's own listener, which marks the connection open.
          (peer.peer as { once(event: 'connect', listener: () => void): void }).once(
            'connect',
            countPeers
          );
        }
      }
      this.#update({ peers: open });
    };
    provider.on('peers', countPeers);
    // The hub holds a new signaling socket's messages until it has logged in (on every
    // reconnect too); y-webrtc's own messages go out meanwhile and wait there.
    for (const conn of provider.signalingConns) {
      const login = (): void => {
        this.#loginToken(options)
          .then((token) => conn.send({ type: 'login', token }))
          .catch(() => conn.ws?.close());
      };
      conn.on('connect', login);
      if (conn.connected) login();
      this.#cleanup.push(() => conn.off('connect', login));
    }
    this.#peerProvider = provider;
  }
}
