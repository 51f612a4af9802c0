import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { toBase32 } from '../domain/ids.ts';
import { derive, keyPairFrom, type KeyPair } from './roomKeys.ts';

/*
 * A device's identities in one room, all derived from the device's secret (which never
 * leaves it) and the room id, so nothing links a device across rooms or archives:
 *
 *   room seed   = HKDF(device secret, salt = room id, "kring/device-room/v2")
 *   login key   = Ed25519(HKDF(room seed, "kring/login/v2"))          the hub's challenge
 *   author key  = Ed25519(HKDF(room seed, "kring/author/v2|<step>"))  one per step
 *
 * A person's entries of one step (ideas, a ballot, picks, an answer) are signed with that
 * step's author key and filed under its author id, so they stay theirs: nobody else can
 * change them. A new key per step means an idea in an anonymous step cannot be linked to a
 * named idea, a ballot or an answer of the same person in another step; the device finds its
 * own entries by deriving the same keys again. The login key is another derivation, so what
 * the hub learns at login links to no entry.
 */

/** A signing key with the id its entries are filed under. */
export interface AuthorKey extends KeyPair {
  /** base32(SHA-256(public key))[0..16]: short, and checkable against the key. */
  readonly id: string;
}

export const authorIdLength = 16;

/** The author id that belongs to a public key. */
export function authorIdOf(publicKey: Uint8Array): string {
  return toBase32(sha256(publicKey)).slice(0, authorIdLength);
}

/** One device in one room. */
export interface RoomIdentity {
  readonly roomId: string;
  readonly login: KeyPair;
  /** This device's author key for a step (derived once, then remembered). */
  author(stepId: string): AuthorKey;
}

/** The device's identity in a room. */
export function roomIdentity(deviceSecret: string, roomId: string): RoomIdentity {
  const seed = derive(utf8ToBytes(deviceSecret), 'device-room/v2', 32, utf8ToBytes(roomId));
  const authors = new Map<string, AuthorKey>();
  let login: KeyPair | undefined;
  return {
    roomId,
    get login() {
      login ??= keyPairFrom(derive(seed, 'login/v2'));
      return login;
    },
    author(stepId) {
      let key = authors.get(stepId);
      if (!key) {
        const pair = keyPairFrom(derive(seed, `author/v2|${stepId}`));
        key = { ...pair, id: authorIdOf(pair.publicKey) };
        authors.set(stepId, key);
      }
      return key;
    }
  };
}
