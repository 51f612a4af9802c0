import { utf8ToBytes } from '@noble/hashes/utils.js';
import * as Y from 'yjs';
import { authorIdOf, type AuthorKey } from '../access/identity.ts';
import {
  deriveRoomSecrets,
  derive,
  facilitatorIdentity,
  keyPairFrom,
  legacyRoomId
} from '../access/roomKeys.ts';
import { verifyInJs } from '../access/signatures.ts';
import { canonicalJson } from '../domain/canonicalJson.ts';
import { fromBase32, toBase32 } from '../domain/ids.ts';
import type { FlowState } from '../model/flow.ts';
import { flowRecordKey, signFlow } from '../model/flowRecords.ts';
import {
  entryKey,
  roots,
  schemaVersion,
  sessionKey,
  type BoardData,
  type EntryData,
  type NoteItem
} from '../model/records.ts';
import type { SessionData } from '../model/sessionData.ts';
import { signBoard, signEntry, signSession } from '../model/signedRecords.ts';
import { parseScript, type Script } from '../scripts/schema.ts';
import { SessionRecords } from './SessionRecords.ts';

/*
 * Moving a session's content into a room of its own: a copy of an imported archive (new
 * keys, so a new room), and a doc of schema 1 brought to schema 2. Every record's signature
 * covers the room, so everything is signed again: the session, flow and boards with the
 * (new) facilitator key, and each person's entries under a stand-in author key derived from
 * the facilitator key and the old author id. Stand-ins keep one person's entries of a step
 * together (limits still count per person) and link to nothing outside this session; the
 * phones that wrote them no longer find them as their own, which only matters while a
 * session runs.
 */

/** The doc's state in a canonical form: a doc and its re-imported copy give the same bytes. */
export function docState(doc: Y.Doc): Uint8Array {
  const fresh = new Y.Doc();
  Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc));
  const state = Y.encodeStateAsUpdate(fresh);
  fresh.destroy();
  return state;
}

/** A session's checked data as read from a doc of schema 2, with every signature checked. */
export function readSessionData(doc: Y.Doc, roomKey: string): SessionData {
  const { roomId, verifier } = deriveRoomSecrets(roomKey);
  const records = new SessionRecords(doc, { roomId, verifier, verifyNow: verifyInJs });
  const data = records.data;
  records.destroy();
  return data;
}

/** Whether a doc holds a session of schema 1 (and no session of schema 2 yet). */
export function isLegacyDoc(doc: Y.Doc): boolean {
  return !doc.getMap(roots.session).has(sessionKey) && doc.getMap('session').has('script');
}

/** An author key standing in for an author the facilitator cannot sign for. */
function standIn(facilitatorKey: string, label: string): AuthorKey {
  const secret = fromBase32(facilitatorKey) as Uint8Array;
  const pair = keyPairFrom(derive(secret, `stand-in/v2|${label}`));
  return { ...pair, id: authorIdOf(pair.publicKey) };
}

interface Target {
  readonly roomKey: string;
  readonly facilitatorKey: string;
  readonly title: string;
  readonly script: Script;
}

/** Writes a whole session into an empty doc for the target room. */
function writeSession(
  doc: Y.Doc,
  target: Target,
  flow: FlowState | undefined,
  entries: readonly { stepId: string; label: string; at: number; data: EntryData }[],
  boards: ReadonlyMap<string, BoardData>
): void {
  const { roomId } = deriveRoomSecrets(target.roomKey);
  const facilitator = facilitatorIdentity(target.facilitatorKey);
  doc.transact(() => {
    doc.getMap(roots.session).set(
      sessionKey,
      signSession(roomId, facilitator, 1, {
        v: schemaVersion,
        title: target.title,
        script: target.script,
        key: toBase32(facilitator.publicKey)
      })
    );
    if (flow) {
      const stored = signFlow(flow, roomId, facilitator.secretKey);
      doc.getMap(roots.flow).set(flowRecordKey(stored), stored);
    }
    for (const [stepId, data] of boards) {
      doc.getMap(roots.boards).set(stepId, signBoard(roomId, stepId, facilitator, 1, data));
    }
    for (const entry of entries) {
      const author = standIn(target.facilitatorKey, `${entry.label}|${entry.stepId}`);
      doc
        .getMap(roots.entries)
        .set(
          entryKey(entry.stepId, author.id),
          signEntry(roomId, entry.stepId, author, 1, entry.at, entry.data)
        );
    }
  });
}

