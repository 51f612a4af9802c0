import type * as Y from 'yjs';
import type { VerifyBatch, VerifyNow, VerifyRequest } from '../access/signatures.ts';
import { fromBase32 } from '../domain/ids.ts';
import type { FlowState } from '../model/flow.ts';
import { flowCheck, newestFlow } from '../model/flowRecords.ts';
import { roots, sessionKey } from '../model/records.ts';
import {
  type BoardRecord,
  type EntryRecord,
  type SessionData,
  type SessionInfo
} from '../model/sessionData.ts';
import { boardCheck, entryCheck, sessionCheck, type Checkable } from '../model/signedRecords.ts';

/*
 * The session's records as checked, plain data (model/sessionData.ts), kept up to date from a
 * Y.Doc: only the keys a change touched are read again, and a stored value is checked once
 * (its verdict is kept with the value object, which Yjs hands out unchanged until the key
 * changes).
 *
 * What counts for a key is the newest valid record seen for it: a value that is malformed,
 * wrongly signed, older than one already seen (a replay), or gone (Yjs deletes carry no
 * author) never replaces it. Such values are counted (`problems`). With `repair`, this device
 * also writes the record it holds back into the doc, so the bad change does not stick for
 * anyone: every device can do that, with or without the hub (the hub does it in its guard).
 *
 * Checks run at once (`verifyNow`: the hub, tests) or in batches off the critical path
 * (`verifyBatch`: screens); while a batch runs, the previous records stay in place.
 */

export interface SessionRecordsOptions {
  readonly roomId: string;
  /** The facilitator fingerprint from the room key (V): the session record must name it. */
  readonly verifier: string;
  readonly verifyNow?: VerifyNow | undefined;
  /**
   * With `verifyNow`: when to check a change after it was applied (the hub: once the room's
   * other devices have been sent it). The records found at the start are checked at once.
   */
  readonly defer?: ((check: () => void) => void) | undefined;
  readonly verifyBatch?: VerifyBatch | undefined;
  /**
   * With `verifyBatch`: told of the records a batch took as valid without asking it (signed on
   * this device, or already checked on this page), so that a list of signatures found valid
   * can hold them too.
   */
  readonly takenAsValid?: ((requests: readonly VerifyRequest[]) => void) | undefined;
  /** Whether this device writes back a record that was overwritten or deleted (asked each time). */
  readonly repair?: (() => boolean) | undefined;
  /**
   * Records this device signs itself (its own entries; boards and the session on a
   * facilitator's device): written back whenever they are overwritten, also while `repair`
   * says no. A repair elsewhere can land at the same moment as the signer's newer version and
   * win in Yjs; the signer is the one device sure to notice and put its version back.
   */
  readonly ownRecord?: ((root: RecordRoot, key: string) => boolean) | undefined;
  /** The transaction origin of those repairs (the hub gives its own). */
  readonly repairOrigin?: unknown;
  /** Told how many records were written back, after each repair. */
  readonly onRepair?: ((count: number) => void) | undefined;
  /**
   * Data to show until `releaseSeed()`: this device's snapshot of its copy of the room
   * (model/sessionSnapshot.ts), while that copy is read and checked. Changes checked
   * meanwhile are not told: a copy checked halfway would show less than the snapshot.
   */
  readonly seed?: SessionData | undefined;
}

export interface RecordProblems {
  /** Values that are no record of their kind (or not under their own key). */
  readonly malformed: number;
  readonly badSignature: number;
  /** Older records offered after a newer one (replays). */
  readonly stale: number;
  /** Records deleted or overwritten without a valid newer one, written back by this device. */
  readonly repaired: number;
}

/** The origin of this device's repairs. */
export const repairOrigin = Symbol('kring-repair');

type Root = 'session' | 'entries' | 'boards';
/** Every root a record lives in. */
export type RecordRoot = Root | 'flow';

interface Best<T> {
  readonly value: object;
  readonly seq: number;
  readonly record: T;
}

const verdicts = new WeakMap<object, boolean>();

