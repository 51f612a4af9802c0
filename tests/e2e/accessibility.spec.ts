import { control, nextStep, readJoinLink } from '../support/workshop.ts';
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

const english = { reveal: 'Show the ideas to everyone', open: 'Open the vote' };
const dutch = { reveal: 'Ideeën aan iedereen tonen', open: 'Stemming openen' };

const languages = [
  { button: 'Nederlands', suffix: '' },
  { button: 'English', suffix: '-en' }
] as const;

for (const { button, suffix } of languages) {
  test.describe(`in ${button}`, () => {
    // Each screen is scanned at two sizes; on a busy 2-core machine that takes a while.
    test.describe.configure({ timeout: 120_000 });
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
      await expect(page.getByText(`Toegankelijkheid ${button}`)).toBeVisible();
      await checkScreen(page, `a11y-present${suffix}`);

      await page.goto('/');
      await expect(page.getByRole('article')).toHaveCount(1);
      await checkScreen(page, `a11y-library-one${suffix}`);

      await page.getByRole('button', { name: /Verwijder|Delete/ }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await checkScreen(page, `a11y-delete-dialog${suffix}`);
    });

    test('every activity, on the facilitator’s laptop, the projector and a phone, meets WCAG 2.2 AA', async ({
      page,
      context
    }) => {
      const words = suffix ? english : dutch;
      await page.getByRole('textbox').first().fill(`Stappen ${button}`);
      await page.getByRole('radio', { name: /SWOT/ }).check();
      await page.getByRole('button', { name: /Sessie aanmaken|Create session/ }).click();
      const joinPath = await readJoinLink(page);
      const present = await context.newPage();
      await present.goto(`${page.url()}/present`);
      const mobile = await context.newPage();
      await mobile.setViewportSize(phone);
      await mobile.goto(joinPath);
      await mobile.getByRole('button', { name: /Meedoen|Join/ }).click();

      const stepTitle = (screen: Page) =>
        screen === page
          ? page.locator('#current-step-title')
          : screen.getByRole('heading', { level: 2 }).first();
      const all = async (name: string): Promise<void> => {
        const title = (await stepTitle(page).textContent()) ?? '';
        await expect(stepTitle(mobile)).toHaveText(title);
        await checkScreen(page, `a11y-${name}-facilitate${suffix}`);
        await checkScreen(present, `a11y-${name}-present${suffix}`);
        await checkScreen(mobile, `a11y-${name}-phone${suffix}`);
      };

      await all('info');
      await nextStep(page);
      await mobile.getByRole('radio').first().check();
      await mobile.getByRole('textbox').fill('Sterk netwerk van vrijwilligers');
      await mobile.getByRole('button', { name: /Idee toevoegen|Add idea/ }).click();
      await expect(mobile.locator('.note')).toHaveCount(1);
      await all('brainstorm-hidden');
      await control(page, words.reveal);
      await nextStep(page);
      await nextStep(page);
      await page.getByRole('textbox').first().fill('Vrijwilligers');
      await page
        .getByRole('button', { name: /Groep maken|Make group/ })
        .first()
        .click();
      await page.getByRole('combobox').first().selectOption({ index: 1 });
      await all('cluster');
      await nextStep(page);
      await control(page, words.open);
      await mobile
        .getByRole('button', { name: /Stip geven|Give a dot/ })
        .first()
        .click();
      await all('vote');
      await nextStep(page);
      await page.getByRole('textbox').first().fill('Vrijwilligers bedanken');
      await page.getByRole('button', { name: /Afspraak toevoegen|Add agreement/ }).click();
      await all('actions');
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
      await checkScreen(page, `a11y-join-waiting${suffix}`);

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
