import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { roomIdentity } from '../../src/lib/access/identity.ts';
import { facilitatorIdentity, newSessionKeys } from '../../src/lib/access/roomKeys.ts';
import { toBase32 } from '../../src/lib/domain/ids.ts';
import { applyFlow } from '../../src/lib/model/flow.ts';
import { flowRecordKey, signFlow } from '../../src/lib/model/flowRecords.ts';
import {
  entryKey,
  roots,
  schemaVersion,
  sessionKey,
  type NoteItem,
  type StoredEntry,
  type StoredSession
} from '../../src/lib/model/records.ts';
import { signBoard, signEntry, signSession } from '../../src/lib/model/signedRecords.ts';
import { builtinScript } from '../../src/lib/scripts/catalog.ts';
import type { Script } from '../../src/lib/scripts/schema.ts';
import { readSessionData } from '../../src/lib/sync/sessionTransfer.ts';
import { afterBroadcast } from '../../src/hub/sync/libraryAdapter.ts';
import { guardOrigin, guardSession } from '../../src/hub/sync/sessionGuard.ts';
import { newRoom, type Person, type Room } from './sessionHarness.ts';

/*
 * The hub's session guard on a real Y.Doc as the hub holds it: changes arrive as Yjs updates
 * from a modified device (applied with a connection's origin, as Hocuspocus applies them),
 * the guard repairs what no valid signature backs, and the repair travels back to the device
 * as the hub's next update. Honest devices write through the real rules and signatures
 * (sessionHarness.ts).
 */

const swot = builtinScript('swot') as Script;
const fromConnection = { source: 'connection' } as const;

interface Guarded {
  readonly room: Room;
  readonly ann: Person;
  /** The room's doc as the hub holds it, guarded. */
  readonly hub: Y.Doc;
  /** A modified app's copy of the room: what it does there reaches the hub as updates. */
  readonly device: Y.Doc;
  readonly repairs: string[];
  /** Ann's entry key and the record she signed. */
  readonly annKey: string;
  readonly annRecord: StoredEntry;
  /** Sends what `change` does on the device to the hub, then brings the hub's answer back. */
  send(change: (doc: Y.Doc) => void): void;
  /** Sends updates the device made to the hub one by one, in this order, then answers. */
  deliver(updates: readonly Uint8Array[]): void;
  /** Syncs the honest devices' doc with the hub, both ways. */
  honest(): void;
}

/** A guarded room; with `defer`, the guard judges when the hub does (afterBroadcast). */
function guarded(defer?: (hub: Y.Doc) => (job: () => void) => void): Guarded {
  const room = newRoom(swot);
  room.goTo('swot');
  const ann = room.person('ann');
  ann.must({
    type: 'addNote',
    stepId: 'swot',
    id: 'idee-ann',
    column: 'sterktes',
    text: 'Van Ann',
    now: 0
  });
  const hub = new Y.Doc();
  const repairs: string[] = [];
  guardSession(hub, {
    roomId: room.roomId,
    verifier: room.verifier,
    onRepair: (reason) => repairs.push(reason),
    ...(defer ? { defer: defer(hub) } : {})
  });
  Y.applyUpdate(hub, Y.encodeStateAsUpdate(room.doc), fromConnection);
  const device = new Y.Doc();
  Y.applyUpdate(device, Y.encodeStateAsUpdate(hub));
  const annKey = entryKey('swot', roomIdentity(ann.secret, room.roomId).author('swot').id);
  const annRecord = room.doc.getMap<StoredEntry>(roots.entries).get(annKey) as StoredEntry;

  const answer = (): void => {
    Y.applyUpdate(device, Y.encodeStateAsUpdate(hub, Y.encodeStateVector(device)));
  };
  const deliver = (updates: readonly Uint8Array[]): void => {
    for (const update of updates) Y.applyUpdate(hub, update, fromConnection);
    answer();
  };
  return {
    room,
    ann,
    hub,
    device,
    repairs,
    annKey,
    annRecord,
    send(change) {
      const updates: Uint8Array[] = [];
      const listener = (update: Uint8Array): number => updates.push(update);
      device.on('update', listener);
      change(device);
      device.off('update', listener);
      deliver(updates.length > 0 ? [Y.mergeUpdates(updates)] : []);
    },
    deliver,
    honest() {
      Y.applyUpdate(hub, Y.encodeStateAsUpdate(room.doc, Y.encodeStateVector(hub)), fromConnection);
      Y.applyUpdate(room.doc, Y.encodeStateAsUpdate(hub, Y.encodeStateVector(room.doc)));
      answer();
    }
  };
}

