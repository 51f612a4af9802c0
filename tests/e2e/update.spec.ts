import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHubProcess } from '../support/hubProcess.ts';

test('a new version waits for the person and takes over after "reload"', async ({ browser }) => {
  // A private copy of the build, so publishing a "new version" touches nothing else.
  const buildDir = mkdtempSync(join(tmpdir(), 'kring-build-'));
  cpSync('build', buildDir, { recursive: true });
  let hub = await startHubProcess({ env: { KRING_BUILD_DIR: buildDir } });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`http://localhost:${hub.port}/`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
      .toBe(true);
    await expect(page.getByText('Er is een nieuwe versie van Kring.')).toHaveCount(0);

    // Publish a new version the way a facilitator gets one: a new build, hub restarted.
    await hub.stop();
    appendFileSync(join(buildDir, 'client', 'sw.js'), '\n// a newer Kring\n');
    hub = await startHubProcess({ port: hub.port, env: { KRING_BUILD_DIR: buildDir } });
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });

    const prompt = page
      .getByRole('status')
      .filter({ hasText: 'Er is een nieuwe versie van Kring.' });
    await expect(prompt).toBeVisible({ timeout: 15_000 });
    await page.screenshot({ path: 'test-results/screens/update-prompt-projector.png' });

    await Promise.all([
      page.waitForEvent('load'),
      prompt.getByRole('button', { name: 'Nu vernieuwen' }).click()
    ]);
    await expect(page.getByRole('heading', { level: 1, name: 'Jouw sessies' })).toBeVisible();
    await expect(page.getByText('Er is een nieuwe versie van Kring.')).toHaveCount(0);
    const state = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return { waiting: registration?.waiting ?? null, active: registration?.active?.state };
    });
    expect(state).toEqual({ waiting: null, active: 'activated' });
  } finally {
    await context.close();
    await hub.stop();
    rmSync(buildDir, { recursive: true, force: true });
  }
});
