import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { randomId } from '../../src/lib/domain/ids.ts';
import { deleteNote, insertNote } from '../../src/lib/sync/boardDoc.ts';
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

function addNote(provider: HocuspocusProvider, author: string, text = 'een idee'): string {
  const id = randomId();
  insertNote(provider.document, {
    id,
    step: 's1',
    column: 'c1',
    text,
    colour: 'yellow',
    author,
    position: 1,
    created: 1
  });
  return id;
}

/** The close the hub sent a provider, once it arrives. */
function closeOf(provider: HocuspocusProvider): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    provider.on('close', ({ event }: { event: { code: number; reason: string } }) =>
      resolve({ code: event.code, reason: event.reason })
    )
  );
}

async function synced(provider: HocuspocusProvider): Promise<void> {
  await vi.waitFor(() => {
    expect(provider.isSynced).toBe(true);
    expect(provider.hasUnsyncedChanges).toBe(false);
  }, poll);
}

/** Two phones in a fresh room that see each other's notes: the hub still serves rooms. */
async function roomStillWorks(hub: SyncServer, room: TestRoom = newTestRoom()): Promise<void> {
  const a = kit.connect(hub, room.roomId, room.facilitator);
  const b = kit.connect(hub, room.roomId, room.facilitator);
  const id = addNote(a, 'fac');
  await vi.waitFor(() => expect(b.document.getMap('notes').has(id)).toBe(true), poll);
}

async function authenticated(hub: SyncServer, room: TestRoom): Promise<WebSocket> {
  const ws = await kit.raw(hub.url('/sync'));
  ws.send(authMessage(room.roomId, room.facilitator));
  return ws;
}

describe('hub limits', () => {
  it('closes a connection that sends too many messages, with a reason, and serves the others', async () => {
    const hub = await kit.start({ limits: { messagesPerSecond: 50, messageBurst: 100 } });
    const room = newTestRoom();
    const flooder = await authenticated(hub, room);
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
    const phone = kit.connect(hub, room.roomId, room.facilitator);
    const closes: unknown[] = [];
    phone.on('close', (event: unknown) => closes.push(event));
    await synced(phone);
    // 400 notes in one go, each its own message (a phone back from an offline hour).
    for (let i = 0; i < 400; i++) addNote(phone, 'fac', `idee ${i}`);
    await synced(phone);
    expect(closes).toEqual([]);
    expect(phone.document.getMap('notes').size).toBe(400);
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
    const signal = await kit.raw(hub.url(`/signal?room=${room.roomId}&token=${room.hubToken}`));
    expect((await closed(signal)).code).toBe(hubCloseCodes.tooManyConnections);
    // Once one closes, a new connection gets in: the hub answers it instead of closing it
    // (tried again while the hub has not yet counted the close).
    open[0]?.close();
    await vi.waitFor(async () => {
      const again = await authenticated(hub, room);
      const outcome = await Promise.race([
        closed(again).then(({ code }) => `closed with ${code}`),
        new Promise<'answered'>((resolve) => again.once('message', () => resolve('answered')))
      ]);
      expect(outcome).toBe('answered');
    }, poll);
  });

  it('refuses new content in a full room, keeps what it holds, and still lets it be read and tidied', async () => {
    const hub = await kit.start({ limits: { maxRoomBytes: 4096 } });
    const room = newTestRoom();
    const writer = kit.connect(hub, room.roomId, room.facilitator, { reconnect: false });
    await synced(writer);
    const refused = closeOf(writer);
    const written: string[] = [];
    let refusal: { code: number; reason: string } | undefined;
    void refused.then((close) => (refusal = close));
    for (let i = 0; i < 200 && !refusal; i++) {
      written.push(addNote(writer, 'fac', `idee nummer ${i} met wat tekst erbij`));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(await refused).toEqual({
      code: hubCloseCodes.roomFull,
      reason: hubCloseReasons.roomFull
    });

    // A reader gets the room as the hub kept it: most notes, none half-written.
    const reader = kit.connect(hub, room.roomId, room.facilitator);
    await synced(reader);
    const kept = [...reader.document.getMap('notes').keys()];
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.every((id) => written.includes(id))).toBe(true);
    expect(Y.encodeStateAsUpdate(reader.document).byteLength).toBeLessThan(4096 + 2048);

    // Deleting is not growth: the facilitator can still tidy the full room.
    const closes: unknown[] = [];
    reader.on('close', (event: unknown) => closes.push(event));
    deleteNote(reader.document, kept[0] ?? '');
    await synced(reader);
    expect(closes).toEqual([]);
    // Another room is not affected.
    await roomStillWorks(hub);
  });

  it('refuses a room beyond the open-room limit, and opens it once another room closes', async () => {
    const hub = await kit.start({ limits: { maxOpenRooms: 2 } });
    const [first, second, third] = [newTestRoom(), newTestRoom(), newTestRoom()];
    const a = kit.connect(hub, first!.roomId, first!.facilitator);
    const b = kit.connect(hub, second!.roomId, second!.facilitator);
    await Promise.all([synced(a), synced(b)]);
    const late = kit.connect(hub, third!.roomId, third!.facilitator, { reconnect: false });
    expect(await closeOf(late)).toEqual({
      code: hubCloseCodes.hubFull,
      reason: hubCloseReasons.hubFull
    });
    // The first room empties and unloads; now the third one opens.
    a.destroy();
    await vi.waitFor(async () => {
      const retry = kit.connect(hub, third!.roomId, third!.facilitator, { reconnect: false });
      const outcome = await Promise.race([
        closeOf(retry).then(({ code }) => `closed with ${code}`),
        new Promise<'synced'>((resolve) => retry.on('synced', () => resolve('synced')))
      ]);
      expect(outcome).toBe('synced');
    }, poll);
  });

  it('survives a flood on loopback and keeps serving other rooms', async () => {
    const hub = await kit.start({ limits: { connectionsPerAddress: 40 } });
    const flood = floodRoom({ url: hub.url(''), sockets: 60, messagesPerSocket: 3000 });
    await roomStillWorks(hub);
    const report = await flood;
    expect(report.messagesSent).toBeGreaterThan(10_000);
    expect(report.refusedConnections).toBeGreaterThan(0);
    expect(report.closedForRate).toBeGreaterThan(0);
    await roomStillWorks(hub);
  });
});
