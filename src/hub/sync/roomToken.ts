import { timingSafeEqual } from 'node:crypto';
import { verifyCredentials } from '../../lib/sync/hubCredentials.ts';
import { roomIdForHubToken } from '../../lib/sync/roomAccess.ts';

/**
 * Whether `token` proves the key of room `roomId`: the room id must be the one derived from
 * the token (see roomAccess.ts), so the hub keeps no list of rooms or secrets. Missing or
 * malformed values are refused. The comparison is constant-time, so response timing tells a
 * guesser nothing about how close a forged token came.
 */
export function tokenOpensRoom(token: unknown, roomId: unknown): boolean {
  if (typeof token !== 'string' || typeof roomId !== 'string') return false;
  // A real token is 52 base32 characters; refuse anything far larger before hashing it.
  if (token.length > 128) return false;
  const expected = roomIdForHubToken(token);
  if (expected === undefined) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(roomId, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What the hub knows about an admitted connection. */
export interface ConnectionRole {
  readonly role: 'participant' | 'facilitator';
  /** The device's author id; absent for a bare room token. */
  readonly author: string | undefined;
  /** Fingerprint of the room's facilitator key (from the room key), to check flow signatures. */
  readonly verifier: string;
}

/**
 * Admits a connection to a room: a device's credentials (see src/lib/sync/hubCredentials.ts)
 * or a bare room token. Undefined means refused.
 */
export function admit(token: unknown, roomId: unknown, now: number): ConnectionRole | undefined {
  if (typeof token !== 'string' || typeof roomId !== 'string' || token.length > 400)
    return undefined;
  const verifier = token.split('.')[1] ?? '';
  if (token.split('.').length === 2) {
    return tokenOpensRoom(token, roomId)
      ? { role: 'participant', author: undefined, verifier }
      : undefined;
  }
  if (!tokenOpensRoom(token.split('.').slice(0, 2).join('.'), roomId)) return undefined;
  const verified = verifyCredentials(token, roomId, now);
  return verified ? { role: verified.role, author: verified.author, verifier } : undefined;
}
