import { ed25519 } from '@noble/curves/ed25519.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { roomIdentity } from '../../src/lib/access/identity.ts';
import {
  deriveRoomSecrets,
  facilitatorIdentity,
  legacyRoomId,
  newSessionKeys
} from '../../src/lib/access/roomKeys.ts';
import { verifyBatch, verifyInJs } from '../../src/lib/access/signatures.ts';
import { canonicalJson } from '../../src/lib/domain/canonicalJson.ts';
import { toBase32 } from '../../src/lib/domain/ids.ts';
import { entryKey, roots, schemaVersion, sessionKey } from '../../src/lib/model/records.ts';
import { signEntry, signSession } from '../../src/lib/model/signedRecords.ts';
import { builtinScript } from '../../src/lib/scripts/catalog.ts';
import { guardSession } from '../../src/hub/sync/sessionGuard.ts';
import { SessionRecords } from '../../src/lib/sync/SessionRecords.ts';
import { migrateLegacyDoc, readSessionData } from '../../src/lib/sync/sessionTransfer.ts';
import { exportView } from './exportFixture.ts';
import { newRoom, type Room } from './sessionHarness.ts';

/*
 * The record store every device and the hub read a session through: what counts for a key is
 * the newest valid record seen, whatever a modified app writes over it.
 */

const swot = builtinScript('swot');
if (!swot) throw new Error('swot is built in');

/** A room with Ann's idea in the SWOT, and a second device that follows it (with repairs). */
function watched(repair = true): {
  room: Room;
  key: string;
  device: Y.Doc;
  records: SessionRecords;
} {
  const room = newRoom(swot as NonNullable<typeof swot>);
  room.goTo('swot');
  room.person('ann').must({
    type: 'addNote',
    stepId: 'swot',
    id: 'idee1',
    column: 'sterktes',
    text: 'Van Ann',
    now: 0
  });
  const key = [...room.doc.getMap(roots.entries).keys()][0] as string;
  const device = new Y.Doc();
  Y.applyUpdate(device, Y.encodeStateAsUpdate(room.doc));
  const records = new SessionRecords(device, {
    roomId: room.roomId,
    verifier: room.verifier,
    verifyNow: verifyInJs,
    repair: () => repair
  });
  return { room, key, device, records };
}

const ideas = (records: SessionRecords): string[] =>
  [...(records.data.entries.get('swot')?.values() ?? [])].flatMap((e) =>
    (e.data.n ?? []).map((n) => n[2])
  );

