import { utf8ToBytes } from '@noble/hashes/utils.js';
import { fromBase32, toBase32 } from '../domain/ids.ts';
import { authorIdOf, roomIdentity } from './identity.ts';
import {
  deriveRoomSecrets,
  facilitatorIdentity,
  roomIdFor,
  verifierOf,
  type KeyPair
} from './roomKeys.ts';
import { signMessage, signSoon, verifyInJs, type VerifyNow } from './signatures.ts';

/*
 * How a device logs in to the hub, for the relay (/sync) and for signaling (/signal): it asks
 * the hub for a fresh challenge (GET /api/rooms/<room id>/challenge), signs it and sends the
 * signatures, never a secret:
 *
 *   v2.<challenge>.<role p|f>.<access public key>.<V>.<login public key>.<access sig>.<login sig>
 *     [.<facilitator public key>.<facilitator sig>]
 *
 * The access signature proves the room key (the hub recomputes the room id from the access
 * public key and V: roomKeys.ts); the login signature names the device by a key that belongs
 * to this room only (identity.ts); a facilitator also signs with the key whose fingerprint is
 * V. The hub accepts each challenge once and only for its room, so a login sniffed on the
 * wifi cannot be replayed. The token travels inside the relay's and signaling's first
 * message, never in a URL.
 */

export type LoginRole = 'participant' | 'facilitator';

export interface LoginKeys {
  readonly roomId: string;
  readonly verifier: string;
  readonly access: KeyPair;
  readonly login: KeyPair;
  /** Present for a facilitator's screen. */
  readonly facilitator?: KeyPair | undefined;
}

/** The bytes every login signature covers. */
function loginMessage(
  roomId: string,
  challenge: string,
  role: string,
  loginPublicKey: string
): Uint8Array {
  return utf8ToBytes(`kring/login/v2\n${roomId}\n${challenge}\n${role}\n${loginPublicKey}`);
}

/** What a login token signs and with which keys, and the token once signed. */
function loginSigning(
  keys: LoginKeys,
  challenge: string
): {
  message: Uint8Array;
  secretKeys: Uint8Array[];
  token: (signatures: readonly Uint8Array[]) => string;
} {
  const role = keys.facilitator ? 'f' : 'p';
  const loginPublic = toBase32(keys.login.publicKey);
  const message = loginMessage(keys.roomId, challenge, role, loginPublic);
  const secretKeys = [keys.access.secretKey, keys.login.secretKey];
  if (keys.facilitator) secretKeys.push(keys.facilitator.secretKey);
  const token = (signatures: readonly Uint8Array[]): string => {
    const [access = '', login = '', facilitator = ''] = signatures.map(toBase32);
    const accessPublic = toBase32(keys.access.publicKey);
    const parts = ['v2', challenge, role, accessPublic, keys.verifier, loginPublic, access, login];
    if (keys.facilitator) parts.push(toBase32(keys.facilitator.publicKey), facilitator);
    return parts.join('.');
  };
  return { message, secretKeys, token };
}

/** The token a device sends for a challenge. */
export function loginToken(keys: LoginKeys, challenge: string): string {
  const { message, secretKeys, token } = loginSigning(keys, challenge);
  return token(secretKeys.map((secretKey) => signMessage(message, secretKey)));
}

/** The same token, signed natively where the page can (signSoon). */
export async function loginTokenSoon(keys: LoginKeys, challenge: string): Promise<string> {
  const { message, secretKeys, token } = loginSigning(keys, challenge);
  return token(await Promise.all(secretKeys.map((secretKey) => signSoon(message, secretKey))));
}

/** What the hub knows of a logged-in connection. */
export interface VerifiedLogin {
  readonly roomId: string;
  readonly role: LoginRole;
  /** The device's pseudonym in this room (from its login key): links to no entry. */
  readonly device: string;
  /** Fingerprint of the room's facilitator key. */
  readonly verifier: string;
  readonly challenge: string;
}

/** Longest token accepted before any parsing (a facilitator's is about 560 characters). */
export const maxLoginTokenLength = 800;

const keyOf = (text: string | undefined, length: number): Uint8Array | undefined => {
  const bytes = fromBase32(text ?? '');
  return bytes && bytes.length === length && toBase32(bytes) === text ? bytes : undefined;
};

