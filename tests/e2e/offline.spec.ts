import { readJoinLink } from '../support/workshop.ts';
import { expect, test, type Page } from '@playwright/test';
import { startHubProcess, type HubProcess } from '../support/hubProcess.ts';

let hub: HubProcess;

test.beforeEach(async () => {
  hub = await startHubProcess();
});

test.afterEach(async () => {
  await hub.stop();
});

async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
}

test('after one online visit the app opens and works with the network off', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // localhost is a secure context, so the service worker may install.
  const origin = `http://localhost:${hub.port}`;
  await page.goto(`${origin}/`);
  await waitForServiceWorkerControl(page);

  await page.getByLabel('Naam van de sessie').fill('Online gemaakt');
  await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
  await expect(page).toHaveURL(/\/s\/[0-9a-z]{26}$/);
  const sessionPath = new URL(page.url()).pathname;

  // Really offline: the hub is gone and the browser reports no network.
  await hub.stop();
  await context.setOffline(true);

  await page.goto(`${origin}/`);
  await expect(page.getByRole('article', { name: 'Online gemaakt' })).toBeVisible();

  await page.getByLabel('Naam van de sessie').fill('Offline gemaakt');
  await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Offline gemaakt' })).toBeVisible();

  await page.goto(`${origin}${sessionPath}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Online gemaakt' })).toBeVisible();
  await page.goto(`${origin}${sessionPath}/present`);
  await expect(page.getByText('Online gemaakt')).toBeVisible();

  await page.reload();
  await page.goto(`${origin}/`);
  await expect(page.getByRole('heading', { name: '2 sessies op dit toestel' })).toBeVisible();
  await context.close();
});

test('the join page works where no service worker can run', async ({ browser }) => {
  // A phone on http://<lan-ip> has no service worker; blocking it here is the same situation.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${hub.url}/`);
  await page.getByLabel('Naam van de sessie').fill('Zonder service worker');
  await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
  const joinPath = await readJoinLink(page);
  await page.goto(joinPath);
  await page.getByLabel('Je naam (mag je leeg laten)').fill('Fatima');
  await page.getByRole('button', { name: 'Meedoen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zonder service worker');
  await expect(page.getByText('Je doet mee als Fatima.')).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Welkom: de 7 stelregels' })
  ).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();
  expect(errors).toEqual([]);
  await context.close();
});
