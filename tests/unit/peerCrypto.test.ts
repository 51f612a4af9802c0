import { describe, expect, it } from 'vitest';
import {
  decrypt,
  decryptJson,
  deriveKey,
  encrypt,
  encryptJson
} from '../../src/lib/sync/peerCrypto.ts';

describe('peer encryption', () => {
  it('round-trips bytes and JSON with the room key', async () => {
    const key = await deriveKey('secret', 'room');
    const sealed = await encrypt(new Uint8Array([1, 2, 3]), key);
    expect([...(await decrypt(sealed, key))]).toEqual([1, 2, 3]);
    const message = { type: 'signal', to: 'peer', data: { sdp: 'v=0 é 🙂' } };
    expect(await decryptJson(await encryptJson(message, key), key)).toEqual(message);
  });

  it('never sends the same bytes twice for the same message', async () => {
    const key = await deriveKey('secret', 'room');
    const a = await encrypt(new Uint8Array([7]), key);
    const b = await encrypt(new Uint8Array([7]), key);
    expect(a).not.toEqual(b);
  });

  it('refuses a message sealed with another key or for another room', async () => {
    const key = await deriveKey('secret', 'room');
    const sealed = await encryptJson({ hello: 1 }, key);
    await expect(decryptJson(sealed, await deriveKey('other', 'room'))).rejects.toThrow();
    await expect(decryptJson(sealed, await deriveKey('secret', 'other-room'))).rejects.toThrow();
  });

  it('refuses a tampered or truncated message', async () => {
    const key = await deriveKey('secret', 'room');
    const sealed = await encrypt(new Uint8Array(32).fill(9), key);
    const tampered = sealed.slice();
    tampered.set([(tampered.at(-1) ?? 0) ^ 1], tampered.length - 1);
    await expect(decrypt(tampered, key)).rejects.toThrow();
    await expect(decrypt(sealed.slice(0, sealed.length - 5), key)).rejects.toThrow();
    await expect(decrypt(new Uint8Array([3, 65, 66, 67]), key)).rejects.toThrow();
  });

  it('passes data through when the room has no key, as y-webrtc expects', async () => {
    const data = new Uint8Array([1]);
    expect(await encrypt(data, null)).toBe(data);
    expect(await decrypt(data, null)).toBe(data);
  });
});
