import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { signMessage, type VerifyNow, type VerifyRequest } from '../access/signatures.ts';
import { canonicalJson } from '../domain/canonicalJson.ts';
import { toBase32 } from '../domain/ids.ts';
import type { FlowState } from './flow.ts';
import { parseStored, type StoredFlow } from './records.ts';

/*
 * Flow states as stored: each signed by the facilitator and kept under its own key
 * "<seq, zero-padded>.<digest>", so two facilitator devices that steer at the same time never
 * overwrite each other, and a state forged by a peer cannot take a facilitator state's key
 * (Yjs keeps one value per key). Devices follow the newest validly signed state; a state
 * older than the one they follow never takes it back.
 */

/** How many older states a facilitator's device keeps when it writes a new one. */
export const keepFlowStates = 20;

function flowMessage(roomId: string, state: unknown): Uint8Array {
  // Bound to the room, so a signed state cannot be replayed into another session.
  return utf8ToBytes(`kring/flow/v2\n${roomId}\n${canonicalJson(state)}`);
}

export function signFlow(state: FlowState, roomId: string, secretKey: Uint8Array): StoredFlow {
  return { state, signature: signMessage(flowMessage(roomId, state), secretKey) };
}

export function flowKey(seq: number): string {
  return String(seq).padStart(10, '0');
}

/** The key a signed state is stored under: its number, then a digest of the state and signature. */
export function flowRecordKey(stored: StoredFlow): string {
  const digest = sha256(
    utf8ToBytes(`${canonicalJson(stored.state)}|${toBase32(stored.signature)}`)
  );
  return `${flowKey(stored.state.seq)}.${toBase32(digest).slice(0, 16)}`;
}

/** What to check for a stored value under a flow key; undefined when it is no flow state there. */
export function flowCheck(
  key: string,
  value: unknown,
  roomId: string,
  publicKey: Uint8Array
): { stored: StoredFlow; request: VerifyRequest } | undefined {
  const stored = parseStored.flow(value);
  if (!stored || flowRecordKey(stored) !== key) return undefined;
  return {
    stored,
    request: { message: flowMessage(roomId, stored.state), signature: stored.signature, publicKey }
  };
}

/** The state a stored value holds if it is validly signed under its own key. */
export function verifyFlow(
  key: string,
  value: unknown,
  roomId: string,
  publicKey: Uint8Array,
  verify: VerifyNow
): FlowState | undefined {
  const check = flowCheck(key, value, roomId, publicKey);
  return check && verify(check.request) ? check.stored.state : undefined;
}

/** The sequence number a stored key claims (unverified: used to order the checks). */
export function claimedSeq(key: string): number {
  const seq = Number(key.split('.')[0]);
  return Number.isSafeInteger(seq) ? seq : Number.NEGATIVE_INFINITY;
}

/**
 * The newest of the valid states, never older than `current`. Checked from the highest
 * claimed number down, so the first valid state is the newest: a valid signature covers its
 * number. States below `current` could never be chosen, so they are not checked at all.
 */
export function newestFlow(
  keys: Iterable<string>,
  isValid: (key: string) => FlowState | undefined,
  current: FlowState | undefined
): FlowState | undefined {
  const floor = current?.seq ?? Number.NEGATIVE_INFINITY;
  const candidates = [...keys]
    .filter((key) => claimedSeq(key) >= floor)
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  for (const key of candidates) {
    const state = isValid(key);
    if (state) return state;
  }
  return current;
}
