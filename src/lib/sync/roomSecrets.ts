import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { fromBase32, toBase32 } from '../domain/ids.ts';

/*
 * The part of room access every device needs: checking a room key or join link and deriving
 * the room id and secrets from it (the scheme is described in roomAccess.ts). Only SHA-256
 * and HKDF, no Ed25519: the join page checks its link with this before anything else loads,
 * so it has to stay small. Facilitator keys and signing live in roomAccess.ts.
 */

const keyBytes = 16;
const verifierBytes = 16;
export const keyChars = Math.ceil((keyBytes * 8) / 5);
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

export type RoomKeyProblem = 'missing' | 'truncated' | 'malformed';

export type JoinCheck =
  | { readonly ok: true; readonly roomKey: string; readonly secrets: RoomSecrets }
  | { readonly ok: false; readonly problem: RoomKeyProblem | 'mismatch' };

export function derive(key: Uint8Array, purpose: string, length = 32): Uint8Array {
  return hkdf(sha256, key, undefined, utf8ToBytes(`kring/${purpose}/v1`), length);
}

/** The fingerprint of a facilitator's public key, as written in room keys. */
export function verifierOf(publicKey: Uint8Array): string {
  return toBase32(sha256(publicKey).slice(0, verifierBytes));
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

/** The path and fragment a participant opens: `/j/<room id>#<room key>`. */
export function joinPath(roomKey: string): string {
  return `/j/${deriveRoomSecrets(roomKey).roomId}#${roomKey}`;
}
