import { ED25519_TORSION_SUBGROUP } from '@noble/curves/ed25519.js';
import { ed25519 } from './ed25519.ts';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../domain/canonicalJson.ts';

/*
 * Signed records: what a signature covers, signing, and checking many signatures without
 * holding up a screen.
 *
 * A signature covers the record's kind, the room, the key it is stored under (so a record
 * cannot be moved to another step or author), its sequence number (so an older record cannot
 * replace a newer one), the flow state its writer saw, and its data in canonical JSON.
 *
 * Every device and the hub must reach the same verdict on the same bytes, or a crafted record
 * would show on some screens only, and the hub and the devices would undo each other's
 * repairs. Checks run natively where there is a native Ed25519 (Node on the hub, WebCrypto on a
 * laptop) and in pure JavaScript on phones; natives differ in small ways (cofactored or not,
 * low-order keys), so one rule is fixed for all: the public key must be a canonical encoding of
 * a point that is not of low order (checked here, once per key, before any verifier), S must be
 * below the group order, and R must equal the canonical encoding of [S]B - [k]A (the
 * cofactorless equation of RFC 8032 §5.1.7 as BoringSSL and OpenSSL compute it).
 */

export type RecordKind = 'session' | 'entry' | 'board';

export interface RecordPayload {
  readonly kind: RecordKind;
  readonly roomId: string;
  /** The key the record is stored under in its map. */
  readonly key: string;
  readonly seq: number;
  /** The flow state (its sequence number) the writer saw; 0 when it does not matter. */
  readonly at: number;
  readonly data: unknown;
}

/** The bytes a record's signature covers. */
export function recordMessage(payload: RecordPayload): Uint8Array {
  const { kind, roomId, key, seq, at, data } = payload;
  return utf8ToBytes(`kring/${kind}/v2\n${roomId}\n${key}\n${seq}\n${at}\n${canonicalJson(data)}`);
}

export function signMessage(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return ed25519.sign(message, secretKey);
}

export interface VerifyRequest {
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** Checks one signature at once (pure JavaScript, or native in Node). */
export type VerifyNow = (request: VerifyRequest) => boolean;

const fieldPrime = 2n ** 255n - 19n;
const signBit = 2n ** 255n;

/**
 * The y of every point of low order (the eight of ED25519_TORSION_SUBGROUP share five). A
 * point's encoding is its y with x's sign in the top bit, so a key is of low order exactly when
 * its y is one of these, whatever that bit says.
 */
const lowOrderYs = new Set(
  ED25519_TORSION_SUBGROUP.map((hex) => littleEndian(hexBytes(hex)) % signBit)
);

/**
 * The public key is a canonical encoding (y below the field's prime) and no point of low
 * order. Read from the bytes, without decompressing the point: that took ~0.5 ms per key in
 * JavaScript, paid for every participant's key when a laptop reopens a session (80 keys on
 * the critical path of `load_from_idb_ms_1000`). Whether the bytes are a point on the curve at
 * all is for the verifiers to find: OpenSSL, BoringSSL and verifyInJs all decompress the key,
 * and a key that does not decompress verifies nothing.
 */
export function isAcceptableKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 32) return false;
  const y = littleEndian(publicKey) % signBit;
  return y < fieldPrime && !lowOrderYs.has(y);
}

const order = ed25519.Point.Fn.ORDER;

function littleEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i] as number);
  return value;
}

/** Pure-JavaScript Ed25519 under the rule above: works everywhere, also without crypto.subtle. */
export const verifyInJs: VerifyNow = ({ message, signature, publicKey }) => {
  if (signature.length !== 64 || !isAcceptableKey(publicKey)) return false;
  try {
    const r = signature.subarray(0, 32);
    const s = littleEndian(signature.subarray(32));
    if (s >= order) return false;
    const A = ed25519.Point.fromBytes(publicKey, false);
    const k = littleEndian(sha512(concatBytes(r, publicKey, message))) % order;
    const expected = ed25519.Point.BASE.multiplyUnsafe(s).subtract(A.multiplyUnsafe(k));
    const actual = expected.toBytes();
    return actual.every((byte, i) => byte === r[i]);
  } catch {
    return false;
  }
};

/** Checks a batch of signatures, possibly off the main thread's critical path. */
export type VerifyBatch = (requests: readonly VerifyRequest[]) => Promise<boolean[]>;

const jsChunk = 16;

/**
 * Checks in JavaScript, a few at a time, yielding between chunks so that a phone's screen
 * keeps answering while a board of records is checked.
 */
