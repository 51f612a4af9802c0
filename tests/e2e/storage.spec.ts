// A phone that cannot keep anything (private window, old browser) or whose storage is full:
// it says so, and the session goes on in memory with everything reaching the facilitator.
import { expect, test, type Page } from '@playwright/test';
import { phone, snapAt } from '../support/screens.ts';
import {
  addIdea,
  createSession,
  goToStep,
  newDevice,
  noteTexts,
  phoneShowsStep,
  type Screen
} from '../support/workshop.ts';

const introductions = 'Kennismaken: wat ik meebreng';
const cannotStore = 'Dit toestel kan niets bewaren (misschien een privévenster).';
const storageFull = 'Dit toestel zit vol: nieuwe ideeën worden hier niet meer bewaard.';

function noIndexedDbAtAll(): void {
  Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
}

/** Ways a browser turns IndexedDB away, installed before any page script runs. */
const withoutIndexedDb: Record<string, () => void> = {
  'has no IndexedDB at all': noIndexedDbAtAll,
  'refuses to open IndexedDB': () => {
    IDBFactory.prototype.open = function open(): IDBOpenDBRequest {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  },
  'fails every IndexedDB open request': () => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function failing(this: IDBFactory, name: string): IDBOpenDBRequest {
      // A real request that fails: the version 0 is invalid, so the browser reports an error
      // on the request, as Firefox's private windows used to.
      const request = open.call(this, name);
      Object.defineProperty(request, 'error', {
        get: () => new DOMException('A mutation operation was attempted', 'InvalidStateError')
      });
      request.addEventListener(
        'success',
        (event) => {
          event.stopImmediatePropagation();
          request.result.close();
          request.dispatchEvent(new Event('error'));
        },
        { capture: true, once: true }
      );
      return request;
    };
  }
};

async function joinAndAddIdea(page: Page, joinUrl: string, idea: string): Promise<void> {
  await page.goto(joinUrl);
  await page.getByRole('button', { name: 'Meedoen' }).click();
  await phoneShowsStep(page, introductions);
  await addIdea(page, idea);
}

// One facilitator per worker, several phones: each phone's ideas must reach it.
let facilitator: Screen;
let joinUrl: string;

test.beforeAll(async ({ browser, baseURL }) => {
  facilitator = await newDevice(browser);
  ({ joinUrl } = await createSession(facilitator.page, baseURL ?? '', { paths: 'relay' }));
  await goToStep(facilitator.page, introductions);
});

test.afterAll(async () => {
  await facilitator.context.close();
});

for (const [how, install] of Object.entries(withoutIndexedDb)) {
  test(`a phone that ${how} keeps working in memory and says so`, async ({ browser }) => {
    const participant = await newDevice(browser, phone);
    await participant.context.addInitScript(install);
    const errors: string[] = [];
    participant.page.on('pageerror', (error) => errors.push(error.message));
    const idea = `Zonder opslag: ${how}`;
    await joinAndAddIdea(participant.page, joinUrl, idea);

    await expect(participant.page.getByText(cannotStore)).toBeVisible();
    await expect(noteTexts(participant.page)).toContainText([idea]);
    await expect(noteTexts(facilitator.page)).toContainText([idea]);
    expect(errors).toEqual([]);
    await participant.context.close();
  });
}

test('a phone that cannot store keeps the first screen it types on until the session shows the step', async ({
  browser
}) => {
  const participant = await newDevice(browser, phone);
  await participant.context.addInitScript(noIndexedDbAtAll);
  // The session's socket to the hub is held: its code has loaded and found it cannot store
  // (it opens that socket only after the storage check), but it has no step to show yet.
  let connect = (): void => undefined;
  const connecting = new Promise<void>((resolve) => (connect = resolve));
  let relayOpened = (): void => undefined;
  const relayAsked = new Promise<void>((resolve) => (relayOpened = resolve));
  await participant.page.routeWebSocket(/\/sync\//, async (relay) => {
    relayOpened();
    await connecting;
    relay.connectToServer();
  });
  await participant.page.goto(joinUrl);
  await participant.page.getByRole('button', { name: 'Meedoen' }).click();
  await phoneShowsStep(participant.page, introductions);
  await relayAsked;

  const idea = 'Getypt terwijl de sessie laadt';
  await expect(participant.page.getByLabel('Jouw idee', { exact: true })).toBeVisible();
  await addIdea(participant.page, idea);
  await expect(participant.page.getByRole('listitem').filter({ hasText: idea })).toBeVisible();
  await snapAt(participant.page, 'storage-first-screen-waiting', phone);

  connect();
  await expect(participant.page.getByText(cannotStore)).toBeVisible();
  await expect(noteTexts(participant.page)).toContainText([idea]);
  await expect(noteTexts(facilitator.page)).toContainText([idea]);
  await participant.context.close();
});

