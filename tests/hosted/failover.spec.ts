// A hosted Kring on this machine: Postgres (fresh initdb), Redis, HAProxy with TLS and three
// hubs, six rooms with phones (Node phones running Kring's RoomConnection, and one real
// Chromium phone); the hub holding two of the rooms is killed with SIGKILL.
import { expect, test } from '@playwright/test';
import type * as Y from 'yjs';
import { holds, recordingWebSocket, type WireLog } from '../support/hubCrash.ts';
import { NodePhone } from '../support/nodePhone.ts';
import { projector } from '../support/screens.ts';
import {
  addIdea,
  createSession,
  goToStep,
  joinOnPhone,
  newDevice,
  phoneShowsStep
} from '../support/workshop.ts';
import { newSessionKeys } from '../../src/lib/sync/roomAccess.ts';
import { until, useHostedStack } from './stack.ts';

// Every relay socket the Node phones open, with what it sent and had acknowledged.
const wire: WireLog[] = [];
const hosted = useHostedStack(() => {
  globalThis.WebSocket = recordingWebSocket(wire, () => {});
});

const roomOf = (log: WireLog): string => new URL(log.url).pathname.split('/')[2] ?? '';

test('a killed hub costs its rooms seconds and no acknowledged note; other rooms never notice', async ({
  browser
}) => {
  const stack = hosted();
  const phones: NodePhone[] = [];
  try {
    // Room 0: a real session, made on the facilitator's laptop, with a Chromium phone in it.
    const laptop = await newDevice(browser, projector);
    const { joinUrl } = await createSession(laptop.page, stack.url, { title: 'Gent hosted' });
    const roomKey0 = decodeURIComponent(new URL(joinUrl, stack.url).hash.slice(1));
    const room0 = new URL(joinUrl, stack.url).pathname.split('/')[2] ?? '';
    const chromiumPhone = await joinOnPhone(browser, new URL(joinUrl, stack.url).toString());
    const step = 'Kennismaken: wat ik meebreng';
    await goToStep(laptop.page, step);
    await phoneShowsStep(chromiumPhone.page, step);
    // Served over HTTPS through HAProxy: a secure context, with the service worker.
    expect(await chromiumPhone.page.evaluate(() => window.isSecureContext)).toBe(true);
    await expect
      .poll(() =>
        laptop.page.evaluate(async () => Boolean(await navigator.serviceWorker.getRegistration()))
      )
      .toBe(true);
    const victim = await stack.leaseHolder(room0);
    expect(victim).toBeDefined();

    // Five more rooms, chosen so the victim holds exactly two of the six (the balancer's
    // hash decides where a room goes; a room is kept if it fits the plan).
    const rooms = new Map<string, NodePhone[]>([[room0, []]]);
    const join = (roomKey: string, count: number, label: string): NodePhone[] =>
      Array.from({ length: count }, (_, i) => new NodePhone(stack.url, roomKey, `${label}.${i}`));
    phones.push(...join(roomKey0, 2, 'r0'));
    rooms.set(room0, phones.slice());
    let onVictim = 1;
    for (let attempt = 0; rooms.size < 6 && attempt < 60; attempt++) {
      const { roomKey } = newSessionKeys();
      const [probe] = join(roomKey, 1, `r${rooms.size}`);
      if (!probe) continue;
      await until('a probe to be served', () => probe.hub === 'connected');
      const holder = await stack.leaseHolder(probe.roomId);
      if ((holder === victim) !== onVictim < 2) {
        probe.destroy();
        continue;
      }
      if (holder === victim) onVictim += 1;
      const more = join(roomKey, 2, `r${rooms.size}`);
      rooms.set(probe.roomId, [probe, ...more]);
      phones.push(probe, ...more);
    }
    expect(rooms.size).toBe(6);
    await until('every phone to be served', () => phones.every((p) => p.hub === 'connected'));
    const holders = new Map<string, string | undefined>();
    for (const room of rooms.keys()) holders.set(room, await stack.leaseHolder(room));
    const doomed = [...rooms.keys()].filter((room) => holders.get(room) === victim);
    expect(doomed).toHaveLength(2);
    expect(new Set(holders.values()).size).toBeGreaterThan(1);

    // Everyone writes, a note every 200 ms per phone, before, during and after the kill.
    let writing = true;
    const writers = phones.map(async (p) => {
      while (writing) {
        p.write();
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    });
    await addIdea(chromiumPhone.page, 'Voor de crash');
    await until('acks in the doomed rooms', () =>
      wire.filter((log) => doomed.includes(roomOf(log))).every((log) => log.acks > 5)
    );
    const socketsBefore = wire.length;
    const killedAt = performance.now();
    await stack.kill(victim ?? '');

    // Within 10 s both rooms are served by another hub: every phone of theirs has a new socket
    // whose writes are acknowledged.
    const servedAgain = (): boolean =>
      doomed.every(
        (room) =>
          (rooms.get(room) ?? []).every((p) => p.hub === 'connected') &&
          wire.slice(socketsBefore).some((log) => roomOf(log) === room && log.acks > 0)
      );
    await until('the doomed rooms to be served again', servedAgain, 10_000, async () => {
      const lines: string[] = [];
      for (const room of doomed) {
        lines.push(`room ${room} lease ${await stack.leaseHolder(room)}`);
        for (const p of rooms.get(room) ?? []) lines.push(`  ${p.label}: ${p.states.join(' > ')}`);
        for (const log of wire.slice(socketsBefore).filter((l) => roomOf(l) === room))
          lines.push(
            `  socket: sent ${log.sent.length} acks ${log.acks} closed ${log.closed} ${log.closeCode}`
          );
      }
      for (const id of stack.hubIds) lines.push(`${id}:\n${stack.hub(id)?.output().slice(-3000)}`);
      return lines.join('\n');
    });
    const failoverMs = performance.now() - killedAt;
    for (const room of doomed) {
      const holder = await stack.leaseHolder(room);
      expect(holder).toBeDefined();
      expect(holder).not.toBe(victim);
    }
    console.log(`failover: rooms served again ${Math.round(failoverMs)} ms after the kill`);

    // The Chromium phone comes back by itself and writes on.
    await expect(
      chromiumPhone.page.getByText(/Verbonden via de hub|Alles is bewaard/)
    ).toBeVisible();
    await addIdea(chromiumPhone.page, 'Na de crash');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    writing = false;
    await Promise.all(writers);

    // Settle: every phone's current socket has everything it sent acknowledged.
    await until(
      'every phone to be saved',
      () =>
        phones.every((p) => p.connection.status.pending === 0 && p.hub === 'connected') &&
        wire.every((log) => log.closed || log.acks >= log.sent.length)
    );

    for (const [room, members] of rooms) {
      const stored = await stack.storedDoc(room);
      const acked = wire
        .filter((log) => roomOf(log) === room)
        .flatMap((log) => log.sent.slice(0, log.acks));
      expect(acked.length).toBeGreaterThan(0);
      // Every acknowledged update is in Postgres …
      expect(acked.filter((update) => !holds(stored, update))).toEqual([]);
      // … and on every device of the room.
      await until(`room ${room} to converge`, () =>
        members.every((p) => acked.every((update) => holds(p.doc, update)))
      );
      stored.destroy();
    }

    // The Chromium phone's notes reached Postgres and the Node phones of its room.
    const stored0 = await stack.storedDoc(room0);
    const texts = [...stored0.getMap<Y.Map<unknown>>('notes').values()].map((note) =>
      note.get('text')
    );
    expect(texts).toEqual(expect.arrayContaining(['Voor de crash', 'Na de crash']));
    for (const p of rooms.get(room0) ?? []) {
      await until('the browser notes on a Node phone', () => {
        const seen = [...p.doc.getMap<Y.Map<unknown>>('notes').values()].map((n) => n.get('text'));
        return seen.includes('Na de crash');
      });
    }

    // The other rooms never noticed: one socket per phone, never closed, always connected.
    for (const [room, members] of rooms) {
      if (doomed.includes(room)) continue;
      const sockets = wire.filter((log) => roomOf(log) === room);
      expect(sockets).toHaveLength(members.length);
      expect(sockets.every((log) => !log.closed)).toBe(true);
      for (const p of members)
        expect(p.states.filter((state) => state !== 'connected')).toEqual(['connecting']);
    }
    await chromiumPhone.page.screenshot({
      path: 'test-results/screens/hosted-phone-after-failover.png'
    });
    await chromiumPhone.context.close();
    await laptop.context.close();
    // The killed hub comes back for the next tests.
    await stack.restart(victim ?? '');
  } finally {
    for (const p of phones) p.destroy();
  }
});
