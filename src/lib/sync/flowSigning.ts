import { ed25519 } from '@noble/curves/ed25519.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { fromBase32, toBase32 } from '../domain/ids.ts';
import type { FlowState } from '../domain/flow.ts';
import { canonicalJson } from './canonicalJson.ts';

/** The flow as stored in the doc: the state and the facilitator's signature over it. */
export interface SignedFlow {
  readonly state: FlowState;
  readonly signature: string;
}

function message(roomId: string, state: unknown): Uint8Array {
  // Bound to the room, so a signed state cannot be replayed into another session.
  return utf8ToBytes(`kring/flow/v1|${roomId}|${canonicalJson(state)}`);
}

export function signFlow(state: FlowState, roomId: string, secretKey: Uint8Array): SignedFlow {
  return { state, signature: toBase32(ed25519.sign(message(roomId, state), secretKey)) };
}

function isFlowState(value: unknown): value is FlowState {
  if (typeof value !== 'object' || value === null) return false;
  const flow = value as Record<string, unknown>;
  const timer = flow['timer'] as Record<string, unknown> | null | undefined;
  return (
    typeof flow['seq'] === 'number' &&
    typeof flow['stepId'] === 'string' &&
    Array.isArray(flow['revealed']) &&
    Array.isArray(flow['locked']) &&
    typeof flow['votes'] === 'object' &&
    flow['votes'] !== null &&
    (flow['spotlight'] === null || typeof flow['spotlight'] === 'string') &&
    typeof timer === 'object' &&
    timer !== null &&
    typeof timer['durationMs'] === 'number' &&
    typeof timer['elapsedMs'] === 'number'
  );
}

/**
 * The flow state if it carries a valid signature by the facilitator's key for this room;
 * undefined for anything else (unsigned, tampered, for another room, malformed).
 */
export function verifyFlow(
  stored: unknown,
  roomId: string,
  publicKey: Uint8Array
): FlowState | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const { state, signature } = stored as { state?: unknown; signature?: unknown };
  if (typeof signature !== 'string' || !isFlowState(state)) return undefined;
  const bytes = fromBase32(signature);
  if (!bytes || bytes.length !== 64) return undefined;
  try {
    return ed25519.verify(bytes, message(roomId, state), publicKey) ? state : undefined;
  } catch {
    return undefined;
  }
}
