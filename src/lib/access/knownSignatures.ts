import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { VerifyBatch, VerifyRequest } from './signatures.ts';

/*
 * Signatures this device already found valid, kept with the room's local copy so that a
 * returning screen does not check them all again. A phone checks in pure JavaScript (no
 * WebCrypto on plain http): a session of 1,000 ideas costs it ~0.5 s at 4x CPU at every
 * reload, for records it checked the last time.
 *
 * What is kept is a fingerprint of exactly what was checked: SHA-256 over the public key, the
 * signature and the signed message. A record whose key, signature or bytes differ in any way
 * has another fingerprint and is checked as before; only a positive verdict is kept (a bad
 * record is rare, and keeping those would let anyone fill the list). Whether a signature is
 * valid for given bytes never changes, so a kept verdict is the verdict a new check would
 * reach, under the same rule: the domain string names the rule's version (signatures.ts),
 * and a new rule starts a new list. The list lives on this device, next to the copy of the
 * session it speaks for; who can write it could already write that copy.
 */

/** Where the list is kept between visits: a small key-value store of the room's local copy. */
export interface SignatureShelf {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<unknown>;
}

const shelfKey = 'known-signatures';
const domain = utf8ToBytes('kring/valid-signature/v1\n');
const printBytes = 32;

function lengthBytes(length: number): Uint8Array {
  return new Uint8Array([length >>> 24, (length >>> 16) & 255, (length >>> 8) & 255, length & 255]);
}

/** The bytes a fingerprint hashes: the rule's version, then each part with its length first. */
function fingerprintInput({ publicKey, signature, message }: VerifyRequest): Uint8Array[] {
  return [
    domain,
    lengthBytes(publicKey.length),
    publicKey,
    lengthBytes(signature.length),
    signature,
    message
  ];
}

/** The fingerprint of one check: the same inputs give the same fingerprint, any change another. */
export function signatureFingerprint(request: VerifyRequest): string {
  const hash = sha256.create();
  for (const part of fingerprintInput(request)) hash.update(part);
  return String.fromCharCode(...hash.digest());
}

/**
 * The fingerprints of many checks: `signatureFingerprint`'s, computed by the platform's SHA-256
 * where there is one. A screen that opens a session hashes every signed record's bytes (a
 * quarter of a megabyte for 1,000 ideas) while its JavaScript is still cold; WebCrypto's
 * native hash took that off the laptop's path (npm run bench: load_from_idb_ms_1000). Phones
 * on plain http have no WebCrypto and hash in JavaScript, to the same fingerprints.
 */
export async function signatureFingerprints(
  requests: readonly VerifyRequest[],
  // Only in a secure context (the laptop's screens, Node).
  subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle
): Promise<string[]> {
  const inJs = (): string[] => requests.map(signatureFingerprint);
  if (!subtle) return inJs();
  // A platform that refuses the digest after all: the same fingerprints, in JavaScript.
  return Promise.all(
    requests.map(async (request) => {
      const digest = await subtle.digest('SHA-256', concatBytes(...fingerprintInput(request)));
      return String.fromCharCode(...new Uint8Array(digest));
    })
  ).catch(inJs);
}

/** The stored form: the fingerprints one after the other. Anything else reads as empty. */
export function readFingerprints(stored: unknown): string[] {
  if (!(stored instanceof Uint8Array) || stored.length % printBytes !== 0) return [];
  const prints: string[] = [];
  for (let at = 0; at < stored.length; at += printBytes) {
    prints.push(String.fromCharCode(...stored.subarray(at, at + printBytes)));
  }
  return prints;
}

export function writeFingerprints(prints: Iterable<string>): Uint8Array {
  const list = [...prints];
  const bytes = new Uint8Array(list.length * printBytes);
  list.forEach((print, index) => {
    for (let i = 0; i < printBytes; i++) bytes[index * printBytes + i] = print.charCodeAt(i);
  });
  return bytes;
}

export interface KnownSignaturesOptions {
  /** The most fingerprints kept (32 bytes each); the ones used on this visit go first. */
  readonly limit?: number;
  /** How long to wait for the stored list before checking without it. */
  readonly patienceMs?: number;
  /**
   * The least time between two writes of the list: during a session every new idea adds a
   * signature, and the whole list is written each time.
   */
  readonly saveGapMs?: number;
}

