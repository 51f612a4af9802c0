import { ed25519 } from '@noble/curves/ed25519.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import {
  KnownSignatures,
  readFingerprints,
  signatureFingerprint,
  signatureFingerprints,
  writeFingerprints,
  type SignatureShelf
} from '../../src/lib/access/knownSignatures.ts';
import { verifyBatch, type VerifyRequest } from '../../src/lib/access/signatures.ts';

/*
 * A returning device skips the signatures it found valid before, and only those: the list is
 * kept in the room's IndexedDB copy (y-indexeddb's own store, on fake-indexeddb here).
 */

const original = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB');
const opened: IndexeddbPersistence[] = [];

beforeEach(() => {
  Object.defineProperty(globalThis, 'indexedDB', { value: new IDBFactory(), configurable: true });
  Object.defineProperty(globalThis, 'IDBKeyRange', { value: IDBKeyRange, configurable: true });
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((persistence) => persistence.destroy()));
  if (original) Object.defineProperty(globalThis, 'indexedDB', original);
  else Reflect.deleteProperty(globalThis, 'indexedDB');
});

/** The room's local copy, opened as a screen opens it. */
async function roomCopy(): Promise<SignatureShelf> {
  const persistence = new IndexeddbPersistence('kring-room-test', new Y.Doc());
  opened.push(persistence);
  await persistence.whenSynced;
  return persistence;
}

function signed(text: string, secretKey = ed25519.utils.randomSecretKey()): VerifyRequest {
  const message = utf8ToBytes(text);
  return {
    message,
    signature: ed25519.sign(message, secretKey),
    publicKey: ed25519.getPublicKey(secretKey)
  };
}

/** verifyBatch, counting what it was asked to check. */
function counting(): { verify: typeof verifyBatch; checked: VerifyRequest[] } {
  const checked: VerifyRequest[] = [];
  return {
    checked,
    verify: (requests) => {
      checked.push(...requests);
      return verifyBatch(requests);
    }
  };
}

