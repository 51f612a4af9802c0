import * as Y from 'yjs';
import { canonicalJson } from '../../../src/lib/domain/canonicalJson.ts';
import { parseStored, roots, sessionKey } from '../../../src/lib/model/records.ts';
import type { SessionData, SessionInfo } from '../../../src/lib/model/sessionData.ts';
import { rootName } from './hostile.ts';
import type { SessionSetup } from './session.ts';

/*
 * The oracle's own bookkeeping, kept as the case runs and never read back from a synced doc:
 * every record an honest device wrote (through its SessionClient: commands and the merges it
 * writes by itself), with the Yjs item that holds it and the device that wrote it; which
 * author ids belong to honest devices; what each honest device showed (each version of its
 * checked records, to be judged against the writes once the step has ended); and what the
 * hostile device and the honest devices did, for the report.
 */

export type Root = 'session' | 'flow' | 'entries' | 'boards';

const rootNames: Record<string, Root> = {
  [roots.session]: 'session',
  [roots.flow]: 'flow',
  [roots.entries]: 'entries',
  [roots.boards]: 'boards'
};

export interface HonestWrite {
  readonly root: Root;
  /** The record's key in its root ('' for flow states: each has a key of its own). */
  readonly key: string;
  readonly seq: number;
  readonly at: number;
  /** The record's data: entry, board or session data, or the flow state. */
  readonly data: unknown;
  /** What identifies the record's content (writeId). */
  readonly id: string;
  /** The Yjs item that holds it. */
  readonly item: Y.ID;
  readonly device: number;
  readonly step: number;
}

/** How the oracle recognises a record: its kind, key, numbers and data. */
export function writeId(root: Root, key: string, seq: number, at: number, data: unknown): string {
  return `${root} ${key} ${seq} ${at} ${canonicalJson(data)}`;
}

/** The session record's data as written (SessionRecords hands it out checked and named). */
export function sessionWritten(session: SessionInfo): unknown {
  return {
    v: session.version,
    title: session.title,
    script: session.script,
    key: session.facilitatorKey
  };
}

/** Someone whose device is honest, in one step. */
export interface HonestAuthor {
  readonly device: number;
  readonly stepId: string;
}

/** A device watched by the ledger (the world's SimDevice). */
export interface Watched {
  readonly index: number;
  readonly name: string;
  readonly incarnation: number;
  readonly records: { subscribe(listener: (data: SessionData) => void): () => void };
}

export class Ledger {
  readonly writes: HonestWrite[] = [];
  readonly #ids = new Set<string>();
  readonly #byKey = new Map<string, HonestWrite[]>();
  readonly #setup: SessionSetup;
  readonly #authors = new Map<string, HonestAuthor>();
  readonly #stepsKnown = new Set<string>();
  /** Hostile operations that wrote something, per kind. */
  readonly hostile: Record<string, number> = {};
  /** Honest commands per type, accepted and refused. */
  readonly commands: Record<string, number> = {};
  /** Losses the oracle allows, by kind (see oracle.ts lostByWriter), for the report. */
  readonly tolerated: Record<string, number> = {};
  /** What honest devices showed that they must not have, found as the case ran. */
  readonly violations: string[] = [];
  /** Versions of honest devices' checked records, to be judged at the end of the step. */
  #shown: { device: string; step: number; data: SessionData }[] = [];
  readonly #judged = new WeakSet<object>();

  constructor(setup: SessionSetup) {
    this.#setup = setup;
  }