/**
 * An archived session as a new, separate session: its own keys (so its own room), the same
 * content, the flow where it was, everything signed again for the new room.
 */
export function copySessionDoc(
  update: Uint8Array,
  from: { readonly roomKey: string },
  to: { readonly roomKey: string; readonly facilitatorKey: string; readonly title: string }
): Uint8Array {
  const source = new Y.Doc();
  Y.applyUpdate(source, update);
  const data = readSessionData(source, from.roomKey);
  source.destroy();
  const doc = new Y.Doc();
  if (data.session) {
    const entries = [...data.entries.values()].flatMap((step) =>
      [...step.values()].map((entry) => ({
        stepId: entry.stepId,
        label: entry.authorId,
        at: entry.at,
        data: entry.data
      }))
    );
    const boards = new Map([...data.boards].map(([stepId, board]) => [stepId, board.data]));
    writeSession(doc, { ...to, script: data.session.script }, data.flow, entries, boards);
  }
  const state = docState(doc);
  doc.destroy();
  return state;
}

// ---- schema 1 -------------------------------------------------------------------------------

const isText = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** A schema-1 flow state, if validly signed (message "kring/flow/v1|<old room id>|…"). */
function legacyFlow(
  doc: Y.Doc,
  roomKey: string,
  publicKey: Uint8Array
): Record<string, unknown> | undefined {
  const oldRoom = legacyRoomId(roomKey);
  let newest: Record<string, unknown> | undefined;
  doc.getMap<unknown>('flow').forEach((value) => {
    const { state, signature } = (value ?? {}) as { state?: unknown; signature?: unknown };
    if (typeof state !== 'object' || state === null || !isText(signature)) return;
    const bytes = fromBase32(signature);
    if (!bytes || bytes.length !== 64) return;
    const message = utf8ToBytes(`kring/flow/v1|${oldRoom}|${canonicalJson(state)}`);
    if (!verifyInJs({ message, signature: bytes, publicKey })) return;
    const seq = (state as { seq?: unknown }).seq;
    if (isNumber(seq) && (!newest || seq > (newest['seq'] as number))) {
      newest = state as Record<string, unknown>;
    }
  });
  return newest;
}

/** A schema-1 flow state in schema 2's shape: what was locked or voted stays so. */
function migrateFlow(old: Record<string, unknown>, script: Script): FlowState | undefined {
  const seq = Math.max(1, Number(old['seq']) || 1) + 1;
  const stepId =
    isText(old['stepId']) && script.steps.some((s) => s.id === old['stepId'])
      ? old['stepId']
      : script.steps[0]?.id;
  const timer = old['timer'] as FlowState['timer'] | undefined;
  if (!stepId || !timer) return undefined;
  const votes: Record<string, { opened: number; closed?: number }> = {};
  for (const [step, status] of Object.entries((old['votes'] ?? {}) as Record<string, unknown>)) {
    if (status === 'open') votes[step] = { opened: 1 };
    if (status === 'closed') votes[step] = { opened: 1, closed: seq };
  }
  const locked: Record<string, number> = {};
  for (const step of Array.isArray(old['locked']) ? old['locked'] : []) {
    if (isText(step)) locked[step] = seq;
  }
  return {
    seq,
    stepId,
    revealed: (Array.isArray(old['revealed']) ? old['revealed'] : []).filter(isText),
    votes,
    locked,
    timer,
    spotlight: isText(old['spotlight']) ? old['spotlight'] : null
  };
}

/**
 * Brings a doc of schema 1 (one Y.Map per note, personal entries keyed by a device-wide
 * author id) to schema 2 for the session's keys; undefined when it holds no session or its
 * public key is not the facilitator's. Run by the facilitator's device on its own copy.
 */
