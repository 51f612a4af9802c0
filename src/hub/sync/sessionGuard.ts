import type * as Y from 'yjs';
import { fromBase32 } from '../../lib/domain/ids.ts';
import { flowCheck } from '../../lib/model/flowRecords.ts';
import { roots } from '../../lib/model/records.ts';
import { boardCheck, entryCheck, sessionCheck } from '../../lib/model/signedRecords.ts';
import type { SessionData } from '../../lib/model/sessionData.ts';
import { knownVerdict, rememberVerdict, SessionRecords } from '../../lib/sync/SessionRecords.ts';
import { hubOrigin } from './libraryAdapter.ts';
import { verifyNative } from './nodeVerify.ts';

/*
 * What the hub keeps true in a room's doc, judged by signatures, never by the connection a
 * change came through (a laptop passes on what a phone sent it peer-to-peer, and an update
 * that waited as pending lands with whatever message completes it):
 *   - a record (the session, a person's entries of a step, a facilitator's board) is replaced
 *     only by a validly signed newer one: a record deleted, overwritten by anything else, or
 *     by an older signed one, is written back (the same rule every device follows:
 *     sync/SessionRecords.ts);
 *   - values under the session's keys that are no valid record at all are removed, as are
 *     flow states without the facilitator's signature under their own key;
 *   - the newest signed flow state is never removed (that would turn the session back).
 * The hub repairs rather than refuses: a change that breaks a rule is applied (it came with
 * honest changes in one message), then undone in the hub's own transaction, which every
 * device receives. Refusing the message instead cut off honest phones that merely passed on
 * what a modified app had sent them (found by the fuzz test, seed 386). See docs/SECURITY.md.
 */

export interface SessionGuardOptions {
  readonly roomId: string;
  /** The facilitator's key fingerprint, from the connections' room key. */
  readonly verifier: string;
  /** Told about each repair, for the hub's log and the tests. */
  readonly onRepair?: (reason: string) => void;
  /**
   * When to judge a change after it was applied; at once without this. The hub judges after
   * the room's other devices have been sent the change (libraryAdapter.ts, afterBroadcast):
   * a repair follows the change either way, and the checks no longer hold up every phone's
   * view of every honest idea.
   */
  readonly defer?: (job: () => void) => void;
  /** Given the way to read the room's checked records (a joining phone's step preview). */
  readonly onData?: (read: () => SessionData) => void;
}

/** The origin of the hub's own repairs: stored and sent to every device like any change. */
export const guardOrigin = hubOrigin({ kringGuard: true });

/** Watches a room's doc and undoes what breaks the rules above; returns the way to stop. */
export function guardSession(doc: Y.Doc, options: SessionGuardOptions): () => void {
  const { roomId, verifier } = options;
  const defer = options.defer ?? ((job: () => void) => job());
  const records = new SessionRecords(doc, {
    roomId,
    verifier,
    verifyNow: verifyNative,
    defer: options.defer,
    repair: () => true,
    repairOrigin: guardOrigin,
    onRepair: (count) => options.onRepair?.(`wrote back ${count} overwritten or deleted record(s)`)
  });
  options.onData?.(() => records.data);
  const maps = {
    session: doc.getMap<unknown>(roots.session),
    flow: doc.getMap<unknown>(roots.flow),
    entries: doc.getMap<unknown>(roots.entries),
    boards: doc.getMap<unknown>(roots.boards)
  };

  const facilitatorKey = (): Uint8Array | undefined => {
    const key = records.data.session?.facilitatorKey;
    return key ? fromBase32(key) : undefined;
  };

  const isValid = (root: keyof typeof maps, key: string, value: unknown): boolean | undefined => {
    const publicKey = facilitatorKey();
    const check =
      root === 'entries'
        ? entryCheck(roomId, key, value)
        : root === 'session'
          ? sessionCheck(roomId, key, value, verifier)
          : !publicKey
            ? undefined
            : root === 'boards'
              ? boardCheck(roomId, key, value, publicKey)
              : flowCheck(key, value, roomId, publicKey);
    // Boards and flow states cannot be judged before the session's key is known.
    if (!check)
      return root === 'boards' || root === 'flow' ? (publicKey ? false : undefined) : false;
    let verdict = knownVerdict(value);
    if (verdict === undefined) {
      verdict = verifyNative(check.request);
      rememberVerdict(value, verdict);
    }
    return verdict;
  };

  const repair = (reason: string, change: () => void): void => {
    options.onRepair?.(reason);
    // Inside a Yjs observer this becomes a transaction of its own, right after this one.
    doc.transact(change, guardOrigin);
  };

  /** Removes values that are no valid record (nothing valid was there to write back). */
  const sweep = (root: keyof typeof maps, keys: Iterable<string>): void => {
    const map = maps[root];
    const junk = [...keys].filter(
      (key) => map.has(key) && isValid(root, key, map.get(key)) === false
    );
    if (junk.length === 0) return;
    repair(`removed ${junk.length} value(s) that are no valid record (${root})`, () => {
      for (const key of junk) if (isValid(root, key, map.get(key)) === false) map.delete(key);
    });
  };

  const onFlow = (event: Y.YMapEvent<unknown>): void => {
    if (event.transaction.origin === guardOrigin) return;
    // What was deleted is only in the event: kept now, judged with the rest.
    const deleted: [string, unknown][] = [];
    for (const [name, change] of event.changes.keys)
      if (change.action === 'delete') deleted.push([name, change.oldValue]);
    const keys = [...event.keysChanged];
    defer(() => {
      const undo: (() => void)[] = [];
      const newest = records.data.flow;
      for (const [name, before] of deleted) {
        // Pruning older states is how a facilitator's device keeps the map short.
        if (
          isValid('flow', name, before) &&
          newest &&
          flowCheck(name, before, roomId, facilitatorKey() as Uint8Array)?.stored.state.seq ===
            newest.seq
        ) {
          undo.push(() => maps.flow.set(name, before));
        }
      }
      if (undo.length > 0)
        repair('the newest flow state was removed', () => undo.forEach((u) => u()));
      sweep('flow', keys);
    });
  };

  const observers = (Object.keys(maps) as (keyof typeof maps)[]).map((root) => {
    const observer =
      root === 'flow'
        ? onFlow
        : (event: Y.YMapEvent<unknown>) => {
            if (event.transaction.origin === guardOrigin) return;
            const keys = [...event.keysChanged];
            defer(() => {
              sweep(root, keys);
              if (root === 'session' && facilitatorKey()) {
                // The key is known now: judge what waited for it.
                sweep('boards', maps.boards.keys());
                sweep('flow', maps.flow.keys());
              }
            });
          };
    maps[root].observe(observer);
    return () => maps[root].unobserve(observer);
  });
  for (const root of Object.keys(maps) as (keyof typeof maps)[]) sweep(root, maps[root].keys());

  return () => {
    for (const stop of observers) stop();
    records.destroy();
  };
}
