import { timingSafeEqual } from 'node:crypto';
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
