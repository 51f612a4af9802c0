import type * as Y from 'yjs';
import type { FlowState } from '../model/flow.ts';
import { fromBase32 } from '../domain/ids.ts';
import { verifyFlow } from './flowSigning.ts';
import { verifierOf } from './roomSecrets.ts';
import { readPublicKey, readStoredFlows } from './sessionDoc.ts';

/**
 * Signature checks already made, per stored flow state (Yjs hands out the same object for a
 * stored value until it changes), for the room and public key they were made against.
 * Every change to the session's maps (each ballot, pick or answer) reads the flow again, and
 * an Ed25519 verification costs milliseconds on a phone: each state is checked once.
 */
const checked = new WeakMap<object, { readonly against: string; readonly flow?: FlowState }>();

function checkedFlow(
  candidate: unknown,
  roomId: string,
  keyText: string,
  key: Uint8Array
): FlowState | undefined {
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const against = `${roomId}|${keyText}`;
  const known = checked.get(candidate);
  if (known?.against === against) return known.flow;
  const flow = verifyFlow(candidate, roomId, key);
  checked.set(candidate, flow ? { against, flow } : { against });
  return flow;
}

/** The sequence number a stored state claims (unverified: only used to order the checks). */
function claimedSeq(candidate: unknown): number {
  const seq = (candidate as { state?: { seq?: unknown } } | null)?.state?.seq;
  return typeof seq === 'number' && Number.isFinite(seq) ? seq : Number.NEGATIVE_INFINITY;
}

/**
 * The flow a device should follow: the newest state signed by the facilitator whose
 * fingerprint is in this device's room key. Unsigned, forged or foreign states are
 * ignored, and a state older than `current` (replayed by a peer) never takes it back.
 */
export function trustedFlow(
  doc: Y.Doc,
  roomId: string,
  verifier: string,
  current: FlowState | undefined
): FlowState | undefined {
  const stored = readPublicKey(doc);
  const key = stored ? fromBase32(stored) : undefined;
  if (!stored || !key || key.length !== 32 || verifierOf(key) !== verifier) return current;
  // Checked from the highest claimed sequence number down, the first valid state is the
  // newest valid one: a valid signature covers its sequence number, so nothing after it in
  // this order can be newer. (Equal numbers keep readStoredFlows' order, newest key first.)
  // States below `current` could never be chosen, so they are not checked at all.
  const floor = current?.seq ?? Number.NEGATIVE_INFINITY;
  const candidates = readStoredFlows(doc)
    .filter((candidate) => claimedSeq(candidate) >= floor)
    .sort((a, b) => claimedSeq(b) - claimedSeq(a));
  for (const candidate of candidates) {
    const flow = checkedFlow(candidate, roomId, stored, key);
    if (flow) return flow;
  }
  return current;
}
