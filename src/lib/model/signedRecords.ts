import { authorIdOf, type AuthorKey } from '../access/identity.ts';
import { verifierOf, type KeyPair } from '../access/roomKeys.ts';
import { recordMessage, signMessage, type VerifyRequest } from '../access/signatures.ts';
import { fromBase32, toBase32 } from '../domain/ids.ts';
import { parseScript } from '../scripts/schema.ts';
import {
  parseStored,
  schemaVersion,
  sessionKey,
  splitEntryKey,
  isBoardKey,
  type BoardData,
  type EntryData,
  type StoredBoard,
  type StoredEntry,
  type StoredSession
} from './records.ts';
import type { BoardRecord, EntryRecord, SessionInfo } from './sessionData.ts';

/*
 * Signing records and telling what to check before a stored value counts. Checking a value
 * gives the record it would be plus the signature check to make; whoever reads (a screen in
 * batches, the hub at once) makes the check and keeps its answer.
 */

export interface Checkable<T> {
  readonly record: T;
  readonly request: VerifyRequest;
}

/** A session record to check; `newer` when it was written by a newer Kring (not readable here). */
export interface SessionCheck {
  readonly record: SessionInfo | undefined;
  readonly newer?: number | undefined;
  readonly request: VerifyRequest;
}

export function signEntry(
  roomId: string,
  stepId: string,
  author: AuthorKey,
  seq: number,
  at: number,
  data: EntryData
): StoredEntry {
  const key = `${stepId}/${author.id}`;
  const s = signMessage(
    recordMessage({ kind: 'entry', roomId, key, seq, at, data }),
    author.secretKey
  );
  return { p: author.publicKey, q: seq, a: at, d: data, s };
}

export function signBoard(
  roomId: string,
  stepId: string,
  facilitator: KeyPair,
  seq: number,
  data: BoardData
): StoredBoard {
  const message = recordMessage({ kind: 'board', roomId, key: stepId, seq, at: 0, data });
  return { q: seq, d: data, s: signMessage(message, facilitator.secretKey) };
}

export function signSession(
  roomId: string,
  facilitator: KeyPair,
  seq: number,
  data: StoredSession['d']
): StoredSession {
  const message = recordMessage({ kind: 'session', roomId, key: sessionKey, seq, at: 0, data });
  return { q: seq, d: data, s: signMessage(message, facilitator.secretKey) };
}

/** An entry to check: well formed, stored under its author's id. */
export function entryCheck(
  roomId: string,
  key: string,
  value: unknown
): Checkable<EntryRecord> | undefined {
  const parts = splitEntryKey(key);
  const stored = parseStored.entry(value);
  if (!parts || !stored || authorIdOf(stored.p) !== parts.authorId) return undefined;
  return {
    record: {
      stepId: parts.stepId,
      authorId: parts.authorId,
      seq: stored.q,
      at: stored.a,
      data: stored.d
    },
    request: {
      message: recordMessage({
        kind: 'entry',
        roomId,
        key,
        seq: stored.q,
        at: stored.a,
        data: stored.d
      }),
      signature: stored.s,
      publicKey: stored.p
    }
  };
}

/** A facilitator's board record to check against the session's facilitator key. */
export function boardCheck(
  roomId: string,
  key: string,
  value: unknown,
  facilitatorKey: Uint8Array
): Checkable<BoardRecord> | undefined {
  const stored = parseStored.board(value);
  if (!stored || !isBoardKey(key)) return undefined;
  return {
    record: { stepId: key, seq: stored.q, data: stored.d },
    request: {
      message: recordMessage({ kind: 'board', roomId, key, seq: stored.q, at: 0, data: stored.d }),
      signature: stored.s,
      publicKey: facilitatorKey
    }
  };
}

/**
 * The session record to check: its key must be the facilitator's that the room key names
 * (V), and its script must be a script. A record of a newer schema is reported as such.
 */
export function sessionCheck(
  roomId: string,
  key: string,
  value: unknown,
  verifier: string
): SessionCheck | undefined {
  const stored = parseStored.session(value);
  if (key !== sessionKey || !stored) return undefined;
  const publicKey = fromBase32(stored.d.key);
  if (!publicKey || publicKey.length !== 32 || verifierOf(publicKey) !== verifier) return undefined;
  const request: VerifyRequest = {
    message: recordMessage({ kind: 'session', roomId, key, seq: stored.q, at: 0, data: stored.d }),
    signature: stored.s,
    publicKey
  };
  if (stored.d.v > schemaVersion) return { record: undefined, newer: stored.d.v, request };
  const script = parseScript(stored.d.script);
  if (!script.ok) return undefined;
  return {
    record: {
      seq: stored.q,
      version: stored.d.v,
      title: stored.d.title,
      script: script.script,
      facilitatorKey: toBase32(publicKey)
    },
    request
  };
}
