import type * as Y from 'yjs';
import type { SignedFirstIdea } from '../model/firstIdea.ts';
import type { RoomIdentity } from '../access/identity.ts';
import type { KeyPair } from '../access/roomKeys.ts';
import { toBase32 } from '../domain/ids.ts';
import type { Locale } from '../domain/locale.ts';
import { decide, type Actor, type Command, type Decision, type Write } from '../model/decide.ts';
import { claimedSeq, flowRecordKey, keepFlowStates, signFlow } from '../model/flowRecords.ts';
import { covers, mergeBoards, mergeEntries } from '../model/merge.ts';
import {
  entryKey,
  roots,
  sessionKey,
  splitEntryKey,
  type BoardData,
  type EntryData
} from '../model/records.ts';
import type { FlowState } from '../model/flow.ts';
import {
  withBoard,
  withEntry,
  type BoardRecord,
  type EntryRecord,
  type SessionData,
  type SessionInfo
} from '../model/sessionData.ts';
import { signBoard, signEntry, signSession } from '../model/signedRecords.ts';
import { project, type SessionView, type Viewer, type ViewerRole } from '../model/view.ts';
import { rememberVerdict, type RecordRoot, type SessionRecords } from './SessionRecords.ts';

/*
 * A device's side of a session: the view of the checked records (model/view.ts) for its
 * role, and commands run through the rules (model/decide.ts), signed with this device's keys
 * and written to the doc. LiveSession wraps it for the screens; the fuzz drives it directly.
 *
 * When another tab of this phone, or another facilitator laptop, writes the same record at
 * the same moment, Yjs keeps one version: this client notices that its own change is missing
 * from the record that won and writes both merged (model/merge.ts).
 */

/**
 * Which records a device signs itself: its own entries, and on a facilitator's device the
 * boards and the session (the record store writes these back whenever they are overwritten).
 */
export function ownRecords(
  identity: RoomIdentity,
  facilitator: boolean
): (root: RecordRoot, key: string) => boolean {
  return (root, key) => {
    if (root !== 'entries') return facilitator;
    const parts = splitEntryKey(key);
    return parts !== undefined && identity.author(parts.stepId).id === parts.authorId;
  };
}

export interface SessionClientOptions {
  readonly roomId: string;
  readonly role: ViewerRole;
  readonly locale: Locale;
  /** This device's keys in the room. */
  readonly identity: RoomIdentity;
  /** The facilitator's key pair, on facilitators' devices. */
  readonly facilitator?: KeyPair | undefined;
  /** The transaction origin of this device's writes. */
  readonly origin: unknown;
}

interface OwnWrite {
  readonly kind: 'entry' | 'board';
  readonly stepId: string;
  readonly seq: number;
  readonly at: number;
  readonly data: EntryData | BoardData;
}

/** What this device wrote that the checked records may not hold yet (they check in batches). */
interface Overlay {
  readonly entries: Map<string, EntryRecord>;
  readonly boards: Map<string, BoardRecord>;
  flow?: FlowState | undefined;
  session?: SessionInfo | undefined;
}

export class SessionClient {
  readonly #doc: Y.Doc;
  readonly #records: SessionRecords;
  readonly #options: SessionClientOptions;
  readonly #viewer: Viewer;
  readonly actor: Actor;
  #view: SessionView | undefined;
  #viewOf: SessionData | undefined;
  /**
   * This device's last write per record key, kept: a version written elsewhere at the same
   * time can arrive (and win) long after this device's own write showed in its records.
   */
  readonly #own = new Map<string, OwnWrite>();
  /** The record each own write was last compared with (compared again when it changes). */
  readonly #compared = new Map<string, object>();
  /** The checked records as this device last saw them. */
  #before: SessionData | undefined;
  readonly #overlay: Overlay = { entries: new Map(), boards: new Map() };
  #overlaid: { base: SessionData; data: SessionData } | undefined;
  readonly #stop: () => void;

