import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { databaseFileName } from '../../src/hub/sync/updateStore.ts';
import { runCrashRound } from '../support/hubCrash.ts';
import { newTestRoom, poll, SyncTestKit } from '../support/syncServer.ts';
import { addIdea, ready, startSession, storedIdeas } from '../support/testDevice.ts';

let kit: SyncTestKit;

beforeEach(() => {
  kit = new SyncTestKit();
});

afterEach(async () => {
  await kit.cleanup();
  vi.restoreAllMocks();
});

/** What the database holds for a room, read from a second connection as a restarted hub would. */
function storedNotes(dataDir: string, roomId: string, roomKey: string): Record<string, string> {
  const db = new DatabaseSync(join(dataDir, databaseFileName), { readOnly: true });
  const doc = new Y.Doc();
  try {
    const rows = db.prepare('SELECT data FROM updates WHERE room = ? ORDER BY id').all(roomId);
    for (const row of rows) Y.applyUpdate(doc, row['data'] as Uint8Array);
  } finally {
    db.close();
  }
  return storedIdeas(doc, roomKey);
}

describe('hub crash safety', () => {
  // A real hub process killed with SIGKILL in the middle of a burst of writes from four
  // phones. `npm run hub-crash -- --rounds 20` runs many rounds at different moments.
  it('keeps every update it acknowledged when killed during a burst of writes', async () => {
    const result = await runCrashRound({ writers: 4, killAfterAcks: 150 });
    expect(result.problems).toEqual([]);
    expect(result.acked).toBeGreaterThanOrEqual(150);
    expect(result.ackedAndStored).toBe(result.acked);
    expect(result.notesServed).toBeGreaterThanOrEqual(result.notesAcked);
  });

  it('after a failed write, tells a phone "all saved" only once the room is saved again', async () => {
    const hub = await kit.start();
    const room = newTestRoom();
    // The facilitator's laptop keeps the room open (loaded) throughout.
    const laptop = kit.device(hub, room, { role: 'facilitator' });
    await vi.waitFor(() => expect(laptop.provider.isSynced).toBe(true), poll);
    startSession(laptop, room.facilitatorKey);
    const device = kit.device(hub, room);
    const phone = device.provider;
    await vi.waitFor(() => {
      expect(ready(device)).toBe(true);
      expect(laptop.provider.hasUnsyncedChanges).toBe(false);
    }, poll);
    vi.spyOn(console, 'error').mockImplementation(() => {});

    // Another writer holds the database: the hub cannot save the next update.
    const blocker = new DatabaseSync(join(hub.dataDir, databaseFileName));
    kit.defer(() => blocker.isOpen && blocker.close());
    blocker.exec('BEGIN IMMEDIATE');
    const dropped = new Promise((resolve) => phone.on('disconnect', resolve));
    const id = addIdea(device, 'bewaard?');
    await dropped;
    blocker.exec('COMMIT');
    blocker.close();

    // The phone reconnects. The hub already holds the note in memory, so the phone's sync
    // sends nothing new; the ack it gets must still mean the note is on disk.
    await vi.waitFor(() => {
      expect(phone.isSynced).toBe(true);
      expect(phone.hasUnsyncedChanges).toBe(false);
    }, poll);
    expect(storedNotes(hub.dataDir, room.roomId, room.roomKey)).toEqual({ [id]: 'bewaard?' });
  });
});