/**
 * Checks a login token for a room, apart from the challenge's freshness (the hub's
 * challenges.ts decides that). Undefined when it opens nothing.
 */
export function verifyLoginToken(
  token: unknown,
  roomId: string,
  verify: VerifyNow = verifyInJs
): VerifiedLogin | undefined {
  if (typeof token !== 'string' || token.length > maxLoginTokenLength) return undefined;
  const parts = token.split('.');
  const [version, challenge, role, accessText, verifier, loginText, accessSig, loginSig] = parts;
  if (version !== 'v2' || !challenge || (role !== 'p' && role !== 'f')) return undefined;
  if (parts.length !== (role === 'f' ? 10 : 8)) return undefined;
  const access = keyOf(accessText, 32);
  const login = keyOf(loginText, 32);
  const accessSignature = keyOf(accessSig, 64);
  const loginSignature = keyOf(loginSig, 64);
  if (!access || !login || !accessSignature || !loginSignature || !verifier) return undefined;
  if (roomIdFor(access, verifier) !== roomId) return undefined;
  const message = loginMessage(roomId, challenge, role, loginText as string);
  if (!verify({ message, signature: accessSignature, publicKey: access })) return undefined;
  if (!verify({ message, signature: loginSignature, publicKey: login })) return undefined;
  if (role === 'f') {
    const facilitator = keyOf(parts[8], 32);
    const facilitatorSignature = keyOf(parts[9], 64);
    if (!facilitator || !facilitatorSignature || verifierOf(facilitator) !== verifier) {
      return undefined;
    }
    if (!verify({ message, signature: facilitatorSignature, publicKey: facilitator })) {
      return undefined;
    }
  }
  return {
    roomId,
    role: role === 'f' ? 'facilitator' : 'participant',
    device: authorIdOf(login),
    verifier,
    challenge
  };
}

/** The path a device asks for a fresh challenge (the room id lets a load balancer route it). */
export function challengePath(roomId: string): string {
  return `/api/rooms/${roomId}/challenge`;
}

/** The keys a device logs in with, from the room key, its device secret and (facilitators) F. */
export function loginKeysFor(
  roomKey: string,
  deviceSecret: string,
  facilitatorKey?: string | undefined
): LoginKeys {
  const secrets = deriveRoomSecrets(roomKey);
  return {
    roomId: secrets.roomId,
    verifier: secrets.verifier,
    access: secrets.accessKey,
    login: roomIdentity(deviceSecret, secrets.roomId).login,
    facilitator: facilitatorKey ? facilitatorIdentity(facilitatorKey) : undefined
  };
}

/** Asks the hub at `origin` for a fresh challenge and returns the signed login token. */
export async function fetchLoginToken(
  origin: string,
  keys: LoginKeys,
  signal?: AbortSignal
): Promise<string> {
  const response = await fetch(`${origin}${challengePath(keys.roomId)}`, {
    cache: 'no-store',
    ...(signal ? { signal } : {})
  });
  if (!response.ok) throw new Error(`no challenge (${response.status})`);
  const { challenge } = (await response.json()) as { challenge?: unknown };
  if (typeof challenge !== 'string') throw new Error('no challenge');
  return loginTokenSoon(keys, challenge);
}

/**
 * A phone's request to a room's hub API before its session has loaded (its first screen's
 * step, its first idea): a JSON POST with a login token for a fresh challenge, as the relay
 * logs in. What `read` makes of the answer; undefined without one within `timeoutMs`.
 */
export async function postWithLogin<T>(input: {
  readonly origin: string;
  readonly roomKey: string;
  readonly deviceSecret: string;
  readonly path: (roomId: string) => string;
  readonly body: (token: string) => string;
  readonly read: (response: Response) => Promise<T> | T;
  readonly timeoutMs: number;
  /** A token fetched beforehand (a challenge is good for a minute, and once). */
  readonly token?: Promise<string> | undefined;
}): Promise<T | undefined> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), input.timeoutMs);
  try {
    const token =
      (await input.token?.catch(() => undefined)) ??
      (await fetchLoginToken(
        input.origin,
        loginKeysFor(input.roomKey, input.deviceSecret),
        abort.signal
      ));
    const roomId = deriveRoomSecrets(input.roomKey).roomId;
    const response = await fetch(`${input.origin}${input.path(roomId)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: input.body(token),
      cache: 'no-store',
      signal: abort.signal
    });
    return await input.read(response);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
