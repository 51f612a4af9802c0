import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { toBase32 } from '../domain/ids.ts';

/*
 * Apart from hubCredentials.ts (which re-exports it) because the join page needs the
 * device's author id for its first screen, and hubCredentials.ts brings Ed25519 along.
 */

/** The public author id of a device: never reveals its secret. */
export function authorIdOf(deviceSecret: string): string {
  return toBase32(sha256(utf8ToBytes(`kring/author/v1:${deviceSecret}`))).slice(0, 26);
}