export const verifyBatchInJs: VerifyBatch = async (requests) => {
  const results: boolean[] = [];
  for (let start = 0; start < requests.length; start += jsChunk) {
    if (start > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    for (const request of requests.slice(start, start + jsChunk)) results.push(verifyInJs(request));
  }
  return results;
};

/** RFC 8032, section 7.1, test 1: a public key and its signature of the empty message. */
export const nativeProbe = {
  publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
  signature:
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'
} as const;

function hexBytes(hex: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(hex.match(/../g)?.map((pair) => parseInt(pair, 16)) ?? []);
}

let nativeAvailable: Promise<boolean> | undefined;

/** Whether this browser's WebCrypto has Ed25519 (secure contexts of current browsers). */
function nativeEd25519(): Promise<boolean> {
  nativeAvailable ??= (async () => {
    const subtle = globalThis.crypto?.subtle;
    if (!subtle) return false;
    try {
      // A known-good signature: the algorithm must be present and agree. A fixed vector, not
      // one signed here: signing in JavaScript builds the curve's tables (tens of ms at load).
      const { publicKey, signature } = nativeProbe;
      const key = await subtle.importKey('raw', hexBytes(publicKey), 'Ed25519', false, ['verify']);
      return await subtle.verify('Ed25519', key, hexBytes(signature), new Uint8Array(0));
    } catch {
      return false;
    }
  })();
  return nativeAvailable;
}

/** A copy backed by a plain ArrayBuffer, as WebCrypto's types ask. */
function bytes(view: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(view);
}

/** An Ed25519 seed as PKCS #8 (RFC 8410), the form WebCrypto imports a private key in. */
function pkcs8(seed: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = hexBytes('302e020100300506032b657004220420');
  const der = new Uint8Array(prefix.length + seed.length);
  der.set(prefix);
  der.set(seed, prefix.length);
  return der;
}

/** Signs with WebCrypto's Ed25519 (which must be there: it throws otherwise). */
export async function signNatively(
  message: Uint8Array,
  secretKey: Uint8Array
): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('pkcs8', pkcs8(secretKey), 'Ed25519', false, ['sign']);
  return new Uint8Array(await subtle.sign('Ed25519', key, bytes(message)));
}

/**
 * Signs natively where the page has WebCrypto's Ed25519, in JavaScript elsewhere: the same
 * signature either way (Ed25519 is deterministic). The first signature in JavaScript builds
 * the curve's tables: on a laptop reopening a session, ~100 ms of main thread at load, for
 * the hub's login.
 */
export async function signSoon(message: Uint8Array, secretKey: Uint8Array): Promise<Uint8Array> {
  if (secretKey.length === 32 && (await nativeEd25519())) {
    try {
      return await signNatively(message, secretKey);
    } catch {
      // A browser that verifies but will not import the key: sign in JavaScript.
    }
  }
  return signMessage(message, secretKey);
}

/**
 * Public keys imported for WebCrypto, kept across batches: while a session runs, each new
 * idea is a batch of one record signed by a key the screen has seen before, and importing
 * that key again took a third of the check's time on the laptop's screens (traced while 80
 * ideas arrived). A key is only bytes made usable: whether a signature is valid is asked of
 * it each time. Enough for every author of several sessions; past that it starts over.
 */
const verifyKeys = new Map<string, Promise<CryptoKey | undefined>>();
const mostVerifyKeys = 4096;

/**
 * Checks with WebCrypto's native Ed25519 where the page has it (a laptop on localhost or
 * https: tens of times faster), in pure JavaScript elsewhere (a phone on http://<lan-ip>).
 */
export const verifyBatch: VerifyBatch = async (requests) => {
  if (requests.length === 0) return [];
  if (!(await nativeEd25519())) return verifyBatchInJs(requests);
  const subtle = globalThis.crypto.subtle;
  const keyOf = (publicKey: Uint8Array): Promise<CryptoKey | undefined> => {
    const id = publicKey.join(',');
    let key = verifyKeys.get(id);
    if (!key) {
      if (verifyKeys.size >= mostVerifyKeys) verifyKeys.clear();
      key = subtle
        .importKey('raw', bytes(publicKey), 'Ed25519', false, ['verify'])
        .catch(() => undefined);
      verifyKeys.set(id, key);
    }
    return key;
  };
  return Promise.all(
    requests.map(async (request) => {
      if (request.signature.length !== 64 || !isAcceptableKey(request.publicKey)) return false;
      const key = await keyOf(request.publicKey);
      if (!key) return false;
      try {
        return await subtle.verify(
          'Ed25519',
          key,
          bytes(request.signature),
          bytes(request.message)
        );
      } catch {
        return false;
      }
    })
  );
};
