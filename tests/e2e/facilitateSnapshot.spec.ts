// The facilitate screen, opened again, shows its board from its snapshot before the room's copy
// is read (here: held back), hands over to the copy without a change on screen, never shows a
// snapshot older than the copy, and the snapshot goes with the session.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { laptop } from '../support/screens.ts';
import { addIdea, createSession, goToStep, joinOnPhone, noteTexts } from '../support/workshop.ts';

const ideas = [
  'Samen naar de bib',
  'Een vaste koffieochtend',
  'Vervoer voor wie slecht te been is'
];

/** The one room copy this device keeps, by its database name's room id. */
async function roomIdOf(page: Page): Promise<string> {
  const names = await page.evaluate(async () =>
    (await indexedDB.databases()).flatMap((db) =>
      db.name?.startsWith('kring-room-') ? [db.name.slice('kring-room-'.length)] : []
    )
  );
  expect(names).toHaveLength(1);
  return names[0] ?? '';
}

const keptSnapshot = (page: Page, roomId: string): Promise<string> =>
  page.evaluate((id) => localStorage.getItem(`kring-view:${id}`) ?? '', roomId);

/**
 * Opens the facilitate screen with the room's copy held back: an upgrade of its database that
 * stays open until `release`, so that the app's own opening of it waits (and the upgrade is
 * then undone). Records every idea text the page ever showed.
 */
async function openHeld(context: BrowserContext, url: string, roomId: string) {
  const page = await context.newPage();
  await page.addInitScript((name: string) => {
    const seen: string[] = [];
    const state = { held: false, release: false, seen };
    (window as unknown as { __copy: typeof state }).__copy = state;
    new MutationObserver(() => {
      for (const text of document.querySelectorAll('.note .text'))
        if (!seen.includes(text.textContent ?? '')) seen.push(text.textContent ?? '');
    }).observe(document, { childList: true, subtree: true });
    const request = indexedDB.open(name, 2);
    request.onupgradeneeded = () => {
      const upgrade = request.transaction as IDBTransaction;
      state.held = true;
      const spin = (): void => {
        if (state.release) {
          upgrade.abort();
          state.held = false;
          return;
        }
        upgrade.objectStore('updates').count().onsuccess = spin;
      };
      spin();
    };
    request.onerror = (event) => event.preventDefault();
  }, `kring-room-${roomId}`);
  await page.goto(url);
  await expect.poll(() => copyState(page).then((state) => state.held)).toBe(true);
  return page;
}

const copyState = (page: Page): Promise<{ held: boolean; seen: string[] }> =>
  page.evaluate(() => (window as unknown as { __copy: { held: boolean; seen: string[] } }).__copy);

const release = (page: Page): Promise<void> =>
  page.evaluate(() => {
    (window as unknown as { __copy: { release: boolean } }).__copy.release = true;
  });

test('the facilitate screen opens from its snapshot, and never from an older one', async ({
  browser,
  baseURL
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: laptop });
  const first = await context.newPage();
  const { facilitateUrl, joinUrl } = await createSession(first, baseURL ?? '', {
    title: 'Opnieuw open',
    script: 'SWOT-analyse',
    paths: 'relay'
  });
  await goToStep(first, 'Stil schrijven');
  const phone = await joinOnPhone(browser, joinUrl);
  for (const idea of ideas) await addIdea(phone.page, idea);
  await expect(noteTexts(first)).toHaveCount(3);
  const roomId = await roomIdOf(first);
  // Taken two seconds after the last change, at an idle moment.
  await expect.poll(() => keptSnapshot(first, roomId), { timeout: 15_000 }).toContain(ideas[2]);
  await first.close();

  // Opened again with the copy held back: the board is there, from the snapshot.
  const second = await openHeld(context, facilitateUrl, roomId);
  await expect(noteTexts(second)).toHaveText(ideas);
  expect((await copyState(second)).held).toBe(true);
  await second.screenshot({ path: 'test-results/screens/facilitate-from-snapshot-1440x900.png' });
  // The copy, read and checked, takes over: the same board, nothing else ever shown.
  await release(second);
  await expect.poll(() => copyState(second).then((state) => state.held)).toBe(false);
  await expect(second.getByText('Verbonden via de hub')).toBeVisible();
  await expect(noteTexts(second)).toHaveText(ideas);
  expect((await copyState(second)).seen).toEqual(ideas);
  await second.close();

  // With only the projector open on the laptop, a fourth idea arrives: the laptop's copy
  // holds more than the snapshot now.
  const present = await context.newPage();
  await present.goto(facilitateUrl.replace('?', '/present?'));
  await addIdea(phone.page, 'Een vierde, later');
  // (Not shown to all yet: the projector counts them.)
  await expect(present.getByText('4 ideeën tot nu toe')).toBeVisible();
  await present.close();

  // So the snapshot is not used: the board waits for the copy, then shows all four.
  const third = await openHeld(context, facilitateUrl, roomId);
  await expect(third.getByText('Het bord wordt geladen…')).toBeVisible();
  await expect(noteTexts(third)).toHaveCount(0);
  expect((await copyState(third)).seen).toEqual([]);
  await release(third);
  await expect(noteTexts(third)).toHaveCount(4);
  await expect
    .poll(() => keptSnapshot(third, roomId), { timeout: 15_000 })
    .toContain('Een vierde, later');

  // Removing the session from the library removes its snapshot.
  await third.goto(`${new URL(facilitateUrl).origin}/`);
  const card = third.getByRole('article', { name: /Opnieuw open/ });
  await card.getByRole('button', { name: /Verwijder/ }).click();
  await third
    .getByRole('dialog', { name: 'Sessie verwijderen?' })
    .getByRole('button', { name: 'Ja, verwijderen' })
    .click();
  await expect(card).toHaveCount(0);
  expect(await keptSnapshot(third, roomId)).toBe('');
  await phone.context.close();
  await context.close();
});
