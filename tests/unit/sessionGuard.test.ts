import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Note } from '../../src/lib/domain/board.ts';
import { applyFlow, initialFlow } from '../../src/lib/model/flow.ts';
import { toBase32 } from '../../src/lib/domain/ids.ts';
import { swot } from '../../src/lib/scripts/builtin/swot.ts';
import { deleteNote, insertNote, patchNote, readNotes } from '../../src/lib/sync/boardDoc.ts';
import { signFlow, type SignedFlow } from '../../src/lib/access/flowSigning.ts';
import {
  deriveRoomSecrets,
  facilitatorIdentity,
  newSessionKeys
} from '../../src/lib/sync/roomAccess.ts';
import {
  initSession,
  readTitle,
  signedFlowKey,
  writeFlow,
  writePersonal
} from '../../src/lib/sync/sessionDoc.ts';
import { trustedFlow } from '../../src/lib/sync/trustedFlow.ts';
import { guardSession } from '../../src/hub/sync/sessionGuard.ts';

/*
 * The hub's session guard on a real Y.Doc: changes arrive as Yjs updates from a participant's
 * or a facilitator's connection (the origin), are applied as Hocuspocus applies them, and what
 * breaks a rule is undone by the hub.
 */

const participant = 'participant connection';
const facilitator = 'facilitator connection';

const note = (id: string, author: string): Note => ({
  id,
  step: 'swot',
  column: 'c1',
  text: `idee ${id}`,
  colour: 'yellow',
  author,
  position: 1,
  created: 1
});

/** A started room as the hub holds it (guarded), and a device that synced it. */
function room() {
  const { roomKey, facilitatorKey } = newSessionKeys();
  const { roomId, verifier } = deriveRoomSecrets(roomKey);
  const identity = facilitatorIdentity(facilitatorKey);
  const laptop = new Y.Doc();
  initSession(laptop, 'SWOT', swot, toBase32(identity.publicKey));
  const first = initialFlow(swot);
  writeFlow(laptop, signFlow(first, roomId, identity.secretKey));
  insertNote(laptop, note('a1', 'alice'));
  const hub = new Y.Doc();
  const repairs: string[] = [];
  guardSession(hub, {
    roomId,
    verifier,
    fromFacilitator: (origin) => origin === facilitator,
    onRepair: (reason) => repairs.push(reason)
  });
  Y.applyUpdate(hub, Y.encodeStateAsUpdate(laptop), facilitator);
  const device = new Y.Doc();
  Y.applyUpdate(device, Y.encodeStateAsUpdate(hub));
  /** Sends what `change` does on the device to the hub, then brings the hub's answer back. */
  const send = (change: (doc: Y.Doc) => void, origin: string = participant): void => {
    const before = Y.encodeStateVector(hub);
    const updates: Uint8Array[] = [];
    const listener = (update: Uint8Array): number => updates.push(update);
    device.on('update', listener);
    change(device);
    device.off('update', listener);
    if (updates.length > 0) Y.applyUpdate(hub, Y.mergeUpdates(updates), origin);
    Y.applyUpdate(device, Y.encodeStateAsUpdate(hub, before));
  };
  const signed = (state = first): SignedFlow => signFlow(state, roomId, identity.secretKey);
  const following = (doc: Y.Doc) => trustedFlow(doc, roomId, verifier, undefined);
  return { hub, device, roomId, verifier, identity, first, repairs, send, signed, following };
}

