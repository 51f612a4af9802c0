import { ed25519 } from '@noble/curves/ed25519.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { publicKeyOf, readRemembered, rememberedForm } from '../../src/lib/access/publicKeys.ts';
import { nativeProbe } from '../../src/lib/access/signatures.ts';
import { MemoryStorage } from '../support/browserStorage.ts';

const seed = (n: number): Uint8Array => new Uint8Array(32).fill(n);

describe('remembered public keys', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads back what it stored for the same seed only', () => {
    const publicKey = ed25519.getPublicKey(seed(1));
    const form = rememberedForm(seed(1), publicKey);
    expect(readRemembered(seed(1), form)).toEqual(publicKey);
    expect(readRemembered(seed(2), form)).toBeUndefined();
  });

  it('ignores a damaged or missing value', () => {
    const form = rememberedForm(seed(1), ed25519.getPublicKey(seed(1)));
    const damaged = `${form.slice(0, 10)}${form[10] === 'a' ? 'b' : 'a'}${form.slice(11)}`;
    expect(readRemembered(seed(1), damaged)).toBeUndefined();
    expect(readRemembered(seed(1), 'x.y')).toBeUndefined();
    expect(readRemembered(seed(1), null)).toBeUndefined();
  });

  it('gives the same key as the curve, from storage the second time, and derives it again over a damaged value', () => {
    const storage = new MemoryStorage();
    vi.stubGlobal('window', { localStorage: storage });
    const expected = ed25519.getPublicKey(seed(3));
    expect(publicKeyOf(seed(3))).toEqual(expected);
    const [name] = storage.keys().filter((key) => key !== 'kring-pk:count');
    const stored = storage.getItem(name ?? '') ?? '';
    expect(readRemembered(seed(3), stored)).toEqual(expected);
    expect(publicKeyOf(seed(3))).toEqual(expected);
    // Neither the name nor the value holds the seed.
    expect(`${name}${stored}`).not.toContain(Buffer.from(seed(3)).toString('base64'));
    storage.setItem(name ?? '', `${'A'.repeat(52)}.${stored.split('.')[1]}`);
    expect(publicKeyOf(seed(3))).toEqual(expected);
    expect(storage.getItem(name ?? '')).toBe(stored);
  });

  it('works without browser storage (the hub)', () => {
    expect(publicKeyOf(seed(5))).toEqual(ed25519.getPublicKey(seed(5)));
  });
});

describe('the probe for native Ed25519', () => {
  it('is a signature the curve accepts (RFC 8032, test 1)', () => {
    const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));
    expect(
      ed25519.verify(hex(nativeProbe.signature), new Uint8Array(0), hex(nativeProbe.publicKey))
    ).toBe(true);
  });
});
