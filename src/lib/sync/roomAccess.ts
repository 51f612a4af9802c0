import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { cryptoRandomBytes, fromBase32, toBase32, type RandomBytes } from '../domain/ids.ts';

/*
 * Who may enter a room. The room key (128 random bits) travels only in the URL fragment,
 * which browsers never send to a server. Everything else is derived from it:
 *
 *   hubToken   = HKDF(key, "kring/hub-token/v1")      proves the key to the hub
 *   roomId     = base32(SHA-256(hubToken))[0..26]     public: in paths, the hub's doc name
 *   peerSecret = HKDF(key, "kring/peer-secret/v1")    encrypts peer-to-peer signaling
 *
 * The hub stores nothing to check a token: SHA-256(token) must match the room id. Knowing
 * a room id (from a path or a log) gives neither the token nor the key.
 */

const keyBytes = 16;
/** Length of a room key written in base32. */
export const roomKeyLength = Math.ceil((keyBytes * 8) / 5);
export const roomIdLength = 26;

/** What a device derives from a room key. */
export interface RoomSecrets {
  readonly roomId: string;
  readonly hubToken: string;
  readonly peerSecret: string;
}

export type RoomKeyProblem = 'missing' | 'truncated' | 'malformed';

export type JoinCheck =
  | { readonly ok: true; readonly roomKey: string; readonly secrets: RoomSecrets }
  | { readonly ok: false; readonly problem: RoomKeyProblem | 'mismatch' };

/** A fresh room key, as written in links. */
export function newRoomKey(random: RandomBytes = cryptoRandomBytes): string {
  return toBase32(random(keyBytes));
}

function derive(key: Uint8Array, purpose: string): Uint8Array {
  return hkdf(sha256, key, undefined, utf8ToBytes(`kring/${purpose}/v1`), 32);
}

/** The room id belonging to a hub token, or undefined when the token is not well formed. */
export function roomIdForHubToken(hubToken: string): string | undefined {
  const bytes = fromBase32(hubToken);
  if (!bytes || bytes.length !== 32) return undefined;
  return toBase32(sha256(bytes)).slice(0, roomIdLength);
}

/** Derives the room id and the secrets from a room key written in base32. */
export function deriveRoomSecrets(roomKey: string): RoomSecrets {
  const key = fromBase32(roomKey);
  if (!key || key.length !== keyBytes) throw new Error('not a room key');
  const hubToken = toBase32(derive(key, 'hub-token'));
  return {
    roomId: roomIdForHubToken(hubToken) ?? '',
    hubToken,
    peerSecret: toBase32(derive(key, 'peer-secret'))
  };
}

/** Checks the shape of a room key as typed or taken from a link fragment. */
export function checkRoomKey(
  text: string
): { ok: true; roomKey: string } | { ok: false; problem: RoomKeyProblem } {
  const roomKey = text.trim().toLowerCase();
  if (roomKey.length === 0) return { ok: false, problem: 'missing' };
  if (!fromBase32(roomKey)) return { ok: false, problem: 'malformed' };
  if (roomKey.length < roomKeyLength) return { ok: false, problem: 'truncated' };
  if (roomKey.length > roomKeyLength) return { ok: false, problem: 'malformed' };
  return { ok: true, roomKey };
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
