import { ed25519 } from '@noble/curves/ed25519.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { fromBase32, toBase32 } from '../domain/ids.ts';
import { authorIdOf } from './authorId.ts';
import { facilitatorIdentity, roomIdForHubToken, verifierOf } from './roomAccess.ts';

export { authorIdOf };

/*
 * What a device tells the hub when it connects (the Hocuspocus token), dot-separated:
 *   participant:  <hub secret>.<V>.p.<device secret>
 *   facilitator:  <hub secret>.<V>.f.<device secret>.<public key>.<minute>.<signature>
 * The hub derives the author id from the device secret (so a participant can only write
 * as itself), and accepts a facilitator only with a fresh signature by the key whose
 * fingerprint V is bound into the room id. On an open network these tokens can be
 * sniffed like everything else on plain http (see docs/SECURITY.md).
 */

export type HubRole = 'participant' | 'facilitator';

export interface VerifiedCredentials {
  readonly roomId: string;
  readonly role: HubRole;
  /** The author id of the connecting device (what its notes carry). */
  readonly author: string;
}

/** How far a facilitator's clock may be from the hub's, in minutes. */
const clockSlackMinutes = 10;

function facilitatorMessage(roomId: string, minute: number): Uint8Array {
  return utf8ToBytes(`kring/hub-facilitator/v1|${roomId}|${minute}`);
}

export function participantCredentials(hubToken: string, deviceSecret: string): string {
  return `${hubToken}.p.${deviceSecret}`;
}

export function facilitatorCredentials(
  hubToken: string,
  roomId: string,
  deviceSecret: string,
  facilitatorKey: string,
  now: number
): string {
  const identity = facilitatorIdentity(facilitatorKey);
  const minute = Math.floor(now / 60_000);
  const signature = ed25519.sign(facilitatorMessage(roomId, minute), identity.secretKey);
  return [
    hubToken,
    'f',
    deviceSecret,
    toBase32(identity.publicKey),
    minute,
    toBase32(signature)
  ].join('.');
}

/** Checks credentials against the room they are for; undefined when they open nothing. */
export function verifyCredentials(
  token: string,
  roomId: string,
  now: number
): VerifiedCredentials | undefined {
  if (token.length > 400 || roomIdForHubToken(token) !== roomId) return undefined;
  const [, verifier, role, deviceSecret, publicKeyText, minuteText, signatureText] =
    token.split('.');
  if (!deviceSecret || !/^[0-9a-z]{16,64}$/.test(deviceSecret)) return undefined;
  const author = authorIdOf(deviceSecret);
  if (role === 'p') return { roomId, role: 'participant', author };
  if (role !== 'f') return undefined;
  const publicKey = fromBase32(publicKeyText ?? '');
  const signature = fromBase32(signatureText ?? '');
  const minute = Number(minuteText);
  if (!publicKey || publicKey.length !== 32 || !signature || signature.length !== 64)
    return undefined;
  if (!Number.isInteger(minute) || Math.abs(minute - now / 60_000) > clockSlackMinutes)
    return undefined;
  if (verifierOf(publicKey) !== verifier) return undefined;
  try {
    if (!ed25519.verify(signature, facilitatorMessage(roomId, minute), publicKey)) return undefined;
  } catch {
    return undefined;
  }
  return { roomId, role: 'facilitator', author };
}
