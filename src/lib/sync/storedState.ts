import * as Y from 'yjs';
import type { StateMark } from '../domain/stateMark.ts';

/** A doc's state vector as plain data (domain/stateMark.ts). */
export function stateOf(doc: Y.Doc): StateMark {
  return Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc)));
}

/**
 * Tells `stored` the doc's whole state after each change that is not the copy's own load
 * (`loadOrigin`: what it loads is already stored), once a task, and when the page goes away
 * (storage/copyMarks.ts says why the whole state, each time). Returns the way to stop.
 */
export function followStoredState(
  doc: Y.Doc,
  loadOrigin: unknown,
  stored: (state: StateMark) => void
): () => void {
  let queued = false;
  const flush = (): void => {
    queued = false;
    stored(stateOf(doc));
  };
  const changed = (transaction: Y.Transaction): void => {
    // A transaction that adds nothing (a pure deletion prunes old flow states) leaves the
    // state vector as it was.
    if (transaction.origin === loadOrigin || queued || sameState(transaction)) return;
    queued = true;
    queueMicrotask(flush);
  };
  doc.on('afterTransaction', changed);
  const page = typeof window === 'undefined' ? undefined : window;
  page?.addEventListener('pagehide', flush);
  return () => {
    doc.off('afterTransaction', changed);
    page?.removeEventListener('pagehide', flush);
  };
}

function sameState(transaction: Y.Transaction): boolean {
  const { beforeState, afterState } = transaction;
  if (beforeState.size !== afterState.size) return false;
  for (const [client, clock] of afterState) if (beforeState.get(client) !== clock) return false;
  return true;
}
