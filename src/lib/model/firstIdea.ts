import { fromBase32, shortId, toBase32 } from '../domain/ids.ts';
import type { StepPreview } from '../domain/stepPreview.ts';
import { fetchLoginToken, loginKeysFor, postWithLogin } from '../access/hubLogin.ts';
import { roomIdentity, type AuthorKey } from '../access/identity.ts';
import { recordMessage, signSoon } from '../access/signatures.ts';
import type { EntryData, NoteItem } from './records.ts';

/*
 * A joining phone's first idea, sent before its session has loaded. The first screen
 * (routes/j/[room]/FirstStep.svelte) signs the idea as the session would (the person's entry
 * of the step, number 1, with this device's author key for that step: identity.ts) and posts
 * it to the hub, which puts it in the room like any change a phone sends (hub/api.ts). The
 * session, once loaded, writes the same signed record again (SessionClient.adoptEntry), so
 * the idea arrives exactly once whether the hub took it or not.
 */

/** The path a phone posts its first idea to (POST, with a login token). */
export function firstIdeaPath(roomId: string): string {
  return `/api/rooms/${roomId}/ideas`;
}

/** A first idea as signed on the phone: the entry record and where it goes. */
export interface SignedFirstIdea {
  readonly stepId: string;
  /** The entries map's key: step and author id. */
  readonly key: string;
  readonly noteId: string;
  readonly seq: 1;
  readonly at: number;
  readonly data: EntryData;
  /** The stored record (records.ts: p, q, a, d, s), as the session writes it. */
  readonly stored: {
    readonly p: Uint8Array;
    readonly q: 1;
    readonly a: number;
    readonly d: EntryData;
    readonly s: Uint8Array;
  };
}

/** Signs one idea for the previewed step (its text already checked: checkNoteText). */
export async function signFirstIdea(input: {
  readonly roomId: string;
  readonly deviceSecret: string;
  readonly preview: StepPreview;
  readonly column: string;
  readonly text: string;
  /** The person's display name; left out in an anonymous step. */
  readonly name?: string | undefined;
  readonly now: number;
}): Promise<SignedFirstIdea> {
  const author = roomIdentity(input.deviceSecret, input.roomId).author(input.preview.step.id);
  return signWith(author, input);
}

async function signWith(
  author: AuthorKey,
  input: {
    readonly roomId: string;
    readonly preview: StepPreview;
    readonly column: string;
    readonly text: string;
    readonly name?: string | undefined;
    readonly now: number;
  }
): Promise<SignedFirstIdea> {
  const { roomId, preview } = input;
  const stepId = preview.step.id;
  const noteId = shortId();
  const created = Math.max(0, Math.floor(input.now / 1000));
  // As the session's rules write it (model/decide.ts, addNote): the time after the room's
  // newest, and the name only where the step shows names.
  const time = preview.clock + 1;
  const item: NoteItem =
    input.name && !preview.step.anonymous
      ? [noteId, input.column, input.text, created, time, input.name]
      : [noteId, input.column, input.text, created, time];
  const data: EntryData = { n: [item] };
  const key = `${stepId}/${author.id}`;
  const at = preview.at;
  const message = recordMessage({ kind: 'entry', roomId, key, seq: 1, at, data });
  const s = await signSoon(message, author.secretKey);
  return {
    stepId,
    key,
    noteId,
    seq: 1,
    at,
    data,
    stored: { p: author.publicKey, q: 1, a: at, d: data, s }
  };
}

/** A first idea signed and on its way to the hub. */
export interface SentFirstIdea {
  readonly signed: SignedFirstIdea;
  readonly delivery: Promise<FirstIdeaDelivery>;
}

/** Sends a first idea: signs it, posts it, and says how the post went. */
export type FirstIdeaSender = (idea: {
  readonly column: string;
  readonly text: string;
  readonly name?: string | undefined;
  readonly now: number;
}) => Promise<SentFirstIdea>;

/** How long a token fetched beforehand is used: its challenge is good for a minute. */
const tokenFreshMs = 45_000;

/**
 * Gets ready to send the first idea of the previewed step while the person types: their
 * author key derived and a login token fetched, which would otherwise come after they send
 * (~150 ms on a phone at 4x CPU slowdown: npm run bench, first_idea_ms_cpu4x).
 */
export function prepareFirstIdea(input: {
  readonly origin: string;
  readonly roomKey: string;
  readonly deviceSecret: string;
  readonly preview: StepPreview;
}): FirstIdeaSender {
  const { origin, roomKey, deviceSecret, preview } = input;
  const keys = loginKeysFor(roomKey, deviceSecret);
  const token = fetchLoginToken(origin, keys);
  token.catch(() => undefined);
  const fetchedAt = Date.now();
  const author = roomIdentity(deviceSecret, keys.roomId).author(preview.step.id);
  return async (idea) => {
    const signed = await signWith(author, { roomId: keys.roomId, preview, ...idea });
    const fresh = Date.now() - fetchedAt < tokenFreshMs;
    const delivery = sendFirstIdea({
      origin,
      roomKey,
      deviceSecret,
      idea: signed,
      token: fresh ? token : undefined
    });
    return { signed, delivery };
  };
}

/** The signed record as JSON: its keys and signature in base32. */
export function firstIdeaBody(token: string, idea: SignedFirstIdea): string {
  const { p, q, a, d, s } = idea.stored;
  return JSON.stringify({
    token,
    key: idea.key,
    entry: { p: toBase32(p), q, a, d, s: toBase32(s) }
  });
}

/** The stored record read back from `firstIdeaBody`'s entry; undefined when it is no such thing. */
export function storedFromBody(entry: unknown): Record<string, unknown> | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { p, q, a, d, s } = entry as Record<string, unknown>;
  const publicKey = typeof p === 'string' ? fromBase32(p) : undefined;
  const signature = typeof s === 'string' ? fromBase32(s) : undefined;
  if (!publicKey || !signature) return undefined;
  return { p: publicKey, q, a, d, s: signature };
}

/** What became of a first idea sent to the hub. */
export type FirstIdeaDelivery = 'added' | 'refused' | 'failed';

/**
 * Posts the idea to the hub, logging in as the relay does. 'refused' when the hub will not
 * take it (it holds an entry of this person in the step already, the step closed, another
 * hub holds the room): the session then adds the idea itself. 'failed': no answer.
 */
export async function sendFirstIdea(input: {
  readonly origin: string;
  readonly roomKey: string;
  readonly deviceSecret: string;
  readonly idea: SignedFirstIdea;
  readonly timeoutMs?: number;
  /** A login token fetched beforehand (prepareFirstIdea). */
  readonly token?: Promise<string> | undefined;
}): Promise<FirstIdeaDelivery> {
  const delivery = await postWithLogin<FirstIdeaDelivery>({
    ...input,
    path: firstIdeaPath,
    body: (token) => firstIdeaBody(token, input.idea),
    read: (response) => (response.ok ? 'added' : 'refused'),
    timeoutMs: input.timeoutMs ?? 5000
  });
  return delivery ?? 'failed';
}
