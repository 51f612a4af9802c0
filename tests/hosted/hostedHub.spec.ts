// A hosted Kring, one concern per test: commits before acks on Postgres (kill -9 right after
// acks), a graceful drain, short codes in Redis across hubs and restarts, a joining phone's
// first screen from the room's hub, and a session archive from a laptop into the hosted Kring
// and out again.
import { readFile } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { runCrashRound } from '../support/hubCrash.ts';
import { ideasIn } from '../support/ideas.ts';
import { startHubProcess } from '../support/hubProcess.ts';
import { freePort, startHostedHub } from '../support/hostedServices.ts';
import { NodePhone } from '../support/nodePhone.ts';
import { phone, projector } from '../support/screens.ts';
import {
  addIdea,
  createSession,
  goToStep,
  joinOnPhone,
  newDevice,
  noteTexts,
  phoneShowsStep,
  projectorWithCode
} from '../support/workshop.ts';
import { newSessionKeys } from '../../src/lib/access/roomKeys.ts';
import { fetchStepPreview } from '../../src/lib/access/stepPreview.ts';
import { prepareFirstIdea } from '../../src/lib/model/firstIdea.ts';
import { randomId } from '../../src/lib/domain/ids.ts';
import { until, useHostedStack } from './stack.ts';

const hosted = useHostedStack();

test('Postgres holds every update a hub acknowledged when it is killed right after the acks', async () => {
  const stack = hosted();
  // One hub of its own (not behind the balancer), on the stack's Postgres and Redis; killed
  // once it has acknowledged 150 updates from four phones writing as fast as they can.
  const port = await freePort();
  const result = await runCrashRound({
    writers: 4,
    killAfterAcks: 150,
    // Postgres, Redis, HAProxy and three more hubs share the two cores: give the phones time.
    ackWaitMs: 60_000,
    target: {
      start: () => startHostedHub(stack.services, 'crash', port),
      stored: (room) => stack.storedDoc(room),
      cleanup: () => undefined
    }
  });
  expect(result.problems).toEqual([]);
  expect(result.acked).toBeGreaterThanOrEqual(150);
  expect(result.ackedAndStored).toBe(result.acked);
  expect(result.notesServed).toBeGreaterThanOrEqual(result.notesAcked);
});