/** The verdict already reached on a stored value, if any. */
export function knownVerdict(value: unknown): boolean | undefined {
  return typeof value === 'object' && value !== null ? verdicts.get(value) : undefined;
}

/** Keeps a verdict with its stored value (the hub's guard shares them with the records). */
export function rememberVerdict(value: unknown, valid: boolean): void {
  if (typeof value === 'object' && value !== null) verdicts.set(value, valid);
}

/**
 * Checks made once per stored value: a batch plans its checks and then applies the same
 * values, and each check parses the value and builds the signed message (the board record
 * of a full session is most of it). Kept with the value object, for the key it was read under
 * and the key it is checked against (a value copied under another key is checked again).
 */
class CheckCache<C> {
  readonly #kept = new WeakMap<object, { key: string; against: unknown; check: C }>();

  of(value: unknown, key: string, against: unknown, make: () => C): C {
    if (typeof value !== 'object' || value === null) return make();
    const kept = this.#kept.get(value);
    if (kept && kept.key === key && kept.against === against) return kept.check;
    const check = make();
    this.#kept.set(value, { key, against, check });
    return check;
  }
}

export class SessionRecords {
  readonly #doc: Y.Doc;
  readonly #options: SessionRecordsOptions;
  readonly #maps: Record<Root | 'flow', Y.Map<unknown>>;
  readonly #listeners = new Set<(data: SessionData) => void>();
  readonly #stop: (() => void)[] = [];

  #session: Best<SessionInfo> | undefined;
  #newer: number | undefined;
  #facilitatorKey: Uint8Array | undefined;
  readonly #entries = new Map<string, Best<EntryRecord>>();
  readonly #boards = new Map<string, Best<BoardRecord>>();
  #flow: FlowState | undefined;
  /** Where the followed flow state is stored: written back when a modified app deletes it. */
  #flowStored: { readonly key: string; readonly value: object } | undefined;
  #data: SessionData;
  #seed: SessionData | undefined;
  #problems: RecordProblems = { malformed: 0, badSignature: 0, stale: 0, repaired: 0 };

