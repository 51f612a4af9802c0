import { describe, expect, it } from 'vitest';
import { randomId, toBase32 } from '../../src/lib/domain/ids.ts';

describe('toBase32', () => {
  it('encodes 5 bits per character, most significant first', () => {
    expect(toBase32(new Uint8Array([]))).toBe('');
    expect(toBase32(new Uint8Array([0]))).toBe('00');
    expect(toBase32(new Uint8Array([0xff]))).toBe('zw');
    expect(toBase32(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]))).toBe('zzzzzzzz');
    expect(toBase32(new Uint8Array([0x08, 0x42, 0x10, 0x84, 0x21]))).toBe('11111111');
  });
});

describe('randomId', () => {
  it('carries 128 bits in 26 lowercase characters without look-alikes', () => {
    const id = randomId();
    expect(id).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
  });

  it('uses the random source it is given', () => {
    const zeros = (length: number) => new Uint8Array(length);
    expect(randomId(zeros, 5)).toBe('00000000');
  });

  it('does not repeat in many draws', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => randomId()));
    expect(ids.size).toBe(2000);
  });
});