/** The brainstorm's ideas as a doc's checked records hold them (what every device shows). */
function ideas(doc: Y.Doc, room: Room): string[] {
  const entries = readSessionData(doc, room.roomKey).entries.get('swot');
  return [...(entries?.values() ?? [])].flatMap((entry) => (entry.data.n ?? []).map((n) => n[2]));
}

const entries = (doc: Y.Doc) => doc.getMap<unknown>(roots.entries);

describe('the hub’s session guard', () => {
  it('writes back another person’s entry that a modified device overwrote or deleted', () => {
    const g = guarded();
    const mallory = roomIdentity('mallory', g.room.roomId).author('swot');
    const attacks: [string, (doc: Y.Doc) => void][] = [
      ['junk', (doc) => entries(doc).set(g.annKey, { p: new Uint8Array(32), q: 9 })],
      [
        'Ann’s record with other text, her signature kept',
        (doc) =>
          entries(doc).set(g.annKey, {
            ...g.annRecord,
            d: { n: [['idee-ann', 'sterktes', 'Overschreven', 0, 1]] }
          })
      ],
      [
        'a record signed by the modified device, under Ann’s key',
        (doc) =>
          entries(doc).set(
            g.annKey,
            signEntry(g.room.roomId, 'swot', mallory, 99, 2, {
              n: [['idee-ann', 'sterktes', 'Overschreven', 0, 1]]
            })
          )
      ],
      ['deleted', (doc) => entries(doc).delete(g.annKey)]
    ];
    for (const [name, attack] of attacks) {
      const repairs = g.repairs.length;
      g.send(attack);
      expect(g.hub.getMap(roots.entries).get(g.annKey), name).toEqual(g.annRecord);
      // The repair reached the device: its copy holds Ann's record again.
      expect(entries(g.device).get(g.annKey), name).toEqual(g.annRecord);
      expect(ideas(g.device, g.room), name).toEqual(['Van Ann']);
      expect(g.repairs.length, name).toBeGreaterThan(repairs);
    }
  });

  it('judges a change after the room was sent it, as the hub does, and still repairs it', async () => {
    const g = guarded((hub) => afterBroadcast(hub, (error) => expect.fail(String(error))).defer);
    const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    await turn();
    const order: string[] = [];
    // As Hocuspocus sends a change to the room (flushDelay 0): in a setImmediate from 'update'.
    g.hub.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === fromConnection) setImmediate(() => order.push('sent'));
    });
    g.send((doc) => entries(doc).delete(g.annKey));
    // Applied and not yet judged: the checks wait for the room's copy to go out.
    expect(g.hub.getMap(roots.entries).has(g.annKey)).toBe(false);
    expect(g.repairs).toEqual([]);
    await turn();
    order.push(...g.repairs.map(() => 'repaired'));
    expect(order).toEqual(['sent', 'repaired']);
    expect(g.hub.getMap(roots.entries).get(g.annKey)).toEqual(g.annRecord);
    g.deliver([]);
    expect(ideas(g.device, g.room)).toEqual(['Van Ann']);

    // Junk under a new key is removed the same way.
    g.send((doc) => entries(doc).set('swot/rommel', { q: 1 }));
    expect(entries(g.hub).has('swot/rommel')).toBe(true);
    await turn();
    expect(entries(g.hub).has('swot/rommel')).toBe(false);
  });

  it('keeps the author’s newer record, and writes it back over a replay of an older one', () => {
    const g = guarded();
    g.ann.must({ type: 'editNote', noteId: 'idee-ann', text: 'Van Ann, verbeterd' });
    g.honest();
    expect(ideas(g.hub, g.room)).toEqual(['Van Ann, verbeterd']);
    const newer = g.hub.getMap(roots.entries).get(g.annKey);
    expect(g.repairs).toEqual([]);

    // The older record, validly signed by Ann, sent again.
    g.send((doc) => entries(doc).set(g.annKey, g.annRecord));
    expect(g.hub.getMap(roots.entries).get(g.annKey)).toEqual(newer);
    expect(ideas(g.device, g.room)).toEqual(['Van Ann, verbeterd']);
  });

  it('keeps the session record as the facilitator signed it, and the facilitator’s renaming', () => {
    const g = guarded();
    const sessions = (doc: Y.Doc) => doc.getMap<StoredSession>(roots.session);
    const original = sessions(g.hub).get(sessionKey) as StoredSession;
    const named = structuredClone(swot);
    const brainstorm = named.steps.find((step) => step.id === 'swot');
    if (brainstorm?.activity.type === 'brainstorm') brainstorm.activity.anonymous = false;
    const impostor = facilitatorIdentity(newSessionKeys().facilitatorKey);
    const attacks: [string, (doc: Y.Doc) => void][] = [
      [
        'names switched on, the signature kept',
        (doc) => sessions(doc).set(sessionKey, { ...original, d: { ...original.d, script: named } })
      ],
      [
        'signed again by another facilitator key',
        (doc) =>
          sessions(doc).set(
            sessionKey,
            signSession(g.room.roomId, impostor, original.q + 1, {
              v: schemaVersion,
              title: 'Overgenomen',
              script: named,
              key: toBase32(impostor.publicKey)
            })
          )
      ],
      ['deleted', (doc) => sessions(doc).delete(sessionKey)]
    ];
    for (const [name, attack] of attacks) {
      g.send(attack);
      expect(sessions(g.hub).get(sessionKey), name).toEqual(original);
      expect(sessions(g.device).get(sessionKey), name).toEqual(original);
      const session = readSessionData(g.device, g.room.roomKey).session;
      expect(session?.title, name).toBe('Testsessie');
    }

    // The laptop, having received the repairs, renames the session.
    g.honest();
    g.room.facilitator.must({ type: 'rename', title: 'Nieuwe naam' });
    g.honest();
    expect(readSessionData(g.hub, g.room.roomKey).session?.title).toBe('Nieuwe naam');
    expect(readSessionData(g.device, g.room.roomKey).session?.title).toBe('Nieuwe naam');
  });

  it('removes boards, flow states and other values that no valid signature backs', () => {
    const g = guarded();
    const impostor = facilitatorIdentity(newSessionKeys().facilitatorKey);
    const flow = readSessionData(g.hub, g.room.roomKey).flow;
    if (!flow) throw new Error('the session has a flow');
    const forgedFlow = signFlow(
      applyFlow(swot, flow, { type: 'goTo', stepId: 'stemmen' }, 0),
      g.room.roomId,
      impostor.secretKey
    );
    const keysBefore = (doc: Y.Doc) =>
      Object.fromEntries(Object.values(roots).map((root) => [root, [...doc.getMap(root).keys()]]));
    const before = keysBefore(g.hub);
    g.send((doc) => {
      doc
        .getMap(roots.boards)
        .set('swot', signBoard(g.room.roomId, 'swot', impostor, 1, { xn: ['idee-ann'] }));
      doc.getMap(roots.flow).set(flowRecordKey(forgedFlow), forgedFlow);
      doc.getMap(roots.entries).set('swot/niet-een-sleutel', g.annRecord);
      doc.getMap(roots.entries).set('rommel', 'x'.repeat(1000));
      doc.getMap(roots.boards).set('../swot', 42);
      doc.getMap(roots.session).set('andere', { q: 1 });
      doc.getMap(roots.flow).set('0000000099.zzzzzzzzzzzzzzzz', null);
    });
    expect(keysBefore(g.hub)).toEqual(before);
    expect(keysBefore(g.device)).toEqual(before);
    const seen = readSessionData(g.device, g.room.roomKey);
    expect(seen.flow?.stepId).toBe('swot');
    expect(ideas(g.device, g.room)).toEqual(['Van Ann']);

    // Over the facilitator's own board, a forged one is replaced by the facilitator's again.
    g.room.facilitator.must({
      type: 'createCluster',
      stepId: 'swot',
      id: 'groep-1',
      name: 'Samen',
      column: 'sterktes'
    });
    g.honest();
    const board = g.hub.getMap(roots.boards).get('swot');
    g.send((doc) =>
      doc.getMap(roots.boards).set('swot', signBoard(g.room.roomId, 'swot', impostor, 9, {}))
    );
    expect(g.hub.getMap(roots.boards).get('swot')).toEqual(board);
    expect(g.device.getMap(roots.boards).get('swot')).toEqual(board);
  });

  it('never lets the newest flow state go, lets older ones be pruned, and is not turned back by a replay', () => {
    const g = guarded();
    const flowMap = (doc: Y.Doc) => doc.getMap<unknown>(roots.flow);
    const newestKey = (doc: Y.Doc) => [...flowMap(doc).keys()].sort().at(-1) as string;
    const newest = newestKey(g.hub);
    const newestValue = flowMap(g.hub).get(newest);
    g.send((doc) => flowMap(doc).delete(newest));
    expect(flowMap(g.hub).get(newest)).toEqual(newestValue);
    expect(flowMap(g.device).get(newest)).toEqual(newestValue);

    // The facilitator's laptop prunes older states as it steers: those deletes stand.
    const first = [...flowMap(g.hub).keys()].sort()[0] as string;
    const firstValue = flowMap(g.hub).get(first);
    const repairs = g.repairs.length;
    for (let i = 0; i < 25; i++) g.room.steer({ type: i % 2 ? 'startTimer' : 'pauseTimer' });
    g.honest();
    expect(flowMap(g.hub).has(first)).toBe(false);
    expect(g.repairs.slice(repairs)).toEqual([]);

    // A pruned state sent again is validly signed, so it stays; no device goes back to it.
    const seq = readSessionData(g.hub, g.room.roomKey).flow?.seq;
    g.send((doc) => flowMap(doc).set(first, firstValue));
    expect(readSessionData(g.device, g.room.roomKey).flow?.seq).toBe(seq);
    expect(readSessionData(g.hub, g.room.roomKey).flow?.seq).toBe(seq);
  });

  it('keeps the honest part of an update that also forges, and judges an update completed later by its signatures', () => {
    const g = guarded();
    // The modified app is also a participant with ideas of its own, signed as any phone does.
    const identity = roomIdentity('modified-app', g.room.roomId);
    const own = identity.author('swot');
    const ownKey = entryKey('swot', own.id);
    const ownEntry = (seq: number, texts: string[]) =>
      signEntry(g.room.roomId, 'swot', own, seq, 2, {
        n: texts.map((text, i): NoteItem => [`eigen-${i}`, 'kansen', text, 0, 10 + i])
      });

    // One update: its own idea, and Ann's entry overwritten.
    g.send((doc) =>
      doc.transact(() => {
        entries(doc).set(ownKey, ownEntry(1, ['Eigen idee']));
        entries(doc).set(g.annKey, { ...g.annRecord, d: {} });
      })
    );
    expect(ideas(g.hub, g.room).sort()).toEqual(['Eigen idee', 'Van Ann']);
    expect(ideas(g.device, g.room).sort()).toEqual(['Eigen idee', 'Van Ann']);

    // Two updates made in order, delivered in reverse: the second waits at the hub (pending)
    // until the first completes it; then both are judged by signatures alone.
    const updates: Uint8Array[] = [];
    const listener = (update: Uint8Array): number => updates.push(update);
    g.device.on('update', listener);
    g.device.transact(() => {
      entries(g.device).delete(g.annKey);
      entries(g.device).set(ownKey, ownEntry(2, ['Eigen idee', 'Nog een']));
    });
    entries(g.device).set(ownKey, ownEntry(3, ['Eigen idee', 'Nog een', 'En nog een']));
    g.device.off('update', listener);
    expect(updates).toHaveLength(2);
    g.deliver([updates[1] as Uint8Array]);
    expect(g.hub.store.pendingStructs ?? g.hub.store.pendingDs).not.toBeNull();
    g.deliver([updates[0] as Uint8Array]);
    expect(g.hub.getMap(roots.entries).get(g.annKey)).toEqual(g.annRecord);
    const all = ['Eigen idee', 'En nog een', 'Nog een', 'Van Ann'];
    expect(ideas(g.hub, g.room).sort()).toEqual(all);
    expect(ideas(g.device, g.room).sort()).toEqual(all);
  });

  it('marks its repairs with its own origin, so the hub stores and sends them like any change', () => {
    const g = guarded();
    const origins: unknown[] = [];
    g.hub.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
    g.send((doc) => entries(doc).delete(g.annKey));
    expect(origins).toEqual([fromConnection, guardOrigin]);
  });
});
