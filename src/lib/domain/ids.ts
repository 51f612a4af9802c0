/** Source of random bytes; crypto.getRandomValues in browsers (also on plain http) and Node. */
export type RandomBytes = (length: number) => Uint8Array;

export const cryptoRandomBytes: RandomBytes = (length) =>
  globalThis.crypto.getRandomValues(new Uint8Array(length));

// Crockford-style base32 without look-alikes, lowercase so ids survive URLs and reading aloud.
const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/** Encodes bytes as lowercase base32 (5 bits per character). */
export function toBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

/** Decodes lowercase base32 (as made by toBase32); undefined for any other character. */
export function fromBase32(text: string): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of text) {
    const value = alphabet.indexOf(char);
    if (value < 0) return undefined;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out[index++] = (buffer >>> (bits - 8)) & 255;
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

/** A random identifier with `bytes` bytes of entropy (default 128 bits). */
export function randomId(random: RandomBytes = cryptoRandomBytes, bytes = 16): string {
  return toBase32(random(bytes));
}

/**
 * A short random id (48 bits) for things inside one session: ideas, groups, agreements. Short
 * because every id is stored with its record; within one room a clash is out of reach.
 */
export function shortId(random: RandomBytes = cryptoRandomBytes): string {
  return randomId(random, 6);
}
