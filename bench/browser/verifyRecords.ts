// Runs in Chromium (bundled by bench/metrics/verify.ts): reads a session's doc through the
// real SessionRecords with the screens' batch verification (WebCrypto's Ed25519 in a secure
// context, pure JavaScript elsewhere), from a cold start: no verdict cached, no key imported.
// With `remember`, through the screens' list of signatures found valid on an earlier visit,
// kept in IndexedDB as a room's local copy keeps it (a returning device).
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { KnownSignatures } from '../../src/lib/access/knownSignatures.ts';
import { verifyBatch } from '../../src/lib/access/signatures.ts';
import { SessionRecords } from '../../src/lib/sync/SessionRecords.ts';

export interface VerifyOutcome {
  /** Applying the stored doc (Yjs), before any check. */
  readonly applyMs: number;
  /** From reading the records to every record checked (SessionRecords settled). */
  readonly verifyMs: number;
  readonly signatures: number;
  readonly ideas: number;
  readonly badSignatures: number;
  /** Whether WebCrypto (secure context) was there. */
  readonly native: boolean;
}

declare global {
  interface Window {
    verifyRecords(file: string, remember?: boolean): Promise<VerifyOutcome>;
  }
}

window.verifyRecords = async (file, remember = false) => {
  const { roomId, verifier } = (await (await fetch('/verify.json')).json()) as {
    roomId: string;
    verifier: string;
  };
  const update = new Uint8Array(await (await fetch(file)).arrayBuffer());
  const doc = new Y.Doc();
  const t0 = performance.now();
  Y.applyUpdate(doc, update);
  const t1 = performance.now();
  let signatures = 0;
  const counted: typeof verifyBatch = (requests) => {
    signatures += requests.length;
    return verifyBatch(requests);
  };
  // The room's copy opens as the records are read (a screen opens both at once).
  const copy = remember ? new IndexeddbPersistence(`verify-${file}`, new Y.Doc()) : undefined;
  const known = copy ? new KnownSignatures(copy._db.then(() => copy)) : undefined;
  const records = new SessionRecords(doc, {
    roomId,
    verifier,
    verifyBatch: known ? known.wrap(counted) : counted
  });
  await records.settled();
  const t2 = performance.now();
  await known?.save();
  await copy?.destroy();
  let ideas = 0;
  for (const step of records.data.entries.values()) {
    for (const entry of step.values()) ideas += entry.data.n?.length ?? 0;
  }
  const outcome: VerifyOutcome = {
    applyMs: t1 - t0,
    verifyMs: t2 - t1,
    signatures,
    ideas,
    badSignatures: records.problems.badSignature,
    native: globalThis.isSecureContext
  };
  records.destroy();
  doc.destroy();
  return outcome;
};
