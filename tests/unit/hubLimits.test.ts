import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { fetchLoginToken } from '../../src/lib/access/hubLogin.ts';
import { roomIdentity } from '../../src/lib/access/identity.ts';
import { randomId } from '../../src/lib/domain/ids.ts';
import { entryKey, roots } from '../../src/lib/model/records.ts';
import { signEntry } from '../../src/lib/model/signedRecords.ts';
import { hubCloseCodes, hubCloseReasons, hubRefusalOf } from '../../src/lib/sync/hubRefusals.ts';
import { floodRoom } from '../support/hubFlood.ts';
import {
  authMessage,
  closed,
  hocuspocusMessage,
  newTestRoom,
  poll,
  SyncTestKit,
  type SyncServer,
  type TestRoom
} from '../support/syncServer.ts';
import {
  addIdea,
  ideasOf,
  ready,
  sessionDevice,
  startSession,
  type TestDevice
} from '../support/testDevice.ts';

// Each limit of the hub (src/hub/sync/limits.ts), hit on purpose: the client gets a close
// code and a reason it can show, the hub stays up, and other rooms keep working.

let kit: SyncTestKit;

beforeEach(() => {
  kit = new SyncTestKit();
  // Hocuspocus logs refused and malformed messages; keep the output readable.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(async () => {
  await kit.cleanup();
  vi.restoreAllMocks();
});

/** The close the hub sent a provider, once it arrives. */
function closeOf(provider: HocuspocusProvider): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    provider.on('close', ({ event }: { event: { code: number; reason: string } }) =>
      resolve({ code: event.code, reason: event.reason })
    )
  );
}

async function synced(provider: HocuspocusProvider, wait = poll): Promise<void> {
  await vi.waitFor(() => {
    expect(provider.isSynced).toBe(true);
    expect(provider.hasUnsyncedChanges).toBe(false);
  }, wait);
}

/** The facilitator's laptop in the room, with the session started (if it was not yet). */
async function laptopIn(hub: SyncServer, room: TestRoom, wait = poll): Promise<TestDevice> {
  const laptop = kit.device(hub, room, { role: 'facilitator' });
  await synced(laptop.provider, wait);
  if (!laptop.records.data.session) startSession(laptop, room.facilitatorKey);
  await synced(laptop.provider, wait);
  return laptop;
}

async function phoneIn(
  hub: SyncServer,
  room: TestRoom,
  reconnect = true,
  wait = poll
): Promise<TestDevice> {
  const phone = kit.device(hub, room, { reconnect });
  await vi.waitFor(() => expect(ready(phone)).toBe(true), wait);
  return phone;
}

/**
 * A phone's idea reaches the facilitator's laptop: the hub still serves the room. `wait`
 * guards against a hang (during a flood from the same address, a device gets in once the
 * flood's sockets leave room under the per-address limit).
 */
async function roomStillWorks(
  hub: SyncServer,
  room: TestRoom = newTestRoom(),
  wait = poll
): Promise<void> {
  const laptop = await laptopIn(hub, room, wait);
  const phone = await phoneIn(hub, room, true, wait);
  const id = addIdea(phone, 'nog altijd bereikbaar');
  await vi.waitFor(() => expect(ideasOf(laptop)[id]).toBe('nog altijd bereikbaar'), wait);
}

/**
 * A record a modified app can make up at will and the hub must keep: an answer signed by a
 * made-up person, for a step the script does not have.
 */
function madeUpEntry(roomId: string, i: number): { key: string; value: object } {
  const author = roomIdentity(randomId(), roomId).author('opvulling');
  const value = signEntry(roomId, 'opvulling', author, 1, 0, { t: `antwoord ${i} met wat tekst` });
  return { key: entryKey('opvulling', author.id), value };
}

/** Room for the session record (it holds the whole script) and `more` bytes. */
function roomSize(room: TestRoom, more: number): number {
  const measure = sessionDevice(new Y.Doc(), { ...room, role: 'facilitator', deviceSecret: 'x' });
  startSession(measure, room.facilitatorKey);
  return Y.encodeStateAsUpdate(measure.doc).byteLength + more;
}