describe('the hub’s session guard', () => {
  it('leaves a participant’s notes and entries alone, also those passed on for others', () => {
    const r = room();
    r.send((d) => insertNote(d, note('a2', 'alice')));
    r.send((d) => insertNote(d, note('c1', 'carol')));
    r.send((d) => patchNote(d, 'a1', { text: 'beter', column: 'c2' }));
    r.send((d) => writePersonal(d, 'ballots', 'stemmen', 'alice', { x: 1 }));
    r.send((d) => deleteNote(d, 'a2'));
    expect(r.repairs).toEqual([]);
    expect([...readNotes(r.hub).keys()].sort()).toEqual(['a1', 'c1']);
  });

  it('keeps a flow state signed by the facilitator, passed on by a participant', () => {
    const r = room();
    const next = applyFlow(swot, r.first, { type: 'next' }, 0);
    r.send((d) => writeFlow(d, r.signed(next)));
    expect(r.repairs).toEqual([]);
    expect(r.following(r.hub)?.seq).toBe(2);
  });

  it('removes unsigned, forged, foreign and tampered flow states, from any connection', () => {
    const impostor = facilitatorIdentity(newSessionKeys().facilitatorKey);
    const forgeries: ((r: ReturnType<typeof room>) => unknown)[] = [
      (r) => ({ state: ahead(r), signature: 'x' }),
      (r) => ({ state: ahead(r), signature: r.signed().signature }),
      (r) => signFlow(ahead(r), 'another-room', r.identity.secretKey),
      (r) => signFlow(ahead(r), r.roomId, impostor.secretKey),
      () => ({ anything: true })
    ];
    const ahead = (r: ReturnType<typeof room>) =>
      applyFlow(swot, r.first, { type: 'goTo', stepId: 'stemmen' }, 0);
    for (const [index, forge] of forgeries.entries()) {
      // A facilitator's laptop may pass on what a modified phone sent it peer-to-peer.
      for (const origin of [participant, facilitator]) {
        const r = room();
        r.send((d) => d.getMap('flow').set(`9999999999.forged${index}`, forge(r)), origin);
        expect(r.repairs, `forgery ${index} via ${origin}`).toHaveLength(1);
        expect([...r.hub.getMap('flow').keys()]).toHaveLength(1);
        expect([...r.device.getMap('flow').keys()]).toHaveLength(1);
        expect(r.following(r.device)?.seq).toBe(1);
      }
    }
  });

  it('puts back the current flow state when it is removed; pruning older ones is fine', () => {
    const r = room();
    r.send((d) => d.getMap('flow').clear());
    expect(r.following(r.hub)?.seq).toBe(1);
    expect(r.following(r.device)?.seq).toBe(1);

    const next = applyFlow(swot, r.first, { type: 'next' }, 0);
    r.send((d) => writeFlow(d, r.signed(next)), facilitator);
    r.repairs.length = 0;
    r.send((d) => d.getMap('flow').delete(signedFlowKey(r.signed())));
    expect(r.repairs).toEqual([]);
    expect([...r.hub.getMap('flow').keys()]).toEqual([signedFlowKey(r.signed(next))]);
  });

  it('puts back a newer state that an older one was replayed over', () => {
    const r = room();
    const next = applyFlow(swot, r.first, { type: 'next' }, 0);
    r.send((d) => writeFlow(d, r.signed(next)), facilitator);
    r.send((d) => d.getMap('flow').set(signedFlowKey(r.signed(next)), r.signed()));
    expect(r.repairs).toHaveLength(1);
    expect(r.hub.getMap('flow').get(signedFlowKey(r.signed(next)))).toEqual(r.signed(next));
    expect(r.following(r.device)?.seq).toBe(2);
  });

  it('puts back the session’s title, script and key when a participant changes them', () => {
    for (const key of ['title', 'script', 'publicKey']) {
      const r = room();
      const before = r.hub.getMap('session').get(key);
      r.send((d) => d.getMap('session').set(key, 'overgenomen'));
      expect(r.hub.getMap('session').get(key), key).toEqual(before);
      expect(r.device.getMap('session').get(key), key).toEqual(before);
      r.send((d) => d.getMap('session').delete(key));
      expect(r.device.getMap('session').get(key), key).toEqual(before);
    }
    const r = room();
    r.send((d) => d.getMap('session').set('title', 'Nieuwe titel'), facilitator);
    expect(readTitle(r.hub)).toBe('Nieuwe titel');
  });

  it('accepts a new session from a participant only with the room’s own facilitator key', () => {
    const { roomKey, facilitatorKey } = newSessionKeys();
    const { roomId, verifier } = deriveRoomSecrets(roomKey);
    const own = facilitatorIdentity(facilitatorKey);
    const other = facilitatorIdentity(newSessionKeys().facilitatorKey);
    const startedBy = (identity: typeof own): Y.Doc => {
      const hub = new Y.Doc();
      guardSession(hub, { roomId, verifier, fromFacilitator: () => false });
      const laptop = new Y.Doc();
      initSession(laptop, 'Nieuw', swot, toBase32(identity.publicKey));
      writeFlow(laptop, signFlow(initialFlow(swot), roomId, identity.secretKey));
      Y.applyUpdate(hub, Y.encodeStateAsUpdate(laptop), participant);
      return hub;
    };
    expect(trustedFlow(startedBy(own), roomId, verifier, undefined)?.seq).toBe(1);
    const taken = startedBy(other);
    expect(taken.getMap('session').get('publicKey')).toBeUndefined();
  });

  it('judges flow states that came before the session once the session arrives', () => {
    const { roomKey, facilitatorKey } = newSessionKeys();
    const { roomId, verifier } = deriveRoomSecrets(roomKey);
    const identity = facilitatorIdentity(facilitatorKey);
    const hub = new Y.Doc();
    guardSession(hub, { roomId, verifier, fromFacilitator: () => false });
    const laptop = new Y.Doc();
    initSession(laptop, 'SWOT', swot, toBase32(identity.publicKey));
    const sessionOnly = Y.encodeStateAsUpdate(laptop);
    const first = initialFlow(swot);
    const states = new Y.Doc();
    writeFlow(states, signFlow(first, roomId, identity.secretKey));
    states.getMap('flow').set('0000000005.forged', { state: { ...first, seq: 5 }, signature: 'x' });
    Y.applyUpdate(hub, Y.encodeStateAsUpdate(states), participant);
    expect([...hub.getMap('flow').keys()]).toHaveLength(2); // nothing to judge them by yet
    Y.applyUpdate(hub, sessionOnly, participant);
    expect([...hub.getMap('flow').keys()]).toEqual([
      signedFlowKey(signFlow(first, roomId, identity.secretKey))
    ]);
  });

  it('judges a change that waited as pending when it applies', () => {
    const r = room();
    // A modified phone writes two changes; the hub gets the second (a forged state) first.
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(r.hub));
    const updates: Uint8Array[] = [];
    forger.on('update', (update: Uint8Array) => updates.push(update));
    insertNote(forger, note('f1', 'forger'));
    forger.getMap('flow').set('9999999999.forged', { state: r.first, signature: 'x' });
    const [noteUpdate, forgedUpdate] = updates;
    if (!noteUpdate || !forgedUpdate) throw new Error('two updates expected');
    Y.applyUpdate(r.hub, forgedUpdate, participant);
    expect(r.hub.store.pendingStructs).not.toBeNull();
    Y.applyUpdate(r.hub, noteUpdate, participant);
    expect([...r.hub.getMap('flow').keys()]).toEqual([signedFlowKey(r.signed())]);
    expect(readNotes(r.hub).has('f1')).toBe(true);
  });
});
