import { readJoinLink } from '../support/workshop.ts';
import { expect, test } from '@playwright/test';

test('Kring speaks Dutch first and remembers a switch to English', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1, name: 'Jouw sessies' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nederlands' })).toHaveAttribute(
    'aria-pressed',
    'true'
  );

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your sessions' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute(
    'aria-pressed',
    'true'
  );

  // Remembered across reloads and on every screen.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Your sessions' })).toBeVisible();
  await page.getByLabel('Session name').fill('Check-in');
  await page.getByRole('radio', { name: 'SWOT analysis' }).check();
  await page.getByRole('button', { name: 'Create session' }).click();
  await expect(page.getByText('Script: SWOT analysis')).toBeVisible();
  const joinPath = await readJoinLink(page);
  await page.goto(joinPath);
  await expect(page.getByRole('heading', { level: 1, name: 'Join in' })).toBeVisible();

  await page.getByRole('button', { name: 'Nederlands' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Doe mee' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
});
