import { ed25519 } from './ed25519.ts';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { fromBase32, toBase32 } from '../domain/ids.ts';

/*
 * The public keys of this device's derived Ed25519 key pairs, remembered in the browser. The
 * first public key a page derives costs tens of milliseconds of JavaScript (the curve's tables
 * are built on first use; more at a phone's speed), on every reload of the facilitate and
 * present screens. A public key is public; it is kept under a hash of its seed (which tells
 * nothing about the seed) with a check that catches a damaged value, and derived again when
 * there is none. Not in the hub (no browser storage there).
 */

const prefix = 'kring-pk:';
/** More than this many remembered keys: start again (a device joins many sessions over time). */
const limit = 2000;

function browserStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined; // storage switched off
  }
}

const checkOf = (seed: Uint8Array, publicKey: Uint8Array): string =>
  toBase32(sha256(concatBytes(seed, publicKey)).slice(0, 5));

/** What is stored for a seed's public key: the key and its check. */
export function rememberedForm(seed: Uint8Array, publicKey: Uint8Array): string {
  return `${toBase32(publicKey)}.${checkOf(seed, publicKey)}`;
}

/** The public key in a stored form, if the form is whole and belongs to this seed. */
export function readRemembered(seed: Uint8Array, form: string | null): Uint8Array | undefined {
  const [key = '', check = ''] = (form ?? '').split('.');
  const publicKey = fromBase32(key);
  if (!publicKey || publicKey.length !== 32) return undefined;
  return checkOf(seed, publicKey) === check ? publicKey : undefined;
}

/** The Ed25519 public key of a 32-byte seed. */
export function publicKeyOf(seed: Uint8Array): Uint8Array {
  const storage = browserStorage();
  if (!storage) return ed25519.getPublicKey(seed);
  const name = prefix + toBase32(sha256(seed).slice(0, 16));
  const known = readRemembered(seed, storage.getItem(name));
  if (known) return known;
  const publicKey = ed25519.getPublicKey(seed);
  try {
    const count = Number(storage.getItem(`${prefix}count`) ?? 0) + 1;
    if (count > limit) {
      for (const key of Object.keys(storage)) if (key.startsWith(prefix)) storage.removeItem(key);
    }
    storage.setItem(name, rememberedForm(seed, publicKey));
    storage.setItem(`${prefix}count`, String(count > limit ? 1 : count));
  } catch {
    // Storage full: derived again next time.
  }
  return publicKey;
}
