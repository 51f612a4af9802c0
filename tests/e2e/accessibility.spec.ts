import { control, nextStep, readJoinLink } from '../support/workshop.ts';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from '../support/axe.ts';
import { phone, projector, smallPhone, snapBothSizes } from '../support/screens.ts';

/**
 * Scans the page at phone and projector size, checks that nothing pushes it sideways there
 * and on the smallest phone (WCAG 1.4.10), and saves the screenshots.
 */
async function checkScreen(page: Page, name: string): Promise<void> {
  for (const size of [smallPhone, phone, projector]) {
    await page.setViewportSize(size);
    if (size !== smallPhone) await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      size.width
    );
  }
  await snapBothSizes(page, name);
}

const english = { reveal: 'Show the ideas to everyone', open: 'Open the vote' };
const dutch = { reveal: 'Ideeën aan iedereen tonen', open: 'Stemming openen' };

const languages = [
  { button: 'Nederlands', suffix: '' },
  { button: 'English', suffix: '-en' }
] as const;

type Words = typeof english;

/** A SWOT session on the facilitator's laptop, its projector screen and a joined phone. */
interface SwotScreens {
  readonly facilitate: Page;
  readonly present: Page;
  readonly mobile: Page;
  readonly words: Words;
}

async function openSwot(
  page: Page,
  context: BrowserContext,
  words: Words,
  language: string
): Promise<SwotScreens> {
  await page.getByRole('textbox').first().fill(`Stappen ${language}`);
  await page.getByRole('radio', { name: /SWOT/ }).check();
  await page.getByRole('button', { name: /Sessie aanmaken|Create session/ }).click();
  const joinPath = await readJoinLink(page);
  const present = await context.newPage();
  await present.goto(`${page.url()}/present`);
  const mobile = await context.newPage();
  await mobile.setViewportSize(phone);
  await mobile.goto(joinPath);
  await mobile.getByRole('button', { name: /Meedoen|Join/ }).click();
  return { facilitate: page, present, mobile, words };
}

/** The title of the step a screen shows. */
function stepTitle(facilitate: Page, screen: Page): Locator {
  return screen === facilitate
    ? facilitate.locator('#current-step-title')
    : screen.getByRole('heading', { level: 2 }).first();
}

/** The activities of the SWOT script in order, each with how to get there from the one before. */
const stages: readonly { name: string; reach(screens: SwotScreens): Promise<void> }[] = [
  { name: 'info', reach: async () => {} },
  {
    name: 'brainstorm-hidden',
    async reach({ facilitate, mobile }) {
      await nextStep(facilitate);
      // No column is chosen beforehand: the person picks one.
      await mobile.getByRole('radio').first().check();
      await mobile.getByRole('textbox').fill('Sterk netwerk van vrijwilligers');
      await mobile.getByRole('button', { name: /Idee toevoegen|Add idea/ }).click();
      await expect(mobile.locator('.note')).toHaveCount(1);
    }
  },
  {
    name: 'cluster',
    async reach({ facilitate, words }) {
      await control(facilitate, words.reveal);
      await nextStep(facilitate);
      await nextStep(facilitate);
      // Groups are made per quadrant: the first quadrant holds the idea.
      await facilitate.getByRole('textbox').first().fill('Vrijwilligers');
      await facilitate
        .getByRole('button', { name: /Groep maken|Make group/ })
        .first()
        .click();
      await facilitate.getByRole('combobox').first().selectOption({ index: 1 });
    }
  },
  {
    name: 'vote',
    async reach({ facilitate, mobile, words }) {
      await nextStep(facilitate);
      await control(facilitate, words.open);
      await mobile
        .getByRole('button', { name: /Stip geven|Give a dot/ })
        .first()
        .click();
    }
  },
  {
    name: 'actions',
    async reach({ facilitate }) {
      await nextStep(facilitate);
      await facilitate.getByRole('textbox').first().fill('Vrijwilligers bedanken');
      await facilitate.getByRole('button', { name: /Afspraak toevoegen|Add agreement/ }).click();
    }
  }
];

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
      // On a phone the step and its next action come before the agenda, on the first screen.
      await page.setViewportSize(phone);
      const next = page.getByRole('button', { name: /Volgende stap|Next step/ });
      const nextBox = await next.boundingBox();
      expect(nextBox && nextBox.y + nextBox.height).toBeLessThanOrEqual(phone.height);
      const agendaBox = await page.getByRole('navigation', { name: 'Agenda' }).boundingBox();
      expect(agendaBox?.y).toBeGreaterThan(nextBox?.y ?? Infinity);

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

    // One test per activity, each walking the session up to its step: a failure names the
    // activity, and no test has to scan every screen of the whole session in one go.
    for (const [index, stage] of stages.entries()) {
      test(`${stage.name}: the facilitator’s laptop, the projector and a phone meet WCAG 2.2 AA`, async ({
        page,
        context
      }) => {
        const screens = await openSwot(page, context, suffix ? english : dutch, button);
        for (const earlier of stages.slice(0, index + 1)) await earlier.reach(screens);
        const title = (await stepTitle(page, page).textContent()) ?? '';
        await expect(stepTitle(page, screens.mobile)).toHaveText(title);
        await checkScreen(page, `a11y-${stage.name}-facilitate${suffix}`);
        await checkScreen(screens.present, `a11y-${stage.name}-present${suffix}`);
        await checkScreen(screens.mobile, `a11y-${stage.name}-phone${suffix}`);
      });
    }

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
