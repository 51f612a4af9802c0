/*
 * Drop-in replacement for y-webrtc's `src/crypto.js` (same exports, same call shapes),
 * wired in by the build (vite.config.ts). y-webrtc's own version derives its key with
 * crypto.subtle, which phones on http://<lan-ip> do not have, so its `password` option
 * would fail there. This one uses audited pure-JS primitives (@noble) that run anywhere:
 * HKDF-SHA-256 for the key (the room secret already has full entropy, so no slow KDF is
 * needed) and XChaCha20-Poly1305 with a random 24-byte nonce for each message, large messages
 * sealed and opened in a worker (offThreadSealing.ts).
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { sealOrOpen } from './offThreadSealing.ts';

const algorithm = 'XChaCha20-Poly1305';

/** A 32-byte symmetric key. */
export type PeerKey = Uint8Array;

/** Derives the room's peer key from its secret, bound to the room name. */
export function deriveKey(secret: string, roomName: string): PromiseLike<PeerKey> {
  return Promise.resolve(
    hkdf(sha256, utf8ToBytes(secret), utf8ToBytes(roomName), utf8ToBytes('kring/y-webrtc/v1'), 32)
  );
}

/** Encrypts and authenticates a message; without a key, passes it through (as y-webrtc's does). */
export function encrypt(data: Uint8Array, key: PeerKey | null): PromiseLike<Uint8Array> {
  if (!key) return Promise.resolve(data);
  const nonce = globalThis.crypto.getRandomValues(new Uint8Array(24));
  return sealOrOpen({ op: 'seal', key, nonce, bytes: data }).then((sealed) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, algorithm);
    encoding.writeVarUint8Array(encoder, nonce);
    encoding.writeVarUint8Array(encoder, sealed);
    return encoding.toUint8Array(encoder);
  });
}

export function encryptJson(data: unknown, key: PeerKey | null): PromiseLike<Uint8Array> {
  const encoder = encoding.createEncoder();
  encoding.writeAny(encoder, data as Parameters<typeof encoding.writeAny>[1]);
  return encrypt(encoding.toUint8Array(encoder), key);
}

/**
 * Nonces of the messages each key has opened, newest last. Every message gets a fresh random
 * nonce, so a nonce seen twice is a replay (someone on the signaling path sending a captured
 * message again); bounded, as a page may live through a long session.
 */
const seenNonces = new WeakMap<PeerKey, Set<string>>();
const rememberedNonces = 4096;

function firstSighting(key: PeerKey, nonce: Uint8Array): boolean {
  let seen = seenNonces.get(key);
  if (!seen) seenNonces.set(key, (seen = new Set()));
  const id = Array.from(nonce, (byte) => byte.toString(16).padStart(2, '0')).join('');
  if (seen.has(id)) return false;
  seen.add(id);
  if (seen.size > rememberedNonces) {
    const oldest = seen.values().next().value;
    if (oldest !== undefined) seen.delete(oldest);
  }
  return true;
}

/**
 * Opens a message; rejects when it was not sealed with this room's key, was altered, or was
 * already opened once (a replay).
 */
export function decrypt(data: Uint8Array, key: PeerKey | null): PromiseLike<Uint8Array> {
  if (!key) return Promise.resolve(data);
  let nonce: Uint8Array;
  let sealed: Uint8Array;
  try {
    const decoder = decoding.createDecoder(data);
    if (decoding.readVarString(decoder) !== algorithm) throw new Error('unknown encryption');
    nonce = decoding.readVarUint8Array(decoder);
    sealed = decoding.readVarUint8Array(decoder);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return sealOrOpen({ op: 'open', key, nonce, bytes: sealed }).then((plain) => {
    // Only authentic messages are remembered, so garbage cannot push real nonces out.
    if (!firstSighting(key, nonce)) throw new Error('replayed message');
    return plain;
  });
}

export function decryptJson(data: Uint8Array, key: PeerKey | null): PromiseLike<unknown> {
  return decrypt(data, key).then((plain) => decoding.readAny(decoding.createDecoder(plain)));
}
