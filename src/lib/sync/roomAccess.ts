import { ed25519 } from '@noble/curves/ed25519.js';
import { cryptoRandomBytes, fromBase32, toBase32, type RandomBytes } from '../domain/ids.ts';
import {
  checkJoinLink,
  deriveRoomSecrets,
  derive,
  keyChars,
  verifierOf,
  type RoomKeyProblem
} from './roomSecrets.ts';

/*
 * Who may enter a room, and who may steer it.
 *
 * The facilitator key F (128 random bits) stays on facilitators' devices. From it come an
 * Ed25519 signing key and its fingerprint, the verifier V = SHA-256(public key)[0..16].
 * The room key is written "K.V": K is 128 random bits, V names the facilitator. It travels
 * only in the URL fragment of the join link, which browsers never send to a server.
 *
 *   hub secret = HKDF(K, "kring/hub-token/v1")          proves K to the hub
 *   room id    = base32(SHA-256(hub secret ‖ V))[0..26]  public: paths, the hub's doc name
 *   peer secret= HKDF(K, "kring/peer-secret/v1")         encrypts peer-to-peer signaling
 *
 * A device sends the hub "hub secret.V"; the hub recomputes the room id, so it stores no
 * secret per room. Because V is bound into the room id, nobody can swap in another
 * facilitator: every device checks flow signatures against the public key whose
 * fingerprint is V, and the hub accepts a facilitator only with a signature by that key.
 *
 * Checking links and deriving a room's secrets need no Ed25519: they live in roomSecrets.ts
 * (re-exported here), which the join page loads before anything else. This module adds the
 * facilitator's keys.
 */

export * from './roomSecrets.ts';

const keyBytes = 16;

/** The facilitator's signing identity, derived from the facilitator key. */
export interface FacilitatorIdentity {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly verifier: string;
}

/** A fresh facilitator key, as stored in the facilitator's session library. */
export function newFacilitatorKey(random: RandomBytes = cryptoRandomBytes): string {
  return toBase32(random(keyBytes));
}

/**
 * Identities already derived on this device. Deriving one is an Ed25519 scalar
 * multiplication (milliseconds; the first one also builds the curve's tables), and a
 * facilitator's screen needs it on opening and again for every hub connection.
 */
const identities = new Map<string, FacilitatorIdentity>();

/** The signing identity belonging to a facilitator key. */
export function facilitatorIdentity(facilitatorKey: string): FacilitatorIdentity {
  const known = identities.get(facilitatorKey);
  if (known) return known;
  const key = fromBase32(facilitatorKey);
  if (!key || key.length !== keyBytes) throw new Error('not a facilitator key');
  const secretKey = derive(key, 'facilitator-signing');
  const publicKey = ed25519.getPublicKey(secretKey);
  const identity = { secretKey, publicKey, verifier: verifierOf(publicKey) };
  identities.set(facilitatorKey, identity);
  return identity;
}

/** Fresh keys for a new session: the facilitator's key and the room key that names it. */
export function newSessionKeys(random: RandomBytes = cryptoRandomBytes): {
  roomKey: string;
  facilitatorKey: string;
} {
  const facilitatorKey = newFacilitatorKey(random);
  return { facilitatorKey, roomKey: newRoomKey(random, facilitatorKey) };
}

/**
 * A fresh room key for a facilitator (or, without one, for a made-up facilitator: tests
 * and tools that only need a valid room).
 */
export function newRoomKey(
  random: RandomBytes = cryptoRandomBytes,
  facilitatorKey: string = newFacilitatorKey(random)
): string {
  return `${toBase32(random(keyBytes))}.${facilitatorIdentity(facilitatorKey).verifier}`;
}

export type FacilitatorLinkCheck =
  | {
      readonly ok: true;
      readonly roomKey: string;
      readonly facilitatorKey: string;
      readonly roomId: string;
    }
  | { readonly ok: false; readonly problem: RoomKeyProblem | 'mismatch' };

/**
 * Checks a co-facilitator's link `/f/<room id>#<room key>.<facilitator key>`: the room key
 * must belong to the room, and the facilitator key must be the one the room key names.
 */
export function checkFacilitatorLink(roomId: string, fragment: string): FacilitatorLinkCheck {
  const parts = fragment.replace(/^#/, '').trim().toLowerCase().split('.');
  const facilitatorKey = parts.length === 3 ? (parts.pop() ?? '') : '';
  const join = checkJoinLink(roomId, parts.join('.'));
  if (!join.ok) return join;
  if (facilitatorKey.length < keyChars) return { ok: false, problem: 'truncated' };
  const key = fromBase32(facilitatorKey);
  if (!key || key.length !== keyBytes || facilitatorKey.length !== keyChars) {
    return { ok: false, problem: 'malformed' };
  }
  if (facilitatorIdentity(facilitatorKey).verifier !== join.secrets.verifier) {
    return { ok: false, problem: 'mismatch' };
  }
  return { ok: true, roomKey: join.roomKey, facilitatorKey, roomId: join.secrets.roomId };
}

/** The link for a second facilitator's laptop: it carries the facilitator key, so share it with care. */
export function facilitatorPath(roomKey: string, facilitatorKey: string): string {
  return `/f/${deriveRoomSecrets(roomKey).roomId}#${roomKey}.${facilitatorKey}`;
}