export function migrateLegacyDoc(
  legacy: Y.Doc,
  target: { readonly roomKey: string; readonly facilitatorKey: string }
): Uint8Array | undefined {
  const session = legacy.getMap<unknown>('session');
  const script = parseScript(session.get('script'));
  const title = session.get('title');
  const facilitator = facilitatorIdentity(target.facilitatorKey);
  if (
    !script.ok ||
    !isText(title) ||
    session.get('publicKey') !== toBase32(facilitator.publicKey)
  ) {
    return undefined;
  }
  const oldFlow = legacyFlow(legacy, target.roomKey, facilitator.publicKey);
  const flow = oldFlow ? migrateFlow(oldFlow, script.script) : undefined;
  const at = 1;
  const entries = new Map<string, { stepId: string; label: string; at: number; data: EntryData }>();
  const entryOf = (stepId: string, author: string) => {
    const key = `${stepId}/${author}`;
    let entry = entries.get(key);
    if (!entry) entries.set(key, (entry = { stepId, label: `v1|${author}`, at, data: {} }));
    return entry;
  };
  const boards = new Map<string, BoardData>();
  const boardOf = (stepId: string): BoardData => {
    let board = boards.get(stepId);
    if (!board) boards.set(stepId, (board = {}));
    return board;
  };
  let time = 0;
  const notes: [string, Y.Map<unknown>][] = [];
  legacy.getMap<unknown>('notes').forEach((fields, id) => {
    if (fields instanceof Y.Map) notes.push([id, fields]);
  });
  notes.sort(
    ([a, x], [b, y]) => Number(x.get('created')) - Number(y.get('created')) || a.localeCompare(b)
  );
  for (const [id, fields] of notes) {
    const [step, column, text, author, created, position, name, cluster] = [
      'step',
      'column',
      'text',
      'author',
      'created',
      'position',
      'authorName',
      'cluster'
    ].map((key) => fields.get(key));
    if (!isText(step) || !isText(column) || !isText(text) || !isText(author)) continue;
    time += 1;
    const item: NoteItem =
      isText(name) && name.trim()
        ? [id, column, text, Math.floor((Number(created) || 0) / 1000), time, name]
        : [id, column, text, Math.floor((Number(created) || 0) / 1000), time];
    const entry = entryOf(step, author);
    entry.data = { ...entry.data, n: [...(entry.data.n ?? []), item] };
    const board = boardOf(step) as {
      pl?: Record<string, [string, number, number]>;
      gm?: Record<string, [string, number]>;
    };
    if (isNumber(position)) board.pl = { ...board.pl, [id]: [column, position, time] };
    if (isText(cluster) && cluster) board.gm = { ...board.gm, [id]: [cluster, time] };
  }
  legacy.getMap<unknown>('clusters').forEach((value, id) => {
    const { stepId, name, position, column } = (value ?? {}) as Record<string, unknown>;
    if (!isText(stepId) || !isText(name) || !isNumber(position)) return;
    const board = boardOf(stepId) as { g?: Record<string, [string, string, number, number]> };
    board.g = { ...board.g, [id]: [name, isText(column) ? column : '', position, ++time] };
  });
  legacy.getMap<unknown>('actions').forEach((value, id) => {
    const { stepId, what, who, when, position } = (value ?? {}) as Record<string, unknown>;
    if (!isText(stepId) || !isText(what) || !isText(who) || !isText(when) || !isNumber(position))
      return;
    const board = boardOf(stepId) as {
      ag?: Record<string, [string, string, string, number, number]>;
    };
    board.ag = { ...board.ag, [id]: [what, who, when, position, ++time] };
  });
  const personal = (root: string, put: (data: EntryData, value: unknown) => EntryData): void => {
    legacy.getMap<unknown>(root).forEach((value, key) => {
      const slash = key.lastIndexOf('/');
      if (slash <= 0) return;
      const entry = entryOf(key.slice(0, slash), key.slice(slash + 1));
      entry.data = put(entry.data, value);
    });
  };
  personal('ballots', (data, value) =>
    typeof value === 'object' && value !== null
      ? { ...data, b: value as Record<string, number> }
      : data
  );
  personal('picks', (data, value) =>
    Array.isArray(value) ? { ...data, p: value.filter(isText) } : data
  );
  personal('answers', (data, value) => (isText(value) ? { ...data, t: value } : data));

  const doc = new Y.Doc();
  writeSession(
    doc,
    {
      roomKey: target.roomKey,
      facilitatorKey: target.facilitatorKey,
      title,
      script: script.script
    },
    flow,
    [...entries.values()],
    boards
  );
  const state = docState(doc);
  doc.destroy();
  return state;
}
