import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { verifyBatch } from '../../src/lib/access/signatures.ts';
import { project } from '../../src/lib/model/view.ts';
import { readSnapshot, writeSnapshot } from '../../src/lib/model/sessionSnapshot.ts';
import { builtinScript } from '../../src/lib/scripts/catalog.ts';
import {
  forgetSnapshot,
  keepSnapshot,
  readSnapshotText,
  snapshotIndexKey,
  snapshotKey
} from '../../src/lib/storage/sessionSnapshots.ts';
import { SessionRecords } from '../../src/lib/sync/SessionRecords.ts';
import { stateOf } from '../../src/lib/sync/storedState.ts';
import { MemoryStorage } from '../support/browserStorage.ts';
import { newRoom } from './sessionHarness.ts';

/*
 * The facilitate screen's snapshot: a session's checked data kept as text with the state it
 * was taken at, shown when the screen opens the session again until its copy is read and
 * checked, and only when it holds all that copy holds.
 */

const swot = builtinScript('swot');
if (!swot) throw new Error('swot is built in');

/** A SWOT with two people's ideas and a removed one. */
function workshop() {
  const room = newRoom(swot as NonNullable<typeof swot>);
  room.goTo('swot');
  const ann = room.person('ann');
  ann.must({
    type: 'addNote',
    stepId: 'swot',
    id: 'a1',
    column: 'sterktes',
    text: 'Ann één',
    now: 1
  });
  ann.must({ type: 'addNote', stepId: 'swot', id: 'a2', column: 'kansen', text: 'Weg', now: 2 });
  ann.must({ type: 'removeNote', noteId: 'a2' });
  room.person('bo').must({
    type: 'addNote',
    stepId: 'swot',
    id: 'b1',
    column: 'zwaktes',
    text: 'Bo “één”',
    now: 4
  });
  return room;
}

const viewer = { role: 'facilitator' as const, locale: 'nl' as const, authorOf: () => 'x' };

describe('session snapshots', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('give back the same checked data, so the screen shows the same board', () => {
    const room = workshop();
    const data = room.facilitator.records.data;
    const state = stateOf(room.doc);
    const back = readSnapshot(writeSnapshot(data, state, 'b1'), state, 'b1');
    expect(back).toEqual(data);
    const view = (d: typeof data) => project(d, viewer);
    expect(view(back as typeof data).notesOf('swot')).toEqual(view(data).notesOf('swot'));
    expect(
      view(back as typeof data)
        .notesOf('swot')
        .map((note) => note.text)
    ).toEqual(['Ann één', 'Bo “één”']);
  });

  it('stand in only for a copy they hold all of, from the same build, undamaged', () => {
    const room = workshop();
    const data = room.facilitator.records.data;
    const state = stateOf(room.doc);
    const text = writeSnapshot(data, state, 'b1');
    const [client, clock] = Object.entries(state)[0] as [string, number];
    expect(readSnapshot(text, {}, 'b1')).toBeDefined();
    // The copy got something since: the snapshot would show less than it.
    expect(readSnapshot(text, { ...state, [client]: clock + 1 }, 'b1')).toBeUndefined();
    expect(readSnapshot(text, { ...state, 999: 1 }, 'b1')).toBeUndefined();
    expect(readSnapshot(text, state, 'b2')).toBeUndefined();
    expect(readSnapshot(null, state, 'b1')).toBeUndefined();
    expect(readSnapshot(text.slice(0, -5), state, 'b1')).toBeUndefined();
    expect(readSnapshot('{"v":1,"build":"b1","state":{}}', {}, 'b1')).toBeUndefined();
    expect(readSnapshot(writeSnapshot(data, {}, 'b1'), {}, 'b1')).toBeUndefined();
  });

  it('are kept for the three rooms opened last, and none when storage is full', () => {
    const storage = new MemoryStorage();
    vi.stubGlobal('window', { localStorage: storage });
    for (const room of ['r1', 'r2', 'r3', 'r4']) keepSnapshot(room, `{"room":"${room}"}`);
    expect(readSnapshotText('r1')).toBeNull();
    expect(readSnapshotText('r4')).toBe('{"room":"r4"}');
    expect(JSON.parse(storage.getItem(snapshotIndexKey) ?? '')).toEqual(['r4', 'r3', 'r2']);
    forgetSnapshot('r3');
    expect(storage.getItem(snapshotKey('r3'))).toBeNull();
    storage.full = true;
    keepSnapshot('r2', '{"room":"newer"}');
    // An older snapshot is not left behind when a newer one cannot be written.
    expect(readSnapshotText('r2')).toBeNull();
  });
});

describe('records seeded with a snapshot', () => {
  it('show the snapshot until released, then the copy as checked, without a halfway state', async () => {
    const room = workshop();
    const data = room.facilitator.records.data;
    const state = stateOf(room.doc);
    const seed = readSnapshot(writeSnapshot(data, state, 'b1'), state, 'b1');
    const device = new Y.Doc();
    const records = new SessionRecords(device, {
      roomId: room.roomId,
      verifier: room.verifier,
      verifyBatch,
      seed
    });
    const told: number[] = [];
    records.subscribe((now) => told.push(now.entries.get('swot')?.size ?? 0));
    expect(records.data).toBe(seed);
    expect(records.settledNow).toBe(false);
    // The copy arrives and is checked in parts: nothing of that is told while seeded.
    Y.applyUpdate(device, Y.encodeStateAsUpdate(room.doc));
    await records.settled();
    expect(told).toEqual([]);
    expect(records.data).toBe(seed);
    records.releaseSeed();
    expect(told).toEqual([2]);
    expect(records.settledNow).toBe(true);
    expect(records.data).toEqual(data);
    records.releaseSeed();
    expect(told).toEqual([2]);
  });
});
