import * as v from 'valibot';
import { carryKinds } from '../scripts/schema.ts';
import type { FlowState } from './flow.ts';

/** How a carried agreement is doing, as the facilitator marks it in a later session. */
export const agreementStatuses = ['done', 'going', 'changed', 'dropped'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

/*
 * The session doc's record kinds, each declared once with its validator: every device, the
 * hub, the exports and the fuzz read records through these, and a record that does not fit is
 * skipped (and counted), never half-read.
 *
 *   root "s" (session)  key "r"                  { q, d: SessionData, s }     facilitator key
 *   root "f" (flow)     key "<seq>.<digest>"     { state: FlowState, signature }  facilitator key
 *   root "e" (entries)  key "<step>/<author id>" { p, q, a, d: EntryData, s } the author's step key
 *   root "b" (boards)   key "<step>"             { q, d: BoardData, s }       facilitator key
 *
 * Fields added later are optional (ci, cn, as: results carried in from earlier sessions of a
 * track), so every doc written before them still reads the same.
 *
 * q is the record's sequence number: a newer record of the same key has a higher one, so an
 * older signed record replayed by a peer never wins. a is the flow state (its seq) the writer
 * saw (flow.ts inputOpen). p is the author's public key (its hash is the author id in the
 * key), s the signature over recordMessage (access/signatures.ts). Everything a person writes
 * in one step is one record, so a board of 1,000 ideas from 80 phones holds 80 signatures,
 * not 1,000; a facilitator's arrangement of a step (moves, groups, removals, agreements) is
 * one record too. Items inside carry a Lamport time, so two versions written at once (two tabs,
 * two facilitator laptops) merge item by item (merge.ts).
 *
 * Keys are short on purpose: a field name is stored with every record.
 */

/** The version of the doc's shape; a doc written by a newer Kring says so and is not read. */
export const schemaVersion = 2;

export const roots = { session: 's', flow: 'f', entries: 'e', boards: 'b' } as const;
export type RootName = (typeof roots)[keyof typeof roots];

/** The key of the session record in its root. */
export const sessionKey = 'r';

/**
 * How many items a record may hold: a record over these does not fit its kind and counts for
 * nothing, so the rules (decide.ts) refuse a change that would go over them.
 */
export const recordCaps = {
  ideasPerEntry: 100,
  takenBack: 200,
  ballotItems: 100,
  picks: 20,
  placements: 5000,
  members: 5000,
  groups: 500,
  removedIdeas: 5000,
  removedGroups: 500,
  typedIdeas: 1000,
  agreements: 500,
  removedAgreements: 500,
  carriedItems: 200,
  carriedIdeas: 200,
  reviews: 200
} as const;

// ---- building blocks ------------------------------------------------------------------------

const bytes = (length: number) =>
  v.custom<Uint8Array>(
    (value) => value instanceof Uint8Array && value.length === length,
    `must be ${length} bytes`
  );
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
const positive = v.pipe(count, v.minValue(1));
const finite = v.pipe(v.number(), v.finite());
/** Ids of steps, columns, cards, ideas, groups and agreements. */
export const idPattern = /^[0-9a-z][0-9a-z-]{0,63}$/;
const id = v.pipe(v.string(), v.regex(idPattern));
/** A column id, or '' for none. */
const optionalId = v.union([v.literal(''), id]);
/** Upper bounds in UTF-16 units; the step's own limits (in characters) apply when projected. */
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const list = <T extends v.GenericSchema>(item: T, max: number) =>
  v.pipe(v.array(item), v.maxLength(max));
const table = <T extends v.GenericSchema>(value: T, max: number) =>
  v.pipe(
    v.record(id, value),
    v.check((entries) => Object.keys(entries).length <= max, 'too many entries')
  );

// ---- items ----------------------------------------------------------------------------------

/** An idea: [id, column, text, created (seconds, the author's clock), time, name?]. */
const noteItem = v.union([
  v.strictTuple([id, id, text(1200), count, count]),
  v.strictTuple([id, id, text(1200), count, count, text(200)])
]);
export type NoteItem = v.InferOutput<typeof noteItem>;

/** What one person wrote in one step (the parts that fit the step's activity are read). */
const entryData = v.strictObject({
  /** Ideas of a brainstorm. */
  n: v.optional(list(noteItem, recordCaps.ideasPerEntry)),
  /** Ideas the author took back (kept so two versions written at once merge right). */
  x: v.optional(list(id, recordCaps.takenBack)),
  /**
   * Ideas whose words the author changed: idea -> time of the last change. An idea keeps the
   * time it was written or moved (its place on the board); this time only says which words
   * are the newest when two versions are merged.
   */
  e: v.optional(table(count, recordCaps.ideasPerEntry)),
  /** A ballot: item id -> dots. */
  b: v.optional(table(count, recordCaps.ballotItems)),
  /** Picked card ids. */
  p: v.optional(list(id, recordCaps.picks)),
  /** A round answer. */
  t: v.optional(text(600))
});
export type EntryData = v.InferOutput<typeof entryData>;

/** A facilitator's arrangement of one step. */
const boardData = v.strictObject({
  /** Placements: idea -> [column, position, time]. */
  pl: v.optional(table(v.strictTuple([id, finite, count]), recordCaps.placements)),
  /** Group membership: idea -> [group id or '', time]. */
  gm: v.optional(table(v.strictTuple([optionalId, count]), recordCaps.members)),
  /** Groups: id -> [name, column or '', position, time]. */
  g: v.optional(table(v.strictTuple([text(240), optionalId, finite, count]), recordCaps.groups)),
  /** Ideas removed by a facilitator. */
  xn: v.optional(list(id, recordCaps.removedIdeas)),
  /** Groups removed. */
  xg: v.optional(list(id, recordCaps.removedGroups)),
  /** Ideas a facilitator typed in for people without a phone. */
  fn: v.optional(list(noteItem, recordCaps.typedIdeas)),
  /** Typed-in ideas whose words were changed: idea -> time of the last change (as `e` above). */
  fe: v.optional(table(count, recordCaps.typedIdeas)),
  /** Agreements: id -> [what, who, when, position, time]. */
  ag: v.optional(
    table(v.strictTuple([text(800), text(320), text(160), finite, count]), recordCaps.agreements)
  ),
  /** Agreements removed. */
  xa: v.optional(list(id, recordCaps.removedAgreements)),
  /**
   * Results carried in from earlier sessions of the track, shown by an info step:
   * [id, kind, source, text, detail, time]. Text only: never an author id or a hidden name.
   */
  ci: v.optional(
    list(
      v.strictTuple([id, v.picklist(carryKinds), text(240), text(1200), text(320), count]),
      recordCaps.carriedItems
    )
  ),
  /** Which of the ideas in `fn` were carried in: idea id -> where it came from. */
  cn: v.optional(table(text(240), recordCaps.carriedIdeas)),
  /** Follow-up of carried agreements: item id -> [status, note, time]. */
  as: v.optional(
    table(v.strictTuple([v.picklist(agreementStatuses), text(600), count]), recordCaps.reviews)
  )
});
export type BoardData = v.InferOutput<typeof boardData>;

const sessionData = v.strictObject({
  v: positive,
  title: text(480),
  /** The session's own copy of its script (checked against the script schema when read). */
  script: v.unknown(),
  /** The facilitator's Ed25519 public key, base32; its fingerprint is V in the room key. */
  key: v.pipe(v.string(), v.regex(/^[0-9a-z]{52}$/))
});
export type SessionData = v.InferOutput<typeof sessionData>;

const timerState = v.strictObject({
  stepId: id,
  durationMs: v.pipe(count, v.maxValue(24 * 3_600_000)),
  runningSince: v.nullable(count),
  elapsedMs: count
});

export const flowStateSchema = v.strictObject({
  seq: positive,
  stepId: id,
  revealed: list(id, 100),
  votes: table(v.strictObject({ opened: positive, closed: v.optional(positive) }), 100),
  locked: table(positive, 100),
  timer: timerState,
  spotlight: v.nullable(id),
  /** The facilitator hid the projector's join QR code (absent: shown). */
  joinHidden: v.optional(v.boolean())
});

// ---- stored envelopes -----------------------------------------------------------------------

const storedEntry = v.strictObject({
  p: bytes(32),
  q: positive,
  a: count,
  d: entryData,
  s: bytes(64)
});
const storedBoard = v.strictObject({ q: positive, d: boardData, s: bytes(64) });
const storedSession = v.strictObject({ q: positive, d: sessionData, s: bytes(64) });
const storedFlow = v.strictObject({ state: flowStateSchema, signature: bytes(64) });

export type StoredEntry = v.InferOutput<typeof storedEntry>;
export type StoredBoard = v.InferOutput<typeof storedBoard>;
export type StoredSession = v.InferOutput<typeof storedSession>;
/** A signed flow state as stored (the schema checks it has FlowState's shape). */
export interface StoredFlow {
  readonly state: FlowState;
  readonly signature: Uint8Array;
}

const parser =
  <T extends v.GenericSchema>(schema: T) =>
  (value: unknown): v.InferOutput<T> | undefined => {
    const result = v.safeParse(schema, value);
    return result.success ? result.output : undefined;
  };

/** Each stored value as its kind, or undefined when it does not fit. */
export const parseStored = {
  entry: parser(storedEntry),
  board: parser(storedBoard),
  session: parser(storedSession),
  flow: parser(storedFlow) as (value: unknown) => StoredFlow | undefined
};

// ---- keys -----------------------------------------------------------------------------------

/** The key of a person's entries for a step. */
export function entryKey(stepId: string, authorId: string): string {
  return `${stepId}/${authorId}`;
}

/** Splits an entry key; undefined when it is not one. */
export function splitEntryKey(key: string): { stepId: string; authorId: string } | undefined {
  const slash = key.indexOf('/');
  if (slash <= 0) return undefined;
  const stepId = key.slice(0, slash);
  const authorId = key.slice(slash + 1);
  if (!idPattern.test(stepId) || !/^[0-9a-z]{16}$/.test(authorId)) return undefined;
  return { stepId, authorId };
}

export function isBoardKey(key: string): boolean {
  return idPattern.test(key);
}