describe('known signatures', () => {
  it('a returning device checks only the signatures it has not found valid before', async () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((text) => signed(`idee ${text}`)) as [
      VerifyRequest,
      VerifyRequest,
      VerifyRequest,
      VerifyRequest
    ];
    const first = counting();
    const visit = new KnownSignatures(roomCopy());
    expect(await visit.wrap(first.verify)([a, b, c])).toEqual([true, true, true]);
    expect(first.checked).toHaveLength(3);
    await visit.save();

    // The page is reloaded: the copy is opened again and the list read from it.
    await Promise.all(opened.splice(0).map((persistence) => persistence.destroy()));
    const again = counting();
    const returning = new KnownSignatures(roomCopy());
    expect(await returning.wrap(again.verify)([a, b, c, d])).toEqual([true, true, true, true]);
    expect(again.checked).toEqual([d]);
  });

  it('changed bytes, another key and bad signatures are checked every time, never kept', async () => {
    const good = signed('idee van Ann');
    const other = signed('idee van Bart');
    const changed = { ...good, message: utf8ToBytes('idee van Ann!') };
    const otherKey = { ...good, publicKey: other.publicKey };
    const known = new KnownSignatures(roomCopy());
    const counted = counting();
    const verify = known.wrap(counted.verify);
    expect(await verify([good])).toEqual([true]);
    expect(await verify([good, changed, otherKey])).toEqual([true, false, false]);
    expect(await verify([changed, otherKey])).toEqual([false, false]);
    expect(counted.checked).toEqual([good, changed, otherKey, changed, otherKey]);
    expect(known.size).toBe(1);
  });

  it('writes the first list of a visit at once, and later ones at most once per gap', async () => {
    const copy = await roomCopy();
    let writes = 0;
    const shelf: SignatureShelf = {
      get: (key) => copy.get(key),
      set: (key, value) => {
        writes += 1;
        return copy.set(key, value);
      }
    };
    const known = new KnownSignatures(Promise.resolve(shelf), { saveGapMs: 50 });
    const verify = known.wrap(verifyBatch);
    const ideas = ['een', 'twee', 'drie', 'vier'].map((text) => signed(text));
    await verify(ideas.slice(0, 1));
    await known.save();
    expect(writes).toBe(1);
    for (const idea of ideas.slice(1)) await verify([idea]);
    expect(writes).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(writes).toBe(2);
    expect(readFingerprints(await copy.get('known-signatures'))).toHaveLength(4);
  });

  it('keeps what this device signed itself, without checking it', async () => {
    const own = signed('mijn eigen idee');
    const visit = new KnownSignatures(roomCopy());
    visit.keep([own]);
    await visit.save();
    await Promise.all(opened.splice(0).map((persistence) => persistence.destroy()));
    const counted = counting();
    expect(await new KnownSignatures(roomCopy()).wrap(counted.verify)([own])).toEqual([true]);
    expect(counted.checked).toEqual([]);
  });

  it('fingerprints differ with every part of what was checked', () => {
    const { message, signature, publicKey } = signed('idee');
    const flip = (bytes: Uint8Array): Uint8Array =>
      bytes.map((byte, i) => (i === 0 ? byte ^ 1 : byte));
    const print = signatureFingerprint({ message, signature, publicKey });
    expect(print).toHaveLength(32);
    expect(signatureFingerprint({ message, signature, publicKey })).toBe(print);
    for (const changed of [
      { message: flip(message), signature, publicKey },
      { message, signature: flip(signature), publicKey },
      { message, signature, publicKey: flip(publicKey) },
      // The same bytes split differently between the parts.
      { message: signature.subarray(63), signature: signature.subarray(0, 63), publicKey }
    ]) {
      expect(signatureFingerprint(changed)).not.toBe(print);
    }
  });

  it('WebCrypto and JavaScript give the same fingerprints, and a refused digest falls back', async () => {
    const requests = ['idee', '', 'een langer idee '.repeat(500)].map((text) => signed(text));
    const inJs = requests.map(signatureFingerprint);
    expect(await signatureFingerprints(requests, crypto.subtle)).toEqual(inJs);
    expect(await signatureFingerprints(requests, undefined)).toEqual(inJs);
    const refusing = {
      digest: () => Promise.reject(new DOMException('no', 'NotSupportedError'))
    } as unknown as SubtleCrypto;
    expect(await signatureFingerprints(requests, refusing)).toEqual(inJs);
  });

  it('a stored list that is not one reads as empty; a list reads back as written', () => {
    for (const stored of [undefined, null, 'abc', new Uint8Array(31), [1, 2], { length: 32 }]) {
      expect(readFingerprints(stored)).toEqual([]);
    }
    const prints = ['a', 'b'].map((text) => signatureFingerprint(signed(text)));
    expect(readFingerprints(writeFingerprints(prints))).toEqual(prints);
  });

  it('a copy that does not open does not hold the checks up', async () => {
    const stuck = new Promise<SignatureShelf | undefined>(() => undefined);
    const known = new KnownSignatures(stuck, { patienceMs: 10 });
    const counted = counting();
    expect(await known.wrap(counted.verify)([signed('idee')])).toEqual([true]);
    expect(counted.checked).toHaveLength(1);
    const none = new KnownSignatures(Promise.resolve(undefined));
    expect(await none.wrap(verifyBatch)([signed('idee')])).toEqual([true]);
    await none.save();
  });

  it('keeps at most its limit, the signatures of this visit first', async () => {
    const old = ['1', '2', '3'].map((text) => signed(`oud ${text}`));
    const shelf = roomCopy();
    const earlier = new KnownSignatures(shelf);
    await earlier.wrap(verifyBatch)(old);
    await earlier.save();
    const now = signed('nieuw');
    const visit = new KnownSignatures(shelf, { limit: 2 });
    await visit.wrap(verifyBatch)([now]);
    await visit.save();
    const stored = readFingerprints(await (await shelf).get('known-signatures'));
    expect(stored).toHaveLength(2);
    expect(stored[0]).toBe(signatureFingerprint(now));
    expect(old.map(signatureFingerprint)).toContain(stored[1]);
  });
});