describe('the record store', () => {
  it('keeps the newest valid record when a modified app overwrites, replays or deletes it, and writes it back', () => {
    const { room, key, device, records } = watched();
    const entries = device.getMap<unknown>(roots.entries);
    const original = entries.get(key);
    // Ann's own newer record arrives.
    room.person('ann').must({ type: 'editNote', noteId: 'idee1', text: 'Van Ann, verbeterd' });
    Y.applyUpdate(device, Y.encodeStateAsUpdate(room.doc, Y.encodeStateVector(device)));
    expect(ideas(records)).toEqual(['Van Ann, verbeterd']);
    const newest = entries.get(key);
    // Garbage over it.
    entries.set(key, { p: new Uint8Array(32), q: 9, a: 0, d: { n: [] }, s: new Uint8Array(64) });
    expect(ideas(records)).toEqual(['Van Ann, verbeterd']);
    expect(entries.get(key)).toBe(newest);
    // Her older record replayed.
    entries.set(key, original);
    expect(ideas(records)).toEqual(['Van Ann, verbeterd']);
    expect(entries.get(key)).toBe(newest);
    // Deleted: Yjs deletes carry no author.
    entries.delete(key);
    expect(entries.get(key)).toBe(newest);
    expect(records.problems).toMatchObject({ stale: 1, repaired: 3 });
    expect(records.problems.malformed + records.problems.badSignature).toBe(1);
  });

  it('ignores a record signed by someone else for Ann’s author id, and a record under another key', () => {
    const { room, key, device, records } = watched(false);
    const entries = device.getMap<unknown>(roots.entries);
    const mallory = roomIdentity('device-mallory', room.roomId).author('swot');
    const forged = signEntry(room.roomId, 'swot', mallory, 5, 3, {
      n: [['idee1', 'sterktes', 'Gehackt', 0, 9]]
    });
    entries.set(key, forged);
    // Her own valid record, moved under another step.
    entries.set(entryKey('bundelen', mallory.id), forged);
    expect(ideas(records)).toEqual(['Van Ann']);
    expect(records.data.entries.get('bundelen')).toBeUndefined();
    expect(records.problems.repaired).toBe(0); // this device does not repair
  });

  it('takes the session only from the facilitator the room key names', () => {
    const { room, device, records } = watched();
    const impostor = facilitatorIdentity(newSessionKeys().facilitatorKey);
    device.getMap(roots.session).set(
      sessionKey,
      signSession(room.roomId, impostor, 5, {
        v: schemaVersion,
        title: 'Overgenomen',
        script: swot,
        key: toBase32(impostor.publicKey)
      })
    );
    expect(records.data.session?.title).toBe('Testsessie');
    expect((device.getMap(roots.session).get(sessionKey) as { d: { title: string } }).d.title).toBe(
      'Testsessie'
    );
  });

  it('says so when the session was written by a newer Kring', () => {
    const room = newRoom(swot as NonNullable<typeof swot>);
    const facilitator = facilitatorIdentity(room.facilitatorKey);
    room.doc.getMap(roots.session).set(
      sessionKey,
      signSession(room.roomId, facilitator, 2, {
        v: schemaVersion + 1,
        title: 'Later',
        script: {},
        key: toBase32(facilitator.publicKey)
      })
    );
    const records = new SessionRecords(room.doc, {
      roomId: room.roomId,
      verifier: room.verifier,
      verifyNow: verifyInJs
    });
    expect(records.newerSchema).toBe(schemaVersion + 1);
  });

  it('checks in batches to the same result as at once', async () => {
    const { room } = watched();
    room.person('ben').must({
      type: 'addNote',
      stepId: 'swot',
      id: 'idee2',
      column: 'kansen',
      text: 'Van Ben',
      now: 0
    });
    const batched = new SessionRecords(room.doc, {
      roomId: room.roomId,
      verifier: room.verifier,
      verifyBatch
    });
    await batched.settled();
    const now = new SessionRecords(room.doc, {
      roomId: room.roomId,
      verifier: room.verifier,
      verifyNow: verifyInJs
    });
    expect(batched.data).toEqual(now.data);
  });
  it('checks the ideas of other steps too when the step on screen has none', async () => {
    // The report of a session at its last step: every idea lies in an earlier step.
    const { room } = watched();
    const last = swot?.steps.at(-1)?.id ?? '';
    room.goTo(last);
    const batched = new SessionRecords(room.doc, {
      roomId: room.roomId,
      verifier: room.verifier,
      verifyBatch
    });
    await batched.settled();
    expect(batched.data.entries.get('swot')?.size).toBe(1);
  });
});

