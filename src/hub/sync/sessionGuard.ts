import type * as Y from 'yjs';
import { fromBase32 } from '../../lib/domain/ids.ts';
import { verifyFlow, type SignedFlow } from '../../lib/sync/flowSigning.ts';
import { verifierOf } from '../../lib/sync/roomSecrets.ts';
import { isOwnFlowKey } from '../../lib/sync/sessionDoc.ts';
import { trustedFlow } from '../../lib/sync/trustedFlow.ts';

/*
 * What the hub keeps true in a room's doc, whoever's message brought the change:
 *   - every stored flow state carries the signature of the facilitator whose fingerprint is in
 *     the room key, under its own key (sessionDoc.ts signedFlowKey), so nobody but a
 *     facilitator steers and no old state is replayed in place of a newer one;
 *   - the newest signed state is never removed (that would turn the session back);
 *   - the session's title, script and public key, once written, are changed only by a
 *     facilitator's connection, and a public key is the room's own.
 * The hub repairs rather than refuses: a change that breaks a rule is applied (it came
 * together with honest changes in one message), then undone in the hub's own transaction,
 * which every device receives. Refusing the message instead cut off honest phones that merely
 * passed on what a modified app had sent them peer-to-peer: they offered it again on every
 * reconnect (found by the fuzz test, seed 386). The changes are looked at as they land in the
 * doc, so an update that waited as pending is checked when it applies. Every device also
 * checks flow signatures itself (trustedFlow.ts); see docs/SECURITY.md.
 */

export interface SessionGuardOptions {
  readonly roomId: string;
  /** The facilitator's key fingerprint, from the connections' room key. */
  readonly verifier: string;
  /** Whether a transaction came from a facilitator's connection. */
  readonly fromFacilitator: (origin: unknown) => boolean;
  /** Told about each repair, for the hub's log and the tests. */
  readonly onRepair?: (reason: string) => void;
}

/** The origin of the hub's own repairs (Hocuspocus's shape for local changes). */
export const guardOrigin = { source: 'local', kringGuard: true } as const;

/** Watches a room's doc and undoes what breaks the rules above; returns the way to stop. */
export function guardSession(doc: Y.Doc, options: SessionGuardOptions): () => void {
  const { roomId, verifier } = options;
  const flow = doc.getMap<unknown>('flow');
  const session = doc.getMap<unknown>('session');

  const roomPublicKey = (): Uint8Array | undefined => {
    const text = session.get('publicKey');
    const key = typeof text === 'string' ? fromBase32(text) : undefined;
    return key && key.length === 32 && verifierOf(key) === verifier ? key : undefined;
  };

  const isSignedState = (key: Uint8Array, name: string, value: unknown): value is SignedFlow =>
    verifyFlow(value, roomId, key) !== undefined && isOwnFlowKey(name, value as SignedFlow);

  const repair = (reason: string, change: () => void): void => {
    options.onRepair?.(reason);
    // Inside a Yjs observer this becomes a transaction of its own, right after this one.
    doc.transact(change, guardOrigin);
  };

  /** Removes every flow state that is not a signed state under its own key. */
  const sweepFlow = (key: Uint8Array): void => {
    const forged = [...flow.entries()].filter(([name, value]) => !isSignedState(key, name, value));
    if (forged.length === 0) return;
    repair('flow state without the facilitator’s signature', () => {
      for (const [name] of forged) flow.delete(name);
    });
  };

  const onFlow = (event: Y.YMapEvent<unknown>): void => {
    if (event.transaction.origin === guardOrigin) return;
    // Without the session's key nothing can be judged yet; the session's arrival sweeps.
    const key = roomPublicKey();
    if (!key) return;
    const undo: (() => void)[] = [];
    for (const [name, change] of event.changes.keys) {
      const before = change.oldValue as unknown;
      const wasSigned = change.action !== 'add' && isSignedState(key, name, before);
      if (change.action !== 'delete') {
        if (isSignedState(key, name, flow.get(name))) continue;
        undo.push(wasSigned ? () => flow.set(name, before) : () => flow.delete(name));
      } else if (wasSigned) {
        // Pruning older states is how a facilitator's device keeps the map short; removing
        // the newest would turn the session back.
        const newest = trustedFlow(doc, roomId, verifier, undefined);
        if (!newest || (before as SignedFlow).state.seq > newest.seq)
          undo.push(() => flow.set(name, before));
      }
    }
    if (undo.length > 0)
      repair('flow changed without the facilitator’s signature', () => undo.forEach((u) => u()));
  };

  const onSession = (event: Y.YMapEvent<unknown>): void => {
    const origin = event.transaction.origin;
    if (origin !== guardOrigin && !options.fromFacilitator(origin)) {
      const undo: (() => void)[] = [];
      for (const [name, change] of event.changes.keys) {
        const before = change.oldValue as unknown;
        if (change.action !== 'add') undo.push(() => session.set(name, before));
        else if (name === 'publicKey' && !roomPublicKey()) undo.push(() => session.delete(name));
      }
      if (undo.length > 0)
        repair('only a facilitator changes the session', () => undo.forEach((u) => u()));
    }
    if (event.keysChanged.has('publicKey')) {
      const key = roomPublicKey();
      if (key) sweepFlow(key);
    }
  };

  flow.observe(onFlow);
  session.observe(onSession);
  const key = roomPublicKey();
  if (key) sweepFlow(key);
  return () => {
    flow.unobserve(onFlow);
    session.unobserve(onSession);
  };
}