  /**
   * The honest device an author id of a step belongs to, if any. Derived per step when first
   * asked (an author key costs a scalar multiplication).
   */
  honestAuthor(stepId: string, authorId: string): HonestAuthor | undefined {
    if (!this.#stepsKnown.has(stepId)) {
      this.#stepsKnown.add(stepId);
      this.#setup.roles.forEach((role, device) => {
        const id =
          role === 'hostile' ? undefined : this.#setup.identities[device]?.author(stepId).id;
        if (id) this.#authors.set(`${stepId}/${id}`, { device, stepId });
      });
    }
    return this.#authors.get(`${stepId}/${authorId}`);
  }

  count(table: Record<string, number>, name: string): void {
    table[name] = (table[name] ?? 0) + 1;
  }

  /** Whether an honest device wrote this record (its content, exactly). */
  wrote(root: Root, key: string, seq: number, at: number, data: unknown): boolean {
    return this.#ids.has(writeId(root, key, seq, at, data));
  }

  writesOf(root: Root, key: string): readonly HonestWrite[] {
    return this.#byKey.get(`${root} ${key}`) ?? [];
  }

  /**
   * Follows an honest device's doc: records what its own transactions wrote, and each version
   * of its checked records.
   */
  watch(device: Watched, doc: Y.Doc, origin: symbol, now: () => number): void {
    // Before the observers run: they may write again (a merge) within this cleanup.
    doc.on('beforeObserverCalls', (transaction: Y.Transaction) => {
      if (transaction.origin !== origin) return;
      for (const [type, keys] of transaction.changed) {
        if (!(type instanceof Y.Map) || type._item !== null) continue;
        const root = rootName(doc, type);
        const name = root === undefined ? undefined : rootNames[root];
        if (!name) continue;
        for (const key of keys) {
          if (key === null) continue;
          const item = type._map.get(key);
          if (!item || item.deleted) continue;
          this.#record(name, key, type.get(key), item.id, device.index, now());
        }
      }
    });
    let lastFlow = 0;
    device.records.subscribe((data) => {
      this.#shown.push({ device: device.name, step: now(), data });
      const seq = data.flow?.seq ?? 0;
      if (seq < lastFlow) {
        this.violations.push(
          `${device.name} went back from flow seq ${lastFlow} to ${seq} at #${now()}`
        );
      }
      lastFlow = seq;
    });
  }

  #record(root: Root, key: string, value: unknown, item: Y.ID, device: number, step: number) {
    let write: Omit<HonestWrite, 'id' | 'item' | 'device' | 'step'> | undefined;
    if (root === 'flow') {
      const stored = parseStored.flow(value);
      if (stored) write = { root, key: '', seq: stored.state.seq, at: 0, data: stored.state };
    } else if (root === 'entries') {
      const stored = parseStored.entry(value);
      if (stored) write = { root, key, seq: stored.q, at: stored.a, data: stored.d };
    } else if (root === 'boards') {
      const stored = parseStored.board(value);
      if (stored) write = { root, key, seq: stored.q, at: 0, data: stored.d };
    } else if (key === sessionKey) {
      const stored = parseStored.session(value);
      if (stored) write = { root, key, seq: stored.q, at: 0, data: stored.d };
    }
    if (!write) {
      this.violations.push(`d${device} wrote something that is no record at ${root}/${key}`);
      return;
    }
    const id = writeId(write.root, write.key, write.seq, write.at, write.data);
    const full: HonestWrite = { ...write, id, item, device, step };
    this.writes.push(full);
    this.#ids.add(id);
    const byKey = `${root} ${full.key}`;
    this.#byKey.set(byKey, [...(this.#byKey.get(byKey) ?? []), full]);
  }

  /**
   * Judges what honest devices showed during the step that just ended: every session record,
   * flow state, board, and entry of an honest author must be one an honest device wrote.
   */
  judgeShown(): void {
    for (const { device, step, data } of this.#shown) {
      const where = `${device} showed at #${step}`;
      const session = data.session;
      if (session && !this.#judged.has(session)) {
        this.#judged.add(session);
        if (!this.wrote('session', sessionKey, session.seq, 0, sessionWritten(session)))
          this.violations.push(
            `${where} a session record nobody honest wrote (seq ${session.seq})`
          );
      }
      const flow = data.flow;
      if (flow && !this.#judged.has(flow)) {
        this.#judged.add(flow);
        if (!this.wrote('flow', '', flow.seq, 0, flow))
          this.violations.push(`${where} a flow state no facilitator signed (seq ${flow.seq})`);
      }
      for (const board of data.boards.values()) {
        if (this.#judged.has(board)) continue;
        this.#judged.add(board);
        if (!this.wrote('boards', board.stepId, board.seq, 0, board.data))
          this.violations.push(`${where} a board of ${board.stepId} no facilitator wrote`);
      }
      for (const step of data.entries.values()) {
        for (const entry of step.values()) {
          if (this.#judged.has(entry)) continue;
          this.#judged.add(entry);
          const author = this.honestAuthor(entry.stepId, entry.authorId);
          if (!author) continue;
          const key = `${entry.stepId}/${entry.authorId}`;
          if (!this.wrote('entries', key, entry.seq, entry.at, entry.data))
            this.violations.push(
              `${where} an entry under d${author.device}'s author id in ${entry.stepId} that d${author.device} never wrote (seq ${entry.seq})`
            );
        }
      }
    }
    this.#shown = [];
  }
}
