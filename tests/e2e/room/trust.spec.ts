// A modified participant app in the room: a phone whose page is scripted through its own doc
// (what anyone with developer tools can do) tries to change another person's idea, a script
// flag and the session's title, and to tie an anonymous idea to a name from what it receives.
// Hub and browsers on the test's own room network (DESIGN.md §3).
import { expect, test, type Page } from '@playwright/test';
import { roomHubForEachTest } from '../../support/roomHub.ts';
import { phone, projector } from '../../support/screens.ts';
import {
  addIdea,
  control,
  createSession,
  goToStep,
  joinOnPhone,
  newDevice,
  noteTexts,
  phoneShowsStep
} from '../../support/workshop.ts';

const hub = roomHubForEachTest();

const brainstorm = 'Stil schrijven';

/** What the modified page received: every entry and the presence of every device. */
interface Received {
  readonly entries: { key: string; json: string }[];
  readonly presence: string[];
}

async function received(page: Page): Promise<Received> {
  return page.evaluate(() => {
    const rooms = (globalThis as unknown as { kringRooms: Record<string, RoomHandle> }).kringRooms;
    const room = Object.values(rooms)[0] as RoomHandle;
    const entries = [...room.doc.getMap('e').entries()].map(([key, value]) => ({
      key,
      json: JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : v))
    }));
    const presence = [...room.awareness.getStates().values()].map((state) => JSON.stringify(state));
    return { entries, presence };
    interface RoomHandle {
      doc: {
        getMap(name: string): Map<string, unknown> & {
          entries(): IterableIterator<[string, unknown]>;
          set(key: string, value: unknown): void;
          get(key: string): unknown;
          delete(key: string): void;
        };
      };
      awareness: { getStates(): Map<number, unknown> };
    }
  });
}

test('a modified participant app cannot change another’s idea, a script flag or the title, nor tie an anonymous idea to a name', async ({
  browser
}) => {
  test.setTimeout(120_000);
  const facilitator = await newDevice(browser, projector);
  const { joinUrl } = await createSession(facilitator.page, hub.url, {
    title: 'Vertrouwen',
    script: 'SWOT-analyse'
  });
  await goToStep(facilitator.page, brainstorm);
  const amina = await joinOnPhone(browser, joinUrl, 'Amina');
  await phoneShowsStep(amina.page, brainstorm);
  await addIdea(amina.page, 'Idee van Amina', 'Sterktes');

  // The modified app: a phone whose page exposes its doc (kring.devtools), joined anonymously.
  const mallory = await newDevice(browser, phone);
  await mallory.context.addInitScript(() => localStorage.setItem('kring.devtools', 'doc'));
  await mallory.page.goto(joinUrl);
  await mallory.page.getByRole('button', { name: 'Meedoen' }).click();
  await phoneShowsStep(mallory.page, brainstorm);
  await control(facilitator.page, 'Ideeën aan iedereen tonen');
  await expect(noteTexts(mallory.page)).toContainText(['Idee van Amina']);

  // 1. What it received does not tie Amina's anonymous idea to her name.
  const seen = await received(mallory.page);
  const entry = seen.entries.find((e) => e.json.includes('Idee van Amina'));
  if (!entry) throw new Error('Amina’s entry arrived');
  const authorId = entry.key.split('/')[1] ?? '';
  expect(authorId).toMatch(/^[0-9a-z]{16}$/);
  // The idea carries no name (a name is the sixth field of an idea, only in named steps).
  const items = (JSON.parse(entry.json) as { d: { n: unknown[][] } }).d.n;
  expect(items.map((item) => item.length)).toEqual([5]);
  const aminaPresence = seen.presence.find((p) => p.includes('"Amina"'));
  expect(aminaPresence).toBeDefined();
  for (const presence of seen.presence) {
    expect(presence).not.toContain(authorId);
    expect(Object.keys(JSON.parse(presence) as object).sort()).toEqual(
      expect.arrayContaining(['id', 'role'])
    );
    for (const key of Object.keys(JSON.parse(presence) as object)) {
      expect(['id', 'role', 'name', 'hub', 'peers']).toContain(key);
    }
  }

  // 2. It writes over Amina's idea, the session's title and a script flag, and deletes Amina's
  // entry: with garbage signatures, as a modified app can.
  await mallory.page.evaluate(
    ({ key }) => {
      const rooms = (globalThis as unknown as { kringRooms: Record<string, { doc: Doc }> })
        .kringRooms;
      const doc = (Object.values(rooms)[0] as { doc: Doc }).doc;
      const entries = doc.getMap('e');
      const original = entries.get(key) as {
        p: Uint8Array;
        q: number;
        a: number;
        d: { n: unknown[][] };
      };
      const forged = original.d.n.map((item) => [item[0], item[1], 'Gehackt', item[3], 999]);
      entries.set(key, { ...original, q: original.q + 1, d: { n: forged }, s: new Uint8Array(64) });
      const session = doc.getMap('s');
      const record = session.get('r') as {
        q: number;
        d: {
          title: string;
          script: { steps: { id: string; activity: Record<string, unknown> }[] };
        };
      };
      const steps = record.d.script.steps.map((step) =>
        step.activity['type'] === 'brainstorm'
          ? { ...step, activity: { ...step.activity, anonymous: false } }
          : step
      );
      session.set('r', {
        ...record,
        q: record.q + 1,
        d: { ...record.d, title: 'Overgenomen', script: { ...record.d.script, steps } },
        s: new Uint8Array(64)
      });
      setTimeout(() => entries.delete(key), 200);
      interface Doc {
        getMap(name: string): {
          get(key: string): unknown;
          set(key: string, value: unknown): void;
          delete(key: string): void;
        };
      }
    },
    { key: entry.key }
  );

  // 3. Nothing of it sticks, on any screen, also after a reload (the hub's copy).
  const screens = [facilitator.page, amina.page, mallory.page];
  for (const page of screens) {
    await expect(noteTexts(page)).toHaveText(['Idee van Amina']);
    await expect(page.getByText('Gehackt')).toHaveCount(0);
    await expect(page.getByText('Overgenomen')).toHaveCount(0);
  }
  await expect(
    facilitator.page.getByRole('heading', { level: 1, name: 'Vertrouwen' })
  ).toBeVisible();
  await expect(amina.page.getByRole('heading', { level: 1, name: 'Vertrouwen' })).toBeVisible();
  await expect(await hub.output()).toContain('undid a change');
  await amina.page.reload();
  await phoneShowsStep(amina.page, brainstorm);
  await expect(noteTexts(amina.page)).toHaveText(['Idee van Amina']);
  // The step stays anonymous: the idea shows no name, also on the facilitator's screen.
  await expect(facilitator.page.locator('.note .author')).toHaveCount(0);
  for (const screen of [facilitator, amina, mallory]) await screen.context.close();
});
