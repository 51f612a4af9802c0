import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { cryptoRandomBytes, fromBase32, toBase32, type RandomBytes } from '../domain/ids.ts';
import { publicKeyOf } from './publicKeys.ts';
import { checkRoomKeyShape, roomIdLength, type RoomKeyProblem } from './roomKeyShape.ts';

/*
 * Who may enter a room, and who may steer it. Nothing secret ever leaves a device.
 *
 * The facilitator key F (128 random bits) stays on facilitators' devices. From it come an
 * Ed25519 signing key and its fingerprint V = SHA-256(public key)[0..16]. The room key is
 * written "K.V": K is 128 random bits, V names the facilitator. It travels only in the URL
 * fragment of the join link, which browsers never send to a server.
 *
 *   access key = Ed25519(HKDF(K, "kring/room-access/v2"))   proves K to the hub by signing
 *   room id    = base32(SHA-256("kring/room/v2" ‖ access public key ‖ V))[0..26]
 *   peer secret= HKDF(K, "kring/peer-secret/v1")             encrypts peer-to-peer signaling
 *
 * A device proves it holds K by signing the hub's fresh challenge with the access key and
 * sending the access public key (hubLogin.ts); the hub recomputes the room id from it, so it
 * stores no secret per room and a sniffed login cannot be replayed. Because V is bound into
 * the room id, nobody can swap in another facilitator: devices check every facilitator
 * signature against the public key whose fingerprint is V.
 *
 * Rooms made before schema 2 had their id from an HKDF "hub token" that devices sent to the
 * hub (legacyRoomId): it only serves to find a device's old local copy (migrations.ts).
 */

export { checkRoomKeyShape, roomKeyLength, roomIdLength } from './roomKeyShape.ts';
export type { RoomKeyProblem } from './roomKeyShape.ts';

const keyBytes = 16;
const verifierBytes = 16;

/** What a device derives from a room key. */
export interface RoomSecrets {
  readonly roomId: string;
  /** Fingerprint of the facilitator's public key ("V"). */
  readonly verifier: string;
  /** Signs the hub's login challenges: shared by everyone holding the room key. */
  readonly accessKey: KeyPair;
  readonly peerSecret: string;
}

export interface KeyPair {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

export type JoinCheck =
  | { readonly ok: true; readonly roomKey: string; readonly secrets: RoomSecrets }
  | { readonly ok: false; readonly problem: RoomKeyProblem | 'mismatch' };

/** HKDF-SHA-256 under a Kring purpose label. */
export function derive(
  key: Uint8Array,
  purpose: string,
  length = 32,
  salt?: Uint8Array
): Uint8Array {
  return hkdf(sha256, key, salt, utf8ToBytes(`kring/${purpose}`), length);
}

/** An Ed25519 key pair from 32 bytes of derived seed. */
export function keyPairFrom(seed: Uint8Array): KeyPair {
  return { secretKey: seed, publicKey: publicKeyOf(seed) };
}

/** The fingerprint of a facilitator's public key, as written in room keys. */
export function verifierOf(publicKey: Uint8Array): string {
  return toBase32(sha256(publicKey).slice(0, verifierBytes));
}

/** The room id an access public key and facilitator fingerprint name; undefined when malformed. */
export function roomIdFor(accessPublicKey: Uint8Array, verifier: string): string | undefined {
  const fingerprint = fromBase32(verifier);
  if (accessPublicKey.length !== 32 || !fingerprint || fingerprint.length !== verifierBytes) {
    return undefined;
  }
  const digest = sha256(concatBytes(utf8ToBytes('kring/room/v2'), accessPublicKey, fingerprint));
  return toBase32(digest).slice(0, roomIdLength);
}

const derived = new Map<string, RoomSecrets>();

/** Derives the room id and secrets from a room key ("K.V"); cached per key. */
export function deriveRoomSecrets(roomKey: string): RoomSecrets {
  const known = derived.get(roomKey);
  if (known) return known;
  const check = checkRoomKeyShape(roomKey);
  if (!check.ok) throw new Error('not a room key');
  const [keyText = '', verifier = ''] = check.roomKey.split('.');
  const key = fromBase32(keyText) as Uint8Array;
  const accessKey = keyPairFrom(derive(key, 'room-access/v2'));
  const secrets: RoomSecrets = {
    roomId: roomIdFor(accessKey.publicKey, verifier) as string,
    verifier,
    accessKey,
    peerSecret: toBase32(derive(key, 'peer-secret/v1'))
  };
  derived.set(roomKey, secrets);
  return secrets;
}

/** The room id a room key had before schema 2 (to find a device's older local copy). */
export function legacyRoomId(roomKey: string): string {
  const [keyText = '', verifier = ''] = roomKey.split('.');
  const hubSecret = derive(fromBase32(keyText) as Uint8Array, 'hub-token/v1');
  const digest = sha256(concatBytes(hubSecret, fromBase32(verifier) as Uint8Array));
  return toBase32(digest).slice(0, roomIdLength);
}

/**
 * Checks a join link: the room id from its path and the key from its fragment must belong
 * together, so a mistyped or cut-off link is caught before any network.
 */
export function checkJoinLink(roomId: string, fragment: string): JoinCheck {
  const key = checkRoomKeyShape(fragment.replace(/^#/, ''));
  if (!key.ok) return key;
  const secrets = deriveRoomSecrets(key.roomKey);
  if (secrets.roomId !== roomId.toLowerCase()) return { ok: false, problem: 'mismatch' };
  return { ok: true, roomKey: key.roomKey, secrets };
}

/** The path and fragment a participant opens: `/j/<room id>#<room key>`. */
export function joinPath(roomKey: string): string {
  return `/j/${deriveRoomSecrets(roomKey).roomId}#${roomKey}`;
}

// ---- facilitators -------------------------------------------------------------------------

/** The facilitator's signing identity, derived from the facilitator key. */
export interface FacilitatorIdentity extends KeyPair {
  readonly verifier: string;
}

/** A fresh facilitator key, as stored in the facilitator's session library. */
export function newFacilitatorKey(random: RandomBytes = cryptoRandomBytes): string {
  return toBase32(random(keyBytes));
}

/**
 * Identities already derived on this device: deriving one is an Ed25519 scalar
 * multiplication, and a facilitator's screen needs it on opening and for every login.
 */
const identities = new Map<string, FacilitatorIdentity>();

/** The signing identity belonging to a facilitator key. */
export function facilitatorIdentity(facilitatorKey: string): FacilitatorIdentity {
  const known = identities.get(facilitatorKey);
  if (known) return known;
  const key = fromBase32(facilitatorKey);
  if (!key || key.length !== keyBytes) throw new Error('not a facilitator key');
  const pair = keyPairFrom(derive(key, 'facilitator-signing/v1'));
  const identity = { ...pair, verifier: verifierOf(pair.publicKey) };
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
  const keyChars = Math.ceil((keyBytes * 8) / 5);
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
