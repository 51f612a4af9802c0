import { expect, test, type Locator, type Page } from '@playwright/test';
import { snapBothSizes } from '../support/screens.ts';

async function createSession(page: Page, title: string, script = 'SWOT-analyse'): Promise<void> {
  await page.getByLabel('Naam van de sessie').fill(title);
  await page.getByRole('radio', { name: script }).check();
  await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
  // Stored once its screen opens; leaving before that may cut the storing short.
  await expect(page).toHaveURL(/\/s\/[0-9a-z]{26}$/);
}

const sessionCard = (page: Page, title: string): Locator =>
  page.getByRole('article', { name: title });

/** What this device keeps of rooms: their copies in IndexedDB, their copy marks. */
async function keptRooms(page: Page): Promise<{ copies: string[]; marks: string[] }> {
  return page.evaluate(async () => ({
    copies: (await indexedDB.databases()).flatMap((db) =>
      db.name?.startsWith('kring-room-') ? [db.name.slice('kring-room-'.length)] : []
    ),
    marks: Object.keys(localStorage).flatMap((key) =>
      key.startsWith('kring-copy:') ? [key.slice('kring-copy:'.length)] : []
    )
  }));
}

test('a facilitator creates a session, finds it after a reload, and deletes it', async ({
  page
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Jouw sessies' })).toBeVisible();
  await expect(page.getByText('Nog geen sessies op dit toestel.')).toBeVisible();
  await snapBothSizes(page, 'library-empty');

  await createSession(page, 'Startmoment netwerk Lier');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Startmoment netwerk Lier' })
  ).toBeVisible();
  await expect(page.getByText('Draaiboek: SWOT-analyse')).toBeVisible();
  await snapBothSizes(page, 'facilitate');
  // The session's room has its copy on this device now (and the mark of what it holds).
  await expect.poll(async () => (await keptRooms(page)).copies.length).toBe(1);
  await expect.poll(async () => (await keptRooms(page)).marks.length).toBe(1);
  const lierRoom = (await keptRooms(page)).copies[0];
  expect((await keptRooms(page)).marks).toEqual([lierRoom]);

  await page.getByRole('link', { name: /Terug naar jouw sessies/ }).click();
  await createSession(page, 'Café één 🎉 — “quotes”, <b>geen html</b>', 'Warm startmoment');
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '2 sessies op dit toestel' })).toBeVisible();
  await expect(sessionCard(page, 'Café één 🎉 — “quotes”, <b>geen html</b>')).toContainText(
    'Warm startmoment'
  );
  await snapBothSizes(page, 'library-two-sessions');

  await page.reload();
  const lier = sessionCard(page, 'Startmoment netwerk Lier');
  await expect(lier).toContainText('SWOT-analyse');

  // The older session, opened, rises to the top of the library.
  await expect(page.getByRole('article').first()).toHaveAccessibleName(/Café één/);
  await lier.getByRole('link', { name: 'Openen Startmoment netwerk Lier' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Startmoment netwerk Lier' })
  ).toBeVisible();
  await expect(page.getByText('Stap 1 van 6')).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('article').first()).toHaveAccessibleName(/Startmoment netwerk Lier/);

  // Cancelling keeps the session.
  await lier.getByRole('button', { name: /Verwijder/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Sessie verwijderen?' });
  await expect(dialog).toContainText('Startmoment netwerk Lier');
  await snapBothSizes(page, 'library-delete-confirm');
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await expect(dialog).toBeHidden();
  await expect(lier).toBeVisible();

  await lier.getByRole('button', { name: /Verwijder/ }).click();
  await dialog.getByRole('button', { name: 'Ja, verwijderen' }).click();
  await expect(lier).toBeHidden();
  await expect(page.getByRole('heading', { name: '1 sessie op dit toestel' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: '1 sessie op dit toestel' })).toBeVisible();
  await expect(sessionCard(page, 'Startmoment netwerk Lier')).toHaveCount(0);
  // "Everything in it leaves this device": its room's copy and mark too; the other session's
  // copy stays (its mark only once something was stored in it: it may have been left early).
  const kept = await keptRooms(page);
  expect(kept.copies).toHaveLength(1);
  expect(kept.copies).not.toContain(lierRoom);
  expect(kept.marks).not.toContain(lierRoom);
});

test('a session without a name gets a clear message and nothing is stored', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Naam van de sessie').fill('   ');
  await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
  await expect(page.getByText('Geef de sessie een naam.')).toBeVisible();
  await expect(page.getByLabel('Naam van de sessie')).toBeFocused();
  await expect(page.getByLabel('Naam van de sessie')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Naam van de sessie').fill('x'.repeat(500));
  await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
  await expect(page.getByText('Die naam is te lang: hou het bij 120 tekens.')).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText('Nog geen sessies op dit toestel.')).toBeVisible();
});

test('an unknown session link says so and leads back to the library', async ({ page }) => {
  await page.goto('/s/doesnotexist');
  await expect(
    page.getByRole('heading', { name: 'Deze sessie staat niet op dit toestel' })
  ).toBeVisible();
  await page.getByRole('link', { name: 'Terug naar jouw sessies' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jouw sessies' })).toBeVisible();
});

/** Presses Tab until `target` has focus, proving it is reachable by keyboard alone. */
async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`could not reach ${target.toString()} with Tab`);
}

test('the library works with the keyboard alone', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Jouw sessies' })).toBeVisible();

  await tabTo(page, page.getByLabel('Naam van de sessie'));
  await page.keyboard.type('Werf 1 met het kernteam');
  await tabTo(page, page.getByRole('radio', { name: 'Warm startmoment' }));
  // Arrow keys move through the radio group, as in any native form.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Werf 1: Visievorming' })).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Sessie aanmaken' }));
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Werf 1 met het kernteam' })
  ).toBeVisible();

  await tabTo(page, page.getByRole('link', { name: /Terug naar jouw sessies/ }));
  await page.keyboard.press('Enter');
  const card = sessionCard(page, 'Werf 1 met het kernteam');
  await expect(card).toContainText('Werf 1: Visievorming');

  await tabTo(page, card.getByRole('link', { name: /^Openen/ }));
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Werf 1 met het kernteam' })
  ).toBeVisible();
  await page.goBack();

  await tabTo(page, card.getByRole('button', { name: /Verwijder/ }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Sessie verwijderen?' });
  await expect(dialog.getByRole('button', { name: 'Annuleren' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(card).toBeVisible();

  await card.getByRole('button', { name: /Verwijder/ }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Ja, verwijderen' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(card).toBeHidden();
  await expect(page.getByText('Nog geen sessies op dit toestel.')).toBeVisible();
});