  constructor(doc: Y.Doc, records: SessionRecords, options: SessionClientOptions) {
    this.#doc = doc;
    this.#records = records;
    this.#options = options;
    const facilitator = options.role !== 'participant' && options.facilitator !== undefined;
    this.#viewer = {
      role: options.role,
      locale: options.locale,
      authorOf: (stepId) => options.identity.author(stepId).id
    };
    this.actor = {
      role: options.role,
      facilitator,
      authorOf: (stepId) => options.identity.author(stepId).id
    };
    this.#stop = records.subscribe((data) => this.#keepOwnWrites(data));
  }

  /** The session as this device sees it now (a new view after every change). */
  get view(): SessionView {
    const data = this.#data();
    if (!this.#view || this.#viewOf !== data) {
      this.#view = project(data, this.#viewer);
      this.#viewOf = data;
    }
    return this.#view;
  }

  /** Runs a command: decides, and on acceptance signs and writes its records. */
  run(command: Command): Decision {
    const decision = decide(this.actor, command, this.view);
    if (decision.ok) this.#write(decision.writes);
    return decision;
  }

  /**
   * Writes an entry this device signed before the session loaded (a joining phone's first
   * idea, model/firstIdea.ts, which the hub may hold already) as its own write: the same
   * record, so the idea is there once either way, and later writes build on it. False when
   * the doc holds another version of this entry (the device wrote in the step before).
   */
  adoptEntry(signed: SignedFirstIdea): boolean {
    const author = this.#options.identity.author(signed.stepId);
    const key = entryKey(signed.stepId, author.id);
    if (key !== signed.key) return false;
    const there = this.#doc.getMap<unknown>(roots.entries).get(key);
    const same = there !== undefined && sameSignature(there, signed.stored.s);
    if (there !== undefined && !same) return false;
    const { stepId, seq, at, data } = signed;
    if (!same) {
      this.#doc.transact(() => this.#set(roots.entries, key, signed.stored), this.#options.origin);
    }
    this.#own.set(`e:${key}`, { kind: 'entry', stepId, seq, at, data });
    this.#overlay.entries.set(key, { stepId, authorId: author.id, seq, at, data });
    this.#overlayChanged = true;
    return true;
  }

  destroy(): void {
    this.#stop();
  }

  #write(writes: readonly Write[]): void {
    this.#doc.transact(() => {
      for (const write of writes) this.#writeOne(write);
    }, this.#options.origin);
  }

  /** The checked records with this device's own newer writes on top. */
  #data(): SessionData {
    const base = this.#records.data;
    const overlay = this.#overlay;
    if (this.#overlaid?.base === base && !this.#overlayChanged) return this.#overlaid.data;
    let data = base;
    for (const [key, entry] of overlay.entries) {
      if ((base.entries.get(entry.stepId)?.get(entry.authorId)?.seq ?? 0) >= entry.seq) {
        overlay.entries.delete(key);
      } else data = withEntry(data, entry);
    }
    for (const [key, board] of overlay.boards) {
      if ((base.boards.get(key)?.seq ?? 0) >= board.seq) overlay.boards.delete(key);
      else data = withBoard(data, board);
    }
    if (overlay.flow && (base.flow?.seq ?? 0) >= overlay.flow.seq) overlay.flow = undefined;
    if (overlay.flow) data = { ...data, flow: overlay.flow };
    if (overlay.session && (base.session?.seq ?? 0) >= overlay.session.seq)
      overlay.session = undefined;
    if (overlay.session) data = { ...data, session: overlay.session };
    this.#overlaid = { base, data };
    this.#overlayChanged = false;
    return data;
  }

  #overlayChanged = false;

  #writeOne(write: Write): void {
    const { roomId, identity, facilitator } = this.#options;
    const data = this.#data();
    switch (write.kind) {
      case 'entry': {
        const author = identity.author(write.stepId);
        const seq = (data.entries.get(write.stepId)?.get(author.id)?.seq ?? 0) + 1;
        const stored = signEntry(roomId, write.stepId, author, seq, write.at, write.data);
        const key = entryKey(write.stepId, author.id);
        this.#set(roots.entries, key, stored);
        this.#own.set(`e:${key}`, {
          kind: 'entry',
          stepId: write.stepId,
          seq,
          at: write.at,
          data: write.data
        });
        this.#overlay.entries.set(key, {
          stepId: write.stepId,
          authorId: author.id,
          seq,
          at: write.at,
          data: write.data
        });
        break;
      }
      case 'board': {
        if (!facilitator) return;
        const seq = (data.boards.get(write.stepId)?.seq ?? 0) + 1;
        const stored = signBoard(roomId, write.stepId, facilitator, seq, write.data);
        this.#set(roots.boards, write.stepId, stored);
        this.#own.set(`b:${write.stepId}`, {
          kind: 'board',
          stepId: write.stepId,
          seq,
          at: 0,
          data: write.data
        });
        this.#overlay.boards.set(write.stepId, { stepId: write.stepId, seq, data: write.data });
        break;
      }
      case 'session': {
        if (!facilitator) return;
        const seq = (data.session?.seq ?? 0) + 1;
        const record = { ...write.data, key: toBase32(facilitator.publicKey) };
        this.#set(roots.session, sessionKey, signSession(roomId, facilitator, seq, record));
        this.#overlay.session = {
          seq,
          version: record.v,
          title: record.title,
          script: record.script,
          facilitatorKey: record.key
        };
        break;
      }
      case 'flow': {
        if (!facilitator) return;
        const stored = signFlow(write.state, roomId, facilitator.secretKey);
        const key = flowRecordKey(stored);
        const flow = this.#doc.getMap<unknown>(roots.flow);
        this.#set(roots.flow, key, stored);
        // Only states before the new one go: a forged state with a higher number must not
        // push the facilitator's newest state out.
        const older = [...flow.keys()]
          .filter((other) => claimedSeq(other) < write.state.seq)
          .sort();
        for (const old of older.slice(0, -(keepFlowStates - 1))) flow.delete(old);
        this.#overlay.flow = write.state;
        break;
      }
    }
  }

  #set(root: string, key: string, value: object): void {
    // Signed here: no need to check it again.
    rememberVerdict(value, true);
    this.#overlayChanged = true;
    this.#doc.getMap<unknown>(root).set(key, value);
  }

  /** Writes again, merged, what another device's simultaneous version of a record lacks. */
  #keepOwnWrites(data: SessionData): void {
    const again: Write[] = [];
    for (const [id, own] of this.#own) {
      if (own.kind === 'entry') {
        const current = data.entries
          .get(own.stepId)
          ?.get(this.#options.identity.author(own.stepId).id);
        // Not there yet (still being checked), or not reached by another version yet.
        if (!current || current.seq < own.seq || this.#compared.get(id) === current) continue;
        this.#compared.set(id, current);
        if (covers(current.data, own.data as EntryData, mergeEntries)) continue;
        again.push({
          kind: 'entry',
          stepId: own.stepId,
          at: own.at,
          data: mergeEntries(current.data, own.data as EntryData)
        });
      } else {
        const current = data.boards.get(own.stepId);
        if (!current || current.seq < own.seq || this.#compared.get(id) === current) continue;
        this.#compared.set(id, current);
        if (covers(current.data, own.data as BoardData, mergeBoards)) continue;
        again.push({
          kind: 'board',
          stepId: own.stepId,
          data: mergeBoards(current.data, own.data as BoardData)
        });
      }
    }
    again.push(...this.#mergeForks(data));
    if (again.length > 0) this.#write(again);
  }

  /**
   * A record this device held, replaced by a version that lacks part of it: two versions were
   * written at once, and the one that won in Yjs was written without the other. The device
   * that wrote the other may have reloaded since (its own write is forgotten then), so any
   * device that can sign the record merges them: a facilitator's device a board, a person's
   * device their own entries. For entries only ideas tell (a new ballot replaces the old).
   */
  #mergeForks(data: SessionData): Write[] {
    const before = this.#before;
    this.#before = data;
    if (!before) return [];
    const writes: Write[] = [];
    if (this.#options.facilitator && this.actor.facilitator) {
      for (const [stepId, current] of data.boards) {
        const held = before.boards.get(stepId);
        if (!held || held === current || covers(current.data, held.data, mergeBoards)) continue;
        writes.push({ kind: 'board', stepId, data: mergeBoards(current.data, held.data) });
      }
    }
    for (const [stepId, byAuthor] of data.entries) {
      const me = this.#options.identity.author(stepId).id;
      const current = byAuthor.get(me);
      const held = before.entries.get(stepId)?.get(me);
      if (!current || !held || held === current) continue;
      const forked =
        current.seq === held.seq
          ? !covers(current.data, held.data, mergeEntries)
          : !covers(ideasOf(current.data), ideasOf(held.data), mergeEntries);
      if (!forked) continue;
      writes.push({
        kind: 'entry',
        stepId,
        at: Math.max(current.at, held.at),
        data: mergeEntries(current.data, held.data)
      });
    }
    return writes;
  }
}

/** The ideas of an entry, their changed words and the ones taken back: what a later version always still says. */
function ideasOf(data: EntryData): EntryData {
  return { n: data.n, x: data.x, e: data.e };
}

/** Whether a stored value carries this signature (the same signed record). */
function sameSignature(value: unknown, signature: Uint8Array): boolean {
  const s = (value as { s?: unknown } | null)?.s;
  return (
    s instanceof Uint8Array &&
    s.length === signature.length &&
    s.every((byte, index) => byte === signature[index])
  );
}