test('a phone whose storage is full keeps working, says so, and loses nothing', async ({
  browser
}) => {
  // A phone whose disk is full: Chromium's own quota check, not a fake. Chromium applies it
  // to databases opened afterwards, so it is set before the page opens any.
  const participant = await newDevice(browser, phone);
  const cdp = await participant.context.newCDPSession(participant.page);
  await cdp.send('Storage.overrideQuotaForOrigin', {
    origin: new URL(joinUrl).origin,
    quotaSize: 1
  });
  await joinAndAddIdea(participant.page, joinUrl, 'Geen plaats, toch gehoord');
  await addIdea(participant.page, 'En nog een');

  await expect(participant.page.getByText(storageFull)).toBeVisible();
  for (const page of [participant.page, facilitator.page]) {
    await expect(noteTexts(page)).toContainText(['Geen plaats, toch gehoord', 'En nog een']);
  }
  await participant.context.close();
});

test('a laptop that reloads does not check again the signatures it found valid before', async ({
  browser,
  baseURL
}) => {
  // WebCrypto checks the laptop's signatures: count the checks of signed records (the probe
  // for a native Ed25519 checks an empty message).
  const laptop = await newDevice(browser);
  await laptop.context.addInitScript(() => {
    const subtle = globalThis.crypto?.subtle;
    if (!subtle) return;
    const verify = subtle.verify.bind(subtle);
    const counter = window as unknown as { recordChecks: number };
    counter.recordChecks = 0;
    subtle.verify = (algorithm, key, signature, data) => {
      if ((data as ArrayBufferView).byteLength > 0) counter.recordChecks += 1;
      return verify(algorithm, key, signature, data);
    };
  });
  const checks = (): Promise<number> =>
    laptop.page.evaluate(() => (window as unknown as { recordChecks: number }).recordChecks);
  /** How many fingerprints the room's local copy keeps. */
  const kept = (): Promise<number> =>
    laptop.page.evaluate(async () => {
      const rooms = (await indexedDB.databases()).filter((db) =>
        db.name?.startsWith('kring-room-')
      );
      if (rooms.length !== 1 || !rooms[0]?.name) return -1;
      const name = rooms[0].name;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const stored = await new Promise<unknown>((resolve, reject) => {
        const request = db.transaction('custom').objectStore('custom').get('known-signatures');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return stored instanceof Uint8Array ? stored.length / 32 : 0;
    });

  const { joinUrl: link } = await createSession(laptop.page, baseURL ?? '', { paths: 'relay' });
  await goToStep(laptop.page, introductions);
  const participant = await newDevice(browser, phone);
  await joinAndAddIdea(participant.page, link, 'Al eens nagekeken');
  await expect(noteTexts(laptop.page)).toContainText(['Al eens nagekeken']);
  // The phone's idea was checked; the session, the flow and the board were signed here.
  expect(await checks()).toBeGreaterThan(0);
  await expect.poll(kept).toBeGreaterThanOrEqual(4);
  // The list is written at once, then at most every 2 s (knownSignatures.ts): wait until a
  // write has had its time without changing it.
  for (let before = -1, now = await kept(); now !== before; before = now, now = await kept()) {
    await laptop.page.waitForTimeout(2500);
  }

  await laptop.page.reload();
  await expect(noteTexts(laptop.page)).toContainText(['Al eens nagekeken']);
  expect(await checks()).toBe(0);
  // What is new is still checked.
  await addIdea(participant.page, 'Nieuw na het herladen');
  await expect(noteTexts(laptop.page)).toContainText(['Nieuw na het herladen']);
  expect(await checks()).toBeGreaterThan(0);
  await participant.context.close();
  await laptop.context.close();
});
