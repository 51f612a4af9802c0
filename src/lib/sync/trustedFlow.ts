import type * as Y from 'yjs';
import type { FlowState } from '../domain/flow.ts';
import { fromBase32 } from '../domain/ids.ts';
import { verifyFlow } from './flowSigning.ts';
import { verifierOf } from './roomAccess.ts';
import { readPublicKey, readStoredFlows } from './sessionDoc.ts';

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
  if (!key || key.length !== 32 || verifierOf(key) !== verifier) return current;
  let newest: FlowState | undefined;
  for (const candidate of readStoredFlows(doc)) {
    const flow = verifyFlow(candidate, roomId, key);
    if (flow && (!newest || flow.seq > newest.seq)) newest = flow;
  }
  return newest && (!current || newest.seq >= current.seq) ? newest : current;
}