describe('a session of schema 1', () => {
  it('comes to schema 2 with its ideas, groups, dots, picks, answers and agreements', () => {
    const { roomKey, facilitatorKey } = newSessionKeys();
    const identity = facilitatorIdentity(facilitatorKey);
    const legacy = new Y.Doc();
    const session = legacy.getMap('session');
    session.set('title', 'Oude sessie');
    session.set('script', swot);
    session.set('publicKey', toBase32(identity.publicKey));
    // A flow state as schema 1 signed it: the vote closed, the brainstorm revealed.
    const state = {
      seq: 9,
      stepId: 'volgende-stappen',
      revealed: ['swot'],
      votes: { stemmen: 'closed' },
      locked: ['swot'],
      timer: { stepId: 'volgende-stappen', durationMs: 600000, runningSince: null, elapsedMs: 0 },
      spotlight: null
    };
    const message = utf8ToBytes(`kring/flow/v1|${legacyRoomId(roomKey)}|${canonicalJson(state)}`);
    legacy
      .getMap('flow')
      .set('0000000009', { state, signature: toBase32(ed25519.sign(message, identity.secretKey)) });
    const note = (id: string, author: string, column: string, text: string, cluster?: string) => {
      const fields = new Y.Map<unknown>();
      legacy.getMap('notes').set(id, fields);
      for (const [k, v] of Object.entries({
        step: 'swot',
        column,
        text,
        colour: 'yellow',
        author,
        position: 1,
        created: 1000,
        cluster
      })) {
        if (v !== undefined) fields.set(k, v);
      }
    };
    note('oud1', 'auteur-a', 'sterktes', 'Veel vrijwilligers', 'groep1');
    note('oud2', 'auteur-b', 'zwaktes', 'Weinig geld');
    legacy.getMap('clusters').set('groep1', { stepId: 'swot', name: 'Mensen', position: 1 });
    legacy.getMap('ballots').set('stemmen/auteur-a', { groep1: 2 });
    legacy.getMap('actions').set('actie1', {
      stepId: 'volgende-stappen',
      what: 'Flyer',
      who: 'Ann',
      when: 'mei',
      position: 1
    });

    const update = migrateLegacyDoc(legacy, { roomKey, facilitatorKey });
    if (!update) throw new Error('migrated');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    const data = readSessionData(doc, roomKey);
    expect(data.session?.title).toBe('Oude sessie');
    expect(data.flow).toMatchObject({ stepId: 'volgende-stappen', revealed: ['swot'] });
    const view = exportView(doc, roomKey);
    expect(view.notesOf('swot').map((n) => [n.text, n.column, n.cluster])).toEqual([
      ['Veel vrijwilligers', 'sterktes', 'groep1'],
      ['Weinig geld', 'zwaktes', undefined]
    ]);
    const vote = swot?.steps.find((s) => s.id === 'stemmen');
    if (!vote) throw new Error('vote step');
    expect(view.tallyOf(vote)).toEqual([{ itemId: 'groep1', dots: 2, voters: 1 }]);
    expect(view.actionsOf().map((a) => a.what)).toEqual(['Flyer']);
    // Another facilitator's key cannot migrate it.
    expect(
      migrateLegacyDoc(legacy, { roomKey, facilitatorKey: newSessionKeys().facilitatorKey })
    ).toBeUndefined();
    expect(deriveRoomSecrets(roomKey).roomId).not.toBe(legacyRoomId(roomKey));
  });
});

describe('a repair that lands together with a newer version', () => {
  it('loses nothing: the signer puts its newer record back', () => {
    for (let trial = 0; trial < 12; trial++) {
      const room = newRoom(swot as NonNullable<typeof swot>);
      room.goTo('swot');
      const ann = room.person('ann');
      ann.must({
        type: 'addNote',
        stepId: 'swot',
        id: 'idee1',
        column: 'sterktes',
        text: 'Eerst',
        now: 0
      });
      // The hub, guarding its copy.
      const hub = new Y.Doc();
      Y.applyUpdate(hub, Y.encodeStateAsUpdate(room.doc));
      const stop = guardSession(hub, { roomId: room.roomId, verifier: room.verifier });
      const key = [...hub.getMap(roots.entries).keys()][0] as string;
      // At the same moment: a modified app's garbage reaches the hub (which writes Ann's
      // record back), and Ann writes a newer version on her own device.
      hub.getMap(roots.entries).set(key, { junk: true });
      ann.must({ type: 'editNote', noteId: 'idee1', text: 'Later' });
      for (let round = 0; round < 3; round++) {
        Y.applyUpdate(hub, Y.encodeStateAsUpdate(room.doc, Y.encodeStateVector(hub)));
        Y.applyUpdate(room.doc, Y.encodeStateAsUpdate(hub, Y.encodeStateVector(room.doc)));
      }
      const fresh = new SessionRecords(hub, {
        roomId: room.roomId,
        verifier: room.verifier,
        verifyNow: verifyInJs
      });
      expect(ideas(fresh)).toEqual(['Later']);
      stop();
    }
  });
});