describe('hub limits', () => {
  it('closes a connection that sends too many messages, with a reason, and serves the others', async () => {
    const hub = await kit.start({ limits: { messagesPerSecond: 50, messageBurst: 100 } });
    const room = newTestRoom();
    const flooder = await kit.member(hub, room);
    const end = closed(flooder);
    // Awareness queries: harmless alone, a flood in bulk.
    const query = hocuspocusMessage(room.roomId, (e) => encoding.writeVarUint(e, 3));
    for (let i = 0; i < 2000 && flooder.readyState === flooder.OPEN; i++) flooder.send(query);
    expect(await end).toEqual({
      code: hubCloseCodes.tooManyMessages,
      reason: hubCloseReasons.tooManyMessages
    });
    expect(hubRefusalOf(hubCloseCodes.tooManyMessages)).toBe('tooManyMessages');
    // The same room and another one still work.
    await roomStillWorks(hub, room);
    await roomStillWorks(hub);
  });

  it('lets a phone send a burst of changes at the default limits', async () => {
    const hub = await kit.start();
    const room = newTestRoom();
    await laptopIn(hub, room);
    const phone = await phoneIn(hub, room);
    const closes: unknown[] = [];
    phone.provider.on('close', (event: unknown) => closes.push(event));
    // 400 changes in one go, each its own message (a phone that writes fast, and fixes its
    // ideas): 100 ideas, then each one edited three times.
    const ids = Array.from({ length: 100 }, (_, i) => addIdea(phone, `idee ${i}`));
    for (let round = 1; round <= 3; round++) {
      for (const id of ids)
        phone.must({ type: 'editNote', noteId: id, text: `${id} versie ${round}` });
    }
    await synced(phone.provider);
    expect(closes).toEqual([]);
    expect(Object.keys(ideasOf(phone))).toHaveLength(100);
    const reader = await laptopIn(hub, room);
    await vi.waitFor(() => expect(ideasOf(reader)).toEqual(ideasOf(phone)), poll);
  });

  it('refuses connections beyond the limit per address, with a reason', async () => {
    const hub = await kit.start({ limits: { connectionsPerAddress: 3 } });
    const open = await Promise.all([1, 2, 3].map(() => kit.raw(hub.url('/sync'))));
    const extra = await kit.raw(hub.url('/sync'));
    expect(await closed(extra)).toEqual({
      code: hubCloseCodes.tooManyConnections,
      reason: hubCloseReasons.tooManyConnections
    });
    // Signaling counts too, and is refused the same way.
    const room = newTestRoom();
    const signal = await kit.raw(hub.url(`/signal/${room.roomId}`));
    expect((await closed(signal)).code).toBe(hubCloseCodes.tooManyConnections);
    // Once one closes, a new connection gets in: the hub answers it instead of closing it
    // (tried again while the hub has not yet counted the close).
    open[0]?.close();
    await vi.waitFor(async () => {
      const again = await kit.raw(hub.url('/sync'));
      again.send(authMessage(room.roomId, await fetchLoginToken(hub.origin, room.facilitator)));
      const outcome = await Promise.race([
        closed(again).then(({ code }) => `closed with ${code}`),
        new Promise<'answered'>((resolve) => again.once('message', () => resolve('answered')))
      ]);
      expect(outcome).toBe('answered');
    }, poll);
  });

  it('refuses new content in a full room, keeps what it holds, and still lets it be read and pruned', async () => {
    const room = newTestRoom();
    const maxRoomBytes = roomSize(room, 4096);
    const hub = await kit.start({ limits: { maxRoomBytes } });
    const laptop = await laptopIn(hub, room);
    for (const action of ['startTimer', 'pauseTimer', 'addMinute'] as const) {
      laptop.must({ type: 'steer', action: { type: action }, now: Date.now() });
    }
    await synced(laptop.provider);

    // A modified app fills the room with records that are valid (each signed by a made-up
    // person, for a step the script does not have), one update each, until the hub says no.
    const filler = kit.connect(hub, room.roomId, room.participant, { reconnect: false });
    await synced(filler);
    const refused = closeOf(filler);
    let refusal: { code: number; reason: string } | undefined;
    void refused.then((close) => (refusal = close));
    const written: string[] = [];
    for (let i = 0; i < 200 && !refusal; i++) {
      const { key, value } = madeUpEntry(room.roomId, i);
      filler.document.getMap(roots.entries).set(key, value);
      written.push(key);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(await refused).toEqual({
      code: hubCloseCodes.roomFull,
      reason: hubCloseReasons.roomFull
    });

    // A reader gets the room as the hub kept it: many records, every one whole and valid.
    const reader = await laptopIn(hub, room);
    const kept = [...(reader.records.data.entries.get('opvulling')?.keys() ?? [])].map((author) =>
      entryKey('opvulling', author)
    );
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.every((key) => written.includes(key))).toBe(true);
    expect(reader.records.problems).toMatchObject({ malformed: 0, badSignature: 0 });
    expect(Y.encodeStateAsUpdate(reader.doc).byteLength).toBeLessThan(maxRoomBytes + 2048);

    // A phone's idea is new content: refused with the same reason.
    const phone = await phoneIn(hub, room, false);
    const phoneRefused = closeOf(phone.provider);
    addIdea(phone, 'past er niet meer bij');
    expect(await phoneRefused).toEqual({
      code: hubCloseCodes.roomFull,
      reason: hubCloseReasons.roomFull
    });

    // Deleting is not growth: the facilitator's laptop can still prune older flow states.
    const closes: unknown[] = [];
    reader.provider.on('close', (event: unknown) => closes.push(event));
    const flow = reader.doc.getMap(roots.flow);
    const oldest = [...flow.keys()].sort()[0] ?? '';
    flow.delete(oldest);
    await synced(reader.provider);
    expect(closes).toEqual([]);
    await vi.waitFor(() => expect(laptop.doc.getMap(roots.flow).has(oldest)).toBe(false), poll);
    // Another room is not affected.
    await roomStillWorks(hub);
  });

  it('refuses a full room also when a client names it with a session suffix', async () => {
    const room = newTestRoom();
    const hub = await kit.start({ limits: { maxRoomBytes: roomSize(room, 1024) } });
    await laptopIn(hub, room);
    // Hocuspocus takes "<room>\0<session>" as the room too (session-aware providers).
    const writer = await kit.member(hub, room);
    const end = closed(writer);
    const doc = new Y.Doc();
    for (let i = 0; i < 100 && writer.readyState === writer.OPEN; i++) {
      const before = Y.encodeStateVector(doc);
      const { key, value } = madeUpEntry(room.roomId, i);
      doc.getMap(roots.entries).set(key, value);
      const update = Y.encodeStateAsUpdate(doc, before);
      writer.send(
        hocuspocusMessage(`${room.roomId}\u0000sessie`, (e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 2);
          encoding.writeVarUint8Array(e, update);
        })
      );
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    // An awareness query answered after all that means the room was never refused.
    const answered = new Promise<'answered'>((resolve) =>
      writer.once('message', () => resolve('answered'))
    );
    if (writer.readyState === writer.OPEN) {
      writer.send(
        hocuspocusMessage(`${room.roomId}\u0000sessie`, (e) => encoding.writeVarUint(e, 3))
      );
    }
    const outcome = await Promise.race([end, answered]);
    expect(outcome).toEqual({ code: hubCloseCodes.roomFull, reason: hubCloseReasons.roomFull });
  });

  it('refuses a room beyond the open-room limit, and opens it once another room closes', async () => {
    const hub = await kit.start({ limits: { maxOpenRooms: 2 } });
    const [first, second, third] = [newTestRoom(), newTestRoom(), newTestRoom()] as const;
    const a = kit.connect(hub, first.roomId, first.facilitator);
    const b = kit.connect(hub, second.roomId, second.facilitator);
    await Promise.all([synced(a), synced(b)]);
    const late = kit.connect(hub, third.roomId, third.facilitator, { reconnect: false });
    expect(await closeOf(late)).toEqual({
      code: hubCloseCodes.hubFull,
      reason: hubCloseReasons.hubFull
    });
    // The first room empties and unloads; now the third one opens.
    a.destroy();
    await vi.waitFor(async () => {
      const retry = kit.connect(hub, third.roomId, third.facilitator, { reconnect: false });
      const outcome = await Promise.race([
        closeOf(retry).then(({ code }) => `closed with ${code}`),
        new Promise<'synced'>((resolve) => retry.on('synced', () => resolve('synced')))
      ]);
      expect(outcome).toBe('synced');
    }, poll);
  });

  it('survives a flood on loopback and keeps serving other rooms', async () => {
    const hub = await kit.start({ limits: { connectionsPerAddress: 40 } });
    const flood = floodRoom({ origin: hub.origin, sockets: 60, messagesPerSocket: 3000 });
    await roomStillWorks(hub, newTestRoom(), { timeout: 60_000, interval: 20 });
    const report = await flood;
    expect(report.messagesSent).toBeGreaterThan(10_000);
    expect(report.refusedConnections).toBeGreaterThan(0);
    expect(report.closedForRate).toBeGreaterThan(0);
    await roomStillWorks(hub);
  });
});
