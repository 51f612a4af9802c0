import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { databaseFileName } from '../../src/hub/sync/updateStore.ts';
import { runCrashRound } from '../support/hubCrash.ts';
import { newTestRoom, poll, SyncTestKit } from '../support/syncServer.ts';

let kit: SyncTestKit;

beforeEach(() => {
  kit = new SyncTestKit();
});

afterEach(async () => {
  await kit.cleanup();
  vi.restoreAllMocks();
});

/** What the database holds for a room, read from a second connection as a restarted hub would. */
function storedNotes(dataDir: string, room: string): Record<string, unknown> {
  const db = new DatabaseSync(join(dataDir, databaseFileName), { readOnly: true });
  const doc = new Y.Doc();
  try {
    for (const row of db.prepare('SELECT data FROM updates WHERE room = ? ORDER BY id').all(room)) {
      Y.applyUpdate(doc, row['data'] as Uint8Array);
    }
  } finally {
    db.close();
  }
  return doc.getMap('notes').toJSON();
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
    // The projector keeps the room open (loaded) throughout.
    const projector = kit.connect(hub, room.roomId, room.facilitator);
    const phone = kit.connect(hub, room.roomId, room.facilitator);
    await vi.waitFor(() => {
      expect(projector.isSynced).toBe(true);
      expect(phone.hasUnsyncedChanges).toBe(false);
    }, poll);
    vi.spyOn(console, 'error').mockImplementation(() => {});

    // Another writer holds the database: the hub cannot save the next update.
    const blocker = new DatabaseSync(join(hub.dataDir, databaseFileName));
    kit.defer(() => blocker.isOpen && blocker.close());
    blocker.exec('BEGIN IMMEDIATE');
    const dropped = new Promise((resolve) => phone.on('disconnect', resolve));
    phone.document.getMap('notes').set('while-disk-failed', 'kept?');
    await dropped;
    blocker.exec('COMMIT');
    blocker.close();

    // The phone reconnects. The hub already holds the note in memory, so the phone's sync
    // sends nothing new; the ack it gets must still mean the note is on disk.
    await vi.waitFor(() => {
      expect(phone.isSynced).toBe(true);
      expect(phone.hasUnsyncedChanges).toBe(false);
    }, poll);
    expect(storedNotes(hub.dataDir, room.roomId)).toEqual({ 'while-disk-failed': 'kept?' });
  });
});
