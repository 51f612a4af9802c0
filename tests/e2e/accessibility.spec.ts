import { readJoinLink } from '../support/workshop.ts';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from '../support/axe.ts';
import { phone, projector, snapBothSizes } from '../support/screens.ts';

/** Scans the page at phone and projector size, and saves both screenshots. */
async function checkScreen(page: Page, name: string): Promise<void> {
  for (const size of [phone, projector]) {
    await page.setViewportSize(size);
    await expectAccessible(page);
  }
  await snapBothSizes(page, name);
}

const languages = [
  { button: 'Nederlands', suffix: '' },
  { button: 'English', suffix: '-en' }
] as const;

for (const { button, suffix } of languages) {
  test.describe(`in ${button}`, () => {
    test.beforeEach(async ({ page }) => {
      await page.goto('/');
      await page.getByRole('button', { name: button }).click();
      await expect(page.getByRole('button', { name: button })).toHaveAttribute(
        'aria-pressed',
        'true'
      );
    });

    test('the library, facilitate and present screens meet WCAG 2.2 AA', async ({ page }) => {
      await checkScreen(page, `a11y-library-empty${suffix}`);

      await page.getByRole('textbox').first().fill(`Toegankelijkheid ${button}`);
      await page.getByRole('button', { name: /Sessie aanmaken|Create session/ }).click();
      await expect(page).toHaveURL(/\/s\/[0-9a-z]{26}$/);
      const facilitateUrl = page.url();
      await checkScreen(page, `a11y-facilitate${suffix}`);

      await page.goto(`${facilitateUrl}/present`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(
        `Toegankelijkheid ${button}`
      );
      await checkScreen(page, `a11y-present${suffix}`);

      await page.goto('/');
      await expect(page.getByRole('article')).toHaveCount(1);
      await checkScreen(page, `a11y-library-one${suffix}`);

      await page.getByRole('button', { name: /Verwijder|Delete/ }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await checkScreen(page, `a11y-delete-dialog${suffix}`);
    });

    test('the join, code, missing-session and not-found screens meet WCAG 2.2 AA', async ({
      page
    }) => {
      await page.getByRole('textbox').first().fill(`Meedoen ${button}`);
      await page.getByRole('radio', { name: /SWOT/ }).check();
      await page.getByRole('button', { name: /Sessie aanmaken|Create session/ }).click();
      const joinPath = await readJoinLink(page);

      await page.goto(joinPath);
      await checkScreen(page, `a11y-join${suffix}`);
      await page.getByRole('button', { name: /Meedoen|Join/ }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Meedoen ${button}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
      await page.getByRole('textbox').fill('Een idee om te tonen');
      await page.getByRole('button', { name: /Idee toevoegen|Add idea/ }).click();
      await expect(page.locator('.note')).toHaveCount(1);
      await checkScreen(page, `a11y-join-board${suffix}`);

      await page.goto(joinPath.replace(/#.*/, '#kapot'));
      await page.reload();
      await checkScreen(page, `a11y-join-bad-link${suffix}`);

      await page.goto('/j');
      await checkScreen(page, `a11y-code${suffix}`);

      await page.goto('/s/not-on-this-device');
      await checkScreen(page, `a11y-session-missing${suffix}`);

      await page.goto('/no/such/page');
      await checkScreen(page, `a11y-not-found${suffix}`);
    });
  });
}