export class KnownSignatures {
  readonly #shelf: Promise<SignatureShelf | undefined>;
  readonly #limit: number;
  readonly #saveGapMs: number;
  /** Read from the shelf. */
  #stored = new Set<string>();
  /** Found valid, or looked up, on this visit: the current records. */
  readonly #used = new Set<string>();
  readonly #loaded: Promise<void>;
  #saving: Promise<void> | undefined;
  #nextSave: ReturnType<typeof setTimeout> | undefined;
  #unsaved = false;
  #written = false;
  #keeping: Promise<void> = Promise.resolve();

  constructor(shelf: Promise<SignatureShelf | undefined>, options: KnownSignaturesOptions = {}) {
    this.#shelf = shelf;
    this.#limit = options.limit ?? 10_000;
    this.#saveGapMs = options.saveGapMs ?? 2000;
    const read = shelf
      .then((place) => place?.get(shelfKey))
      .then((stored) => {
        this.#stored = new Set(readFingerprints(stored));
      })
      .catch(() => undefined);
    // A stuck IndexedDB must not hold up the checks: they then run as on a first visit.
    const patience = new Promise<void>((resolve) =>
      setTimeout(resolve, options.patienceMs ?? 1000)
    );
    this.#loaded = Promise.race([read, patience]);
  }

  /** How many fingerprints are known now (stored and found on this visit). */
  get size(): number {
    return new Set([...this.#stored, ...this.#used]).size;
  }

  /** `verify`, skipping what this device already found valid, and remembering what it finds. */
  wrap(verify: VerifyBatch): VerifyBatch {
    return async (requests) => {
      const [prints] = await Promise.all([signatureFingerprints(requests), this.#loaded]);
      const results: boolean[] = [];
      const unknown: number[] = [];
      prints.forEach((print, index) => {
        const known = this.#used.has(print) || this.#stored.has(print);
        if (known) this.#used.add(print);
        else unknown.push(index);
        results.push(known);
      });
      if (unknown.length === 0) return results;
      const checked = await verify(unknown.map((index) => requests[index] as VerifyRequest));
      unknown.forEach((index, i) => {
        if (checked[i] !== true) return;
        results[index] = true;
        this.#used.add(prints[index] as string);
        this.#unsaved = true;
      });
      if (this.#unsaved) this.#firstOrSoon();
      return results;
    };
  }

  /** Keeps signatures found valid another way (signed on this device). */
  keep(requests: readonly VerifyRequest[]): void {
    const kept = signatureFingerprints(requests).then((prints) => {
      for (const print of prints) {
        if (this.#used.has(print)) continue;
        this.#used.add(print);
        if (!this.#stored.has(print)) this.#unsaved = true;
      }
      if (this.#unsaved) this.#firstOrSoon();
    });
    // A save waits for what is being kept (its fingerprints are computed apart).
    this.#keeping = Promise.all([this.#keeping, kept.catch(() => undefined)]).then(() => undefined);
  }

  /** The first list of a visit is written at once (a reload may follow), later ones in time. */
  #firstOrSoon(): void {
    if (this.#written) this.#saveSoon();
    else void this.save();
  }

  /**
   * Stores the list now: one write at a time; what is found meanwhile follows in a write of
   * its own, `saveGapMs` after the one before.
   */
  save(): Promise<void> {
    clearTimeout(this.#nextSave);
    this.#nextSave = undefined;
    this.#saving ??= this.#keeping
      .then(() => this.#write())
      .finally(() => {
        this.#saving = undefined;
        if (this.#unsaved) this.#saveSoon();
      });
    return this.#saving;
  }

  #saveSoon(): void {
    if (this.#saving || this.#nextSave) return;
    this.#nextSave = setTimeout(() => void this.save(), this.#saveGapMs);
  }

  async #write(): Promise<void> {
    this.#unsaved = false;
    this.#written = true;
    const shelf = await this.#shelf.catch(() => undefined);
    if (!shelf) return;
    const kept = new Set(this.#used);
    for (const print of this.#stored) {
      if (kept.size >= this.#limit) break;
      kept.add(print);
    }
    await shelf.set(shelfKey, writeFingerprints([...kept].slice(0, this.#limit))).catch(() => {
      // A full disk or a closed copy: the list is only a shortcut, the checks still run.
    });
  }
}