  readonly #checks = {
    session: new CheckCache<ReturnType<typeof sessionCheck>>(),
    entries: new CheckCache<ReturnType<typeof entryCheck>>(),
    boards: new CheckCache<ReturnType<typeof boardCheck>>(),
    flow: new CheckCache<ReturnType<typeof flowCheck>>()
  };

  readonly #queue = new Set<string>();
  #flushing: Promise<void> | undefined;
  /** A deferred check is waiting (`defer`). */
  #deferred = false;
  #started = false;
  #destroyed = false;

  constructor(doc: Y.Doc, options: SessionRecordsOptions) {
    if (!options.verifyNow && !options.verifyBatch) throw new Error('a way to verify is needed');
    this.#doc = doc;
    this.#options = options;
    this.#maps = {
      session: doc.getMap(roots.session),
      flow: doc.getMap(roots.flow),
      entries: doc.getMap(roots.entries),
      boards: doc.getMap(roots.boards)
    };
    this.#data = this.#build();
    this.#seed = options.seed;
    for (const [root, map] of Object.entries(this.#maps) as [Root | 'flow', Y.Map<unknown>][]) {
      const observer = (event: Y.YMapEvent<unknown>): void => {
        if (event.transaction.origin === (options.repairOrigin ?? repairOrigin)) return;
        for (const key of event.keysChanged) this.#queue.add(`${root}\u0000${key}`);
        this.#schedule();
      };
      map.observe(observer);
      this.#stop.push(() => map.unobserve(observer));
      for (const key of map.keys()) this.#queue.add(`${root}\u0000${key}`);
    }
    this.#schedule();
    this.#started = true;
  }

  /** The checked data, or the seed until released; replaced (never changed) on a change. */
  get data(): SessionData {
    return this.#seed ?? this.#data;
  }

  /** Shows the checked data from now on instead of the seed, and tells the listeners. */
  releaseSeed(): void {
    if (!this.#seed || this.#destroyed) return;
    this.#seed = undefined;
    for (const listener of this.#listeners) listener(this.#data);
  }

  get problems(): RecordProblems {
    return this.#problems;
  }

  /** The schema version of a session written by a newer Kring, if this is one. */
  get newerSchema(): number | undefined {
    return this.#newer;
  }

  /** Calls back with the new data after every change; returns the way to stop. */
  subscribe(listener: (data: SessionData) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Whether every change seen so far is checked and shown (nothing queued, no seed). */
  get settledNow(): boolean {
    return !this.#seed && !this.#flushing && !this.#deferred && this.#queue.size === 0;
  }

  /** Resolves once every change seen so far has been checked. */
  async settled(): Promise<void> {
    while (this.#flushing) await this.#flushing;
  }

  destroy(): void {
    this.#destroyed = true;
    for (const stop of this.#stop.splice(0)) stop();
    this.#listeners.clear();
  }

  // ---- checking ----------------------------------------------------------------------------

  #schedule(): void {
    if (this.#queue.size === 0 || this.#destroyed) return;
    const { verifyNow, defer } = this.#options;
    if (verifyNow && defer && this.#started) {
      if (this.#deferred) return;
      this.#deferred = true;
      defer(() => {
        this.#deferred = false;
        if (!this.#destroyed) this.#flushNow();
      });
      return;
    }
    if (verifyNow) {
      this.#flushNow();
      return;
    }
    this.#flushing ??= Promise.resolve()
      .then(() => this.#flushBatch())
      .finally(() => {
        this.#flushing = undefined;
        if (this.#queue.size > 0) this.#schedule();
      });
  }

  #flushNow(): void {
    const verify = this.#options.verifyNow as VerifyNow;
    this.#apply(this.#takeQueue(), verify);
  }

  async #flushBatch(): Promise<void> {
    // What the screen needs first goes first: the session, the flow and the boards, then the
    // entries of the step on screen (and the steps it draws on), then the rest, each part
    // checked and applied (and shown) before the next starts. A phone that joins late in a
    // long session shows its step without waiting for the checks of every earlier step.
    // (Putting the rest back in the queue instead looped for ever: the next batch sorted
    // it into "the rest" again, in microtasks that never let the page paint.)
    const keys = this.#takeQueue();
    const isEntry = (item: string): boolean => item.startsWith('entries\u0000');
    const first = keys.filter((item) => !isEntry(item));
    if (first.length > 0) await this.#checkAndApply(first);
    if (this.#destroyed) return;
    // The step on screen is known once the session and the flow are.
    const focus = this.#focusSteps();
    const onScreen = (item: string): boolean => focus.has(item.slice(8).split('/')[0] ?? '');
    const now = keys.filter((item) => isEntry(item) && onScreen(item));
    const later = keys.filter((item) => isEntry(item) && !onScreen(item));
    for (const part of [now, later]) {
      if (part.length > 0) await this.#checkAndApply(part);
      if (this.#destroyed) return;
    }
  }

  /** The step on screen and the steps whose content it shows (vote source, column picks). */
  #focusSteps(): Set<string> {
    const steps = new Set<string>();
    const script = this.#session?.record.script;
    const current = this.#flow?.stepId;
    if (!script || !current) return steps;
    steps.add(current);
    const step = script.steps.find((s) => s.id === current);
    const activity = step?.activity;
    if (activity && 'source' in activity) steps.add(activity.source);
    if (activity?.type === 'brainstorm' && activity.columnsFromPick) {
      steps.add(activity.columnsFromPick.step);
    }
    return steps;
  }

  async #checkAndApply(keys: readonly string[]): Promise<void> {
    const pending: { value: object; request: VerifyRequest }[] = [];
    const taken: VerifyRequest[] = [];
    const collect = (value: unknown, request: VerifyRequest): boolean | undefined => {
      const known = knownVerdict(value);
      if (known === undefined) pending.push({ value: value as object, request });
      else if (known) taken.push(request);
      return known;
    };
    this.#plan(keys, collect);
    if (taken.length > 0) this.#options.takenAsValid?.(taken);
    if (pending.length > 0) {
      const results = await (this.#options.verifyBatch as VerifyBatch)(
        pending.map((p) => p.request)
      );
      pending.forEach((item, i) => rememberVerdict(item.value, results[i] === true));
    }
    if (this.#destroyed) return;
    this.#apply(keys, undefined);
  }

  #sessionCheck(key: string, value: unknown): ReturnType<typeof sessionCheck> {
    const { roomId, verifier } = this.#options;
    return this.#checks.session.of(value, key, verifier, () =>
      sessionCheck(roomId, key, value, verifier)
    );
  }

  #entryCheck(key: string, value: unknown): ReturnType<typeof entryCheck> {
    const { roomId } = this.#options;
    return this.#checks.entries.of(value, key, roomId, () => entryCheck(roomId, key, value));
  }

  #boardCheck(
    key: string,
    value: unknown,
    facilitatorKey: Uint8Array
  ): ReturnType<typeof boardCheck> {
    const { roomId } = this.#options;
    return this.#checks.boards.of(value, key, facilitatorKey, () =>
      boardCheck(roomId, key, value, facilitatorKey)
    );
  }

  #flowCheck(
    key: string,
    value: unknown,
    facilitatorKey: Uint8Array
  ): ReturnType<typeof flowCheck> {
    const { roomId } = this.#options;
    return this.#checks.flow.of(value, key, facilitatorKey, () =>
      flowCheck(key, value, roomId, facilitatorKey)
    );
  }

  #takeQueue(): string[] {
    const keys = [...this.#queue];
    this.#queue.clear();
    return keys;
  }

  /**
   * Goes over the changed keys as #apply will, asking `verdict` for each check; used to
   * collect the checks a batch must make before applying.
   */
  #plan(
    keys: readonly string[],
    verdict: (value: unknown, request: VerifyRequest) => boolean | undefined
  ): void {
    let facilitatorKey = this.#facilitatorKey;
    for (const item of keys) {
      const [root, key] = item.split('\u0000') as [Root | 'flow', string];
      if (root !== 'session') continue;
      const value = this.#maps.session.get(key);
      const check = this.#sessionCheck(key, value);
      if (check && verdict(value, check.request) === true && check.record) {
        facilitatorKey ??= fromBase32(check.record.facilitatorKey);
      }
    }
    for (const item of keys) {
      const [root, key] = item.split('\u0000') as [Root | 'flow', string];
      const value = this.#maps[root].get(key);
      if (root === 'entries') {
        const check = this.#entryCheck(key, value);
        if (check) verdict(value, check.request);
      } else if (root === 'boards' && facilitatorKey) {
        const check = this.#boardCheck(key, value, facilitatorKey);
        if (check) verdict(value, check.request);
      } else if (root === 'flow' && facilitatorKey) {
        const check = this.#flowCheck(key, value, facilitatorKey);
        if (check) verdict(value, check.request);
      }
    }
  }

  /**
   * Applies the changed keys. A value not judged yet is checked with `verify` when there is
   * one; otherwise (batches) it waits for the next batch.
   */
  #apply(keys: readonly string[], verify: VerifyNow | undefined): void {
    const waiting = new Set<string>();
    const valid = (value: unknown, request: VerifyRequest, item: string): boolean | undefined => {
      let known = knownVerdict(value);
      if (known === undefined && verify) {
        known = verify(request);
        rememberVerdict(value, known);
      }
      if (known === undefined) waiting.add(item);
      return known;
    };
    let changed = false;
    let flowChanged = false;
    const repairs: [RecordRoot, string, object][] = [];
    const problems = { ...this.#problems };

    const judge = <T>(
      root: Root,
      key: string,
      value: unknown,
      check: Checkable<T> | undefined,
      best: Best<T> | undefined,
      store: (next: Best<T>) => void
    ): void => {
      const verdict =
        check === undefined ? false : valid(value, check.request, `${root}\u0000${key}`);
      if (verdict === undefined) return;
      const ok = verdict;
      if (value !== undefined && check === undefined) problems.malformed += 1;
      else if (check && !ok) problems.badSignature += 1;
      const seq = ok ? (check as unknown as { record: { seq: number } }).record.seq : -1;
      if (ok && (!best || seq > best.seq || (seq === best.seq && value !== best.value))) {
        store({ value: value as object, seq, record: (check as Checkable<T>).record });
        changed = true;
        return;
      }
      if (ok && best && seq < best.seq) problems.stale += 1;
      if (best && value !== best.value) repairs.push([root, key, best.value]);
    };

    // Session first: boards and flow states are checked against its facilitator key.
    for (const item of keys) {
      const [root, key] = item.split('\u0000') as [Root | 'flow', string];
      if (root !== 'session') continue;
      const value = this.#maps.session.get(key);
      const check = this.#sessionCheck(key, value);
      if (check?.newer !== undefined && valid(value, check.request, item)) {
        this.#newer = check.newer;
        changed = true;
        continue;
      }
      const checkable = check?.record
        ? { record: check.record, request: check.request }
        : undefined;
      judge(
        'session',
        key,
        value,
        checkable,
        key === sessionKey ? this.#session : undefined,
        (next) => {
          this.#session = next;
          this.#facilitatorKey ??= fromBase32(next.record.facilitatorKey);
          // Boards and flow states that waited for the key are checked now.
          for (const other of this.#maps.boards.keys()) this.#queue.add(`boards\u0000${other}`);
          for (const other of this.#maps.flow.keys()) this.#queue.add(`flow\u0000${other}`);
        }
      );
    }
    for (const item of keys) {
      const [root, key] = item.split('\u0000') as [Root | 'flow', string];
      if (root === 'session') continue;
      const value = this.#maps[root].get(key);
      if (root === 'entries') {
        judge('entries', key, value, this.#entryCheck(key, value), this.#entries.get(key), (next) =>
          this.#entries.set(key, next)
        );
      } else if (root === 'boards') {
        if (!this.#facilitatorKey) continue;
        const check = this.#boardCheck(key, value, this.#facilitatorKey);
        judge('boards', key, value, check, this.#boards.get(key), (next) =>
          this.#boards.set(key, next)
        );
      } else {
        flowChanged = true;
      }
    }
    if (flowChanged && this.#facilitatorKey) {
      const key = this.#facilitatorKey;
      const next = newestFlow(
        this.#maps.flow.keys(),
        (name) => {
          const value = this.#maps.flow.get(name);
          const check = this.#flowCheck(name, value, key);
          if (!check || valid(value, check.request, `flow\u0000${name}`) !== true) return undefined;
          this.#flowStored = { key: name, value: value as object };
          return check.stored.state;
        },
        this.#flow
      );
      if (next !== this.#flow) {
        this.#flow = next;
        changed = true;
      }
      // Deleted (or overwritten): written back, or a device opening the session from this doc
      // would follow an older state than everyone else (found by the fuzz, seed 21).
      const stored = this.#flowStored;
      if (stored && this.#maps.flow.get(stored.key) !== stored.value)
        repairs.push(['flow', stored.key, stored.value]);
    }

    const writeBack = this.#options.repair?.()
      ? repairs
      : repairs.filter(([root, key]) => this.#options.ownRecord?.(root, key));
    if (writeBack.length > 0) {
      this.#doc.transact(() => {
        for (const [root, key, value] of writeBack) this.#maps[root].set(key, value);
      }, this.#options.repairOrigin ?? repairOrigin);
      problems.repaired += writeBack.length;
      this.#options.onRepair?.(writeBack.length);
    }
    this.#problems = problems;
    for (const item of waiting) this.#queue.add(item);
    if (changed) {
      this.#data = this.#build();
      if (!this.#seed) for (const listener of this.#listeners) listener(this.#data);
    }
    if (this.#queue.size > 0 && this.#options.verifyNow) this.#flushNow();
  }

  #build(): SessionData {
    const entries = new Map<string, Map<string, EntryRecord>>();
    for (const { record } of this.#entries.values()) {
      let step = entries.get(record.stepId);
      if (!step) entries.set(record.stepId, (step = new Map()));
      step.set(record.authorId, record);
    }
    const boards = new Map<string, BoardRecord>();
    for (const { record } of this.#boards.values()) boards.set(record.stepId, record);
    return { session: this.#session?.record, flow: this.#flow, entries, boards };
  }
}
