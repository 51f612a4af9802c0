import { ed25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { cryptoRandomBytes, fromBase32, toBase32, type RandomBytes } from '../domain/ids.ts';

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
 */

const keyBytes = 16;
const verifierBytes = 16;
const keyChars = Math.ceil((keyBytes * 8) / 5);
const verifierChars = Math.ceil((verifierBytes * 8) / 5);
/** Length of a room key ("K.V") as written in links. */
export const roomKeyLength = keyChars + 1 + verifierChars;
export const roomIdLength = 26;

/** What a device derives from a room key. */
export interface RoomSecrets {
  readonly roomId: string;
  /** The credential a device sends the hub: "hub secret.V". */
  readonly hubToken: string;
  readonly peerSecret: string;
  /** Fingerprint of the facilitator's public key. */
  readonly verifier: string;
}

/** The facilitator's signing identity, derived from the facilitator key. */
export interface FacilitatorIdentity {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly verifier: string;
}

export type RoomKeyProblem = 'missing' | 'truncated' | 'malformed';

export type JoinCheck =
  | { readonly ok: true; readonly roomKey: string; readonly secrets: RoomSecrets }
  | { readonly ok: false; readonly problem: RoomKeyProblem | 'mismatch' };

function derive(key: Uint8Array, purpose: string, length = 32): Uint8Array {
  return hkdf(sha256, key, undefined, utf8ToBytes(`kring/${purpose}/v1`), length);
}

/** The fingerprint of a facilitator's public key, as written in room keys. */
export function verifierOf(publicKey: Uint8Array): string {
  return toBase32(sha256(publicKey).slice(0, verifierBytes));
}

/** A fresh facilitator key, as stored in the facilitator's session library. */
export function newFacilitatorKey(random: RandomBytes = cryptoRandomBytes): string {
  return toBase32(random(keyBytes));
}

/** The signing identity belonging to a facilitator key. */
export function facilitatorIdentity(facilitatorKey: string): FacilitatorIdentity {
  const key = fromBase32(facilitatorKey);
  if (!key || key.length !== keyBytes) throw new Error('not a facilitator key');
  const secretKey = derive(key, 'facilitator-signing');
  const publicKey = ed25519.getPublicKey(secretKey);
  return { secretKey, publicKey, verifier: verifierOf(publicKey) };
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

function roomIdFrom(hubSecret: Uint8Array, verifier: Uint8Array): string {
  return toBase32(sha256(concatBytes(hubSecret, verifier))).slice(0, roomIdLength);
}

/**
 * The room id a hub credential claims, or undefined when it is not well formed. Only the
 * first two parts ("hub secret.V") count; more parts carry a role (see hubCredentials.ts).
 */
export function roomIdForHubToken(token: string): string | undefined {
  const [secretText = '', verifierText = ''] = token.split('.');
  const secret = fromBase32(secretText);
  const verifier = fromBase32(verifierText);
  if (!secret || secret.length !== 32 || !verifier || verifierText.length !== verifierChars) {
    return undefined;
  }
  return roomIdFrom(secret, verifier);
}

/** Checks the shape of a room key as typed or taken from a link fragment. */
export function checkRoomKey(
  text: string
): { ok: true; roomKey: string } | { ok: false; problem: RoomKeyProblem } {
  const roomKey = text.trim().toLowerCase();
  if (roomKey.length === 0) return { ok: false, problem: 'missing' };
  const [key = '', verifier, ...rest] = roomKey.split('.');
  if (rest.length > 0 || !fromBase32(key) || (verifier !== undefined && !fromBase32(verifier))) {
    return { ok: false, problem: 'malformed' };
  }
  if (key.length > keyChars || (verifier?.length ?? 0) > verifierChars) {
    return { ok: false, problem: 'malformed' };
  }
  if (key.length < keyChars || verifier === undefined || verifier.length < verifierChars) {
    return { ok: false, problem: 'truncated' };
  }
  return { ok: true, roomKey };
}

/** Derives the room id and the secrets from a room key ("K.V"). */
export function deriveRoomSecrets(roomKey: string): RoomSecrets {
  const check = checkRoomKey(roomKey);
  if (!check.ok) throw new Error('not a room key');
  const [keyText = '', verifierText = ''] = check.roomKey.split('.');
  const key = fromBase32(keyText) as Uint8Array;
  const hubSecret = derive(key, 'hub-token');
  return {
    roomId: roomIdFrom(hubSecret, fromBase32(verifierText) as Uint8Array),
    hubToken: `${toBase32(hubSecret)}.${verifierText}`,
    peerSecret: toBase32(derive(key, 'peer-secret')),
    verifier: verifierText
  };
}

/**
 * Checks a join link: the room id from its path and the key from its fragment must
 * belong together, so a mistyped or cut-off link is caught before any network.
 */
export function checkJoinLink(roomId: string, fragment: string): JoinCheck {
  const key = checkRoomKey(fragment.replace(/^#/, ''));
  if (!key.ok) return key;
  const secrets = deriveRoomSecrets(key.roomKey);
  if (secrets.roomId !== roomId.toLowerCase()) return { ok: false, problem: 'mismatch' };
  return { ok: true, roomKey: key.roomKey, secrets };
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

/** The path and fragment a participant opens: `/j/<room id>#<room key>`. */
export function joinPath(roomKey: string): string {
  return `/j/${deriveRoomSecrets(roomKey).roomId}#${roomKey}`;
}
