import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Note } from '../../src/lib/domain/board.ts';
import { deleteNote, insertNote, patchNote } from '../../src/lib/sync/boardDoc.ts';
import { writeFlow, writePersonal } from '../../src/lib/sync/sessionDoc.ts';
import { checkUpdate } from '../../src/hub/sync/roleRules.ts';
import type { ConnectionRole } from '../../src/hub/sync/roomToken.ts';

const alice: ConnectionRole = { role: 'participant', author: 'alice' };
const bob: ConnectionRole = { role: 'participant', author: 'bob' };
const facilitator: ConnectionRole = { role: 'facilitator', author: 'fac' };
const bare: ConnectionRole = { role: 'participant', author: undefined };

const note = (id: string, author: string): Note => ({
  id,
  step: 's1',
  column: 'c1',
  text: `idee ${id}`,
  colour: 'yellow',
  author,
  position: 1,
  created: 1
});

/** The hub's doc with one note by alice and one by bob, and a device that synced it. */
function setup(): { hub: Y.Doc; device: Y.Doc } {
  const hub = new Y.Doc();
  insertNote(hub, note('a1', 'alice'));
  insertNote(hub, note('b1', 'bob'));
  const device = new Y.Doc();
  Y.applyUpdate(device, Y.encodeStateAsUpdate(hub));
  return { hub, device };
}

/** What `change` on the device sends to the hub. */
function updateOf(device: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const listener = (update: Uint8Array): number => updates.push(update);
  device.on('update', listener);
  change(device);
  device.off('update', listener);
  return Y.mergeUpdates(updates);
}

describe('role rules at the hub', () => {
  it('lets a participant add, edit, move and delete its own notes', () => {
    const { hub, device } = setup();
    for (const change of [
      (doc: Y.Doc) => insertNote(doc, note('a2', 'alice')),
      (doc: Y.Doc) =>
        patchNote(doc, 'a1', { text: 'beter', colour: 'pink', column: 'c2', position: 4 }),
      (doc: Y.Doc) => deleteNote(doc, 'a1')
    ]) {
      const update = updateOf(device, change);
      expect(checkUpdate(hub, update, alice)).toEqual({ ok: true });
      Y.applyUpdate(hub, update);
    }
  });

  it('refuses a participant touching someone else’s note', () => {
    const { hub, device } = setup();
    expect(
      checkUpdate(
        hub,
        updateOf(device, (d) => patchNote(d, 'b1', { text: 'vandaal' })),
        alice
      ).ok
    ).toBe(false);
    const other = setup();
    const deletion = updateOf(other.device, (d) => deleteNote(d, 'b1'));
    expect(checkUpdate(other.hub, deletion, alice).ok).toBe(false);
  });

  it('refuses a note that claims another author, and a participant clustering', () => {
    const { hub, device } = setup();
    expect(
      checkUpdate(
        hub,
        updateOf(device, (d) => insertNote(d, note('x', 'bob'))),
        alice
      ).ok
    ).toBe(false);
    const fresh = setup();
    expect(
      checkUpdate(
        fresh.hub,
        updateOf(fresh.device, (d) => patchNote(d, 'a1', { cluster: 'k1' })),
        alice
      ).ok
    ).toBe(false);
    const again = setup();
    const steal = updateOf(again.device, (d) =>
      (d.getMap('notes').get('a1') as Y.Map<unknown>).set('author', 'bob')
    );
    expect(checkUpdate(again.hub, steal, alice).ok).toBe(false);
  });

  it('refuses a participant steering the flow or editing the script, clusters or agreements', () => {
    for (const root of ['flow', 'session', 'clusters', 'actions', 'somethingElse']) {
      const { hub, device } = setup();
      const update = updateOf(device, (d) => d.getMap(root).set('k', { x: 1 }));
      expect(checkUpdate(hub, update, alice), root).toMatchObject({ ok: false });
      expect(checkUpdate(hub, update, facilitator), root).toEqual({ ok: true });
    }
    const { hub, device } = setup();
    const forged = updateOf(device, (d) =>
      writeFlow(d, { state: { seq: 99 } as never, signature: 'x' })
    );
    expect(checkUpdate(hub, forged, alice).ok).toBe(false);
  });

  it('lets each person write only its own ballot, picks and answer', () => {
    for (const root of ['ballots', 'picks', 'answers'] as const) {
      const { hub, device } = setup();
      const own = updateOf(device, (d) => writePersonal(d, root, 'stap', 'alice', ['x']));
      expect(checkUpdate(hub, own, alice), root).toEqual({ ok: true });
      Y.applyUpdate(hub, own);
      const overwrite = updateOf(device, (d) => writePersonal(d, root, 'stap', 'alice', ['y']));
      expect(checkUpdate(hub, overwrite, alice), root).toEqual({ ok: true });
      expect(checkUpdate(hub, overwrite, bob), root).toMatchObject({ ok: false });
      const forBob = updateOf(device, (d) => writePersonal(d, root, 'stap', 'bob', ['z']));
      expect(checkUpdate(hub, forBob, alice), root).toMatchObject({ ok: false });
    }
  });

  it('lets a connection without a device identity read only', () => {
    const { hub, device } = setup();
    expect(
      checkUpdate(
        hub,
        updateOf(device, (d) => insertNote(d, note('n', 'alice'))),
        bare
      ).ok
    ).toBe(false);
  });

  it('refuses garbage', () => {
    const { hub } = setup();
    expect(checkUpdate(hub, new Uint8Array([1, 2, 3, 4, 5]), alice)).toMatchObject({ ok: false });
  });

  it('lets the facilitator remove anyone’s note', () => {
    const { hub, device } = setup();
    expect(
      checkUpdate(
        hub,
        updateOf(device, (d) => deleteNote(d, 'b1')),
        facilitator
      )
    ).toEqual({ ok: true });
  });
});