test('a drained hub hands its rooms over and exits; its phones lose nothing', async () => {
  const stack = hosted();
  const { roomKey } = newSessionKeys();
  const phones = [0, 1, 2].map((i) => new NodePhone(stack.url, roomKey, `drain.${i}`));
  try {
    await until('the phones to be served', () => phones.every((p) => p.hub === 'connected'));
    const holder = (await stack.leaseHolder(phones[0]?.roomId ?? '')) ?? '';
    const written: string[] = [];
    let writing = true;
    const writers = phones.map(async (p) => {
      while (writing) {
        written.push(p.write());
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // SIGTERM: unready, the balancer stops sending it rooms, it hands them over and exits 0.
    expect(await stack.drain(holder)).toBe(0);
    await until('another hub to hold the room', async () => {
      const now = await stack.leaseHolder(phones[0]?.roomId ?? '');
      return now !== undefined && now !== holder;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    writing = false;
    await Promise.all(writers);
    await until('every phone to be saved', () =>
      phones.every((p) => p.hub === 'connected' && p.connection.status.pending === 0)
    );
    await until('every note in Postgres and on every phone', async () => {
      const stored = await stack.storedDoc(phones[0]?.roomId ?? '');
      const notes = ideasIn(stored);
      const everywhere = written.every(
        (id) => notes.has(id) && phones.every((p) => ideasIn(p.doc).has(id))
      );
      stored.destroy();
      return everywhere;
    });
    expect(stack.hub(holder)?.output()).toMatch(/"event":"hub\.drained","roomsLeft":0/);
    await stack.restart(holder);
  } finally {
    for (const p of phones) p.destroy();
  }
});

test('a short code from the projector works on any hub, also after every hub restarted', async ({
  browser
}) => {
  const stack = hosted();
  const laptop = await newDevice(browser, projector);
  const { code } = await projectorWithCode(laptop, stack.url, 'Code Aalst');

  const typeCode = async (page: Page): Promise<void> => {
    await page.goto(`${stack.url}/j`);
    await page.getByLabel('Sessiecode').fill(code);
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Code Aalst');
  };
  const first = await newDevice(browser, phone);
  await typeCode(first.page);

  // Every hub killed and started again: the code lives in Redis, not in a hub.
  for (const id of stack.hubIds) {
    await stack.kill(id);
    await stack.restart(id);
  }
  const latecomer = await newDevice(browser, phone);
  await typeCode(latecomer.page);
  // Any hub answers it: ask each one directly.
  for (const id of stack.hubIds) {
    const response = await fetch(`${stack.hub(id)?.url}/api/room-codes/${code}`);
    expect(response.status, id).toBe(200);
  }
  await latecomer.context.close();
  await first.context.close();
  await laptop.context.close();
});

test('a joining phone’s first screen comes from the hub that holds the room, through the balancer', async ({
  browser
}) => {
  const stack = hosted();
  const laptop = await newDevice(browser, projector);
  const { joinUrl } = await createSession(laptop.page, stack.url, { script: 'SWOT-analyse' });
  await goToStep(laptop.page, 'Stil schrijven');
  const roomKey = new URL(joinUrl).hash.slice(1);
  // Round robin would send most of these to a hub without the room (it answers nothing): the
  // balancer routes /api/rooms/<room id>/ like the room's WebSockets.
  for (let ask = 0; ask < 6; ask++) {
    const preview = await fetchStepPreview({
      origin: stack.url,
      roomKey,
      deviceSecret: randomId(),
      locale: 'nl'
    });
    expect(preview?.step.title, `ask ${ask + 1}`).toBe('Stil schrijven');
  }
  // So does a first idea sent from that screen: the hub holding the room takes it, and it is
  // on the laptop's board.
  const deviceSecret = randomId();
  const shown = await fetchStepPreview({ origin: stack.url, roomKey, deviceSecret, locale: 'nl' });
  if (!shown) throw new Error('no preview');
  const send = prepareFirstIdea({ origin: stack.url, roomKey, deviceSecret, preview: shown });
  const { delivery } = await send({ column: 'kansen', text: 'Via de balancer', now: Date.now() });
  expect(await delivery).toBe('added');
  await expect(laptop.page.locator('.note .text')).toContainText(['Via de balancer']);
  await laptop.context.close();
});

test('a session archive from a laptop goes into the hosted Kring and comes out unchanged', async ({
  browser
}) => {
  const stack = hosted();
  // A laptop hub (SQLite) with a short session on it.
  const dataDir = mkdtempSync(join(tmpdir(), 'kring-laptop-'));
  const laptopHub = await startHubProcess({ args: ['--data-dir', dataDir] });
  const laptop = await newDevice(browser, projector);
  try {
    const { joinUrl } = await createSession(laptop.page, laptopHub.url, { title: 'Archief Mol' });
    const participant = await joinOnPhone(browser, joinUrl);
    const step = 'Kennismaken: wat ik meebreng';
    await goToStep(laptop.page, step);
    await phoneShowsStep(participant.page, step);
    await addIdea(participant.page, 'Een fietstocht langs de verenigingen');
    await expect(noteTexts(laptop.page)).toHaveText(['Een fietstocht langs de verenigingen']);
    await participant.context.close();
    const original = await saveArchive(laptop.page);

    // Into the hosted Kring on another device; opening it puts the room on a hub.
    const office = await newDevice(browser, projector);
    await office.page.goto(`${stack.url}/`);
    await office.page.getByLabel('Kies een archiefbestand').setInputFiles(original.path);
    await expect(office.page.getByText('‘Archief Mol’ is geïmporteerd.')).toBeVisible();
    await office.page
      .getByRole('article', { name: 'Archief Mol', exact: true })
      .getByRole('link', { name: 'Openen Archief Mol' })
      .click();
    await expect(office.page.getByText('Verbonden via de hub')).toBeVisible();
    await goToStep(office.page, step);
    await expect(noteTexts(office.page)).toHaveText(['Een fietstocht langs de verenigingen']);
    const archived = JSON.parse(original.text) as { session: { roomKey: string } };
    const room = new URL(joinUrl).pathname.split('/')[2] ?? '';
    await until('the room in Postgres', async () => {
      const stored = await stack.storedDoc(room);
      const texts = [...ideasIn(stored).values()];
      stored.destroy();
      return texts.includes('Een fietstocht langs de verenigingen');
    });
    expect(archived.session.roomKey).toBeTruthy();

    // And out again: the same archive, but for the moment it was made.
    const back = await saveArchive(office.page);
    const withoutTime = (text: string): unknown => ({ ...JSON.parse(text), exportedAt: undefined });
    expect(withoutTime(back.text)).toEqual(withoutTime(original.text));
    await office.context.close();
  } finally {
    await laptop.context.close();
    await laptopHub.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** Saves the session archive from the facilitate screen's export section. */
async function saveArchive(page: Page): Promise<{ path: string; text: string }> {
  await page.getByText('Exporteren', { exact: true }).click();
  const download = page.waitForEvent('download');
  await page
    .locator('details.export')
    .getByRole('button', { name: 'Archief bewaren (.json)' })
    .click();
  const path = (await (await download).path()) ?? '';
  return { path, text: await readFile(path, 'utf8') };
}
