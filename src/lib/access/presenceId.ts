import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { presenceIdLength } from '../domain/participant.ts';
import { toBase32 } from '../domain/ids.ts';

/**
 * How a device shows itself in one room's presence. The same after a reload (so a reload
 * counts once), different in every room, and linked to nothing the device writes: a hash
 * of its secret for this purpose and room alone, where notes carry an author id hashed for
 * another purpose. Only the device itself can tell the two belong together.
 */
export function presenceIdOf(deviceSecret: string, roomId: string): string {
  const input = `kring/presence/v1|${deviceSecret}|${roomId}`;
  return toBase32(sha256(utf8ToBytes(input))).slice(0, presenceIdLength);
}
