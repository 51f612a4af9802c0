/*
 * Sealing and opening a peer message with XChaCha20-Poly1305 (audited pure JS, @noble), as a
 * job that can run on the page or in a worker: plain data in, plain data out.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';

export type SealingJob = {
  id: number;
  op: 'seal' | 'open';
  key: Uint8Array;
  nonce: Uint8Array;
  bytes: Uint8Array;
};

export type SealingAnswer = { id: number; bytes: Uint8Array } | { id: number; error: string };

/** Seals (encrypts and authenticates) or opens (checks and decrypts) the job's bytes. */
export function runSealing({ op, key, nonce, bytes }: Omit<SealingJob, 'id'>): Uint8Array {
  const cipher = xchacha20poly1305(key, nonce);
  return op === 'seal' ? cipher.encrypt(bytes) : cipher.decrypt(bytes);
}

/** The job's answer; a message that does not open (wrong key, altered) answers an error. */
export function answerSealing(job: SealingJob): SealingAnswer {
  try {
    return { id: job.id, bytes: runSealing(job) };
  } catch (error) {
    return { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
}
