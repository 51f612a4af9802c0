// Every activity on a phone held in one hand, at 320×568 and 390×844: what the step asks
// (the idea field and its button, the answer field, the first dot, the first card) is on
// the first screen without scrolling, and axe finds nothing. Each activity is saved as
// seen on both phones, the facilitator's laptop (1440×900) and the projector (1920×1080).
import { expect, test, type Page } from '@playwright/test';
import { builtinScripts } from '../../../src/lib/scripts/builtin/index.ts';
import type { Step } from '../../../src/lib/scripts/schema.ts';
import { expectAccessible } from '../../support/axe.ts';
import { roomHubForEachTest } from '../../support/roomHub.ts';
import {
  expectInFirstScreen,
  laptop,
  phone,
  projector,
  smallPhone,
  snapAt
} from '../../support/screens.ts';
import {
  addIdea,
  control,
  createSession,
  joinOnPhone,
  newDevice,
  nextStep,
  phoneShowsStep
} from '../../support/workshop.ts';

const hub = roomHubForEachTest();

/** What the step asks of a participant: it must be on the first screen. */
function asked(page: Page, step: Step) {
  switch (step.activity.type) {
    case 'brainstorm':
      return [
        page.getByRole('textbox', { name: 'Jouw idee', exact: true }),
        page.getByRole('button', { name: 'Idee toevoegen' })
      ];
    case 'round':
      return [
        page.getByLabel('Jouw antwoord'),
        page.getByRole('button', { name: /Antwoord (geven|wijzigen)/ })
      ];
    case 'vote':
      return [page.getByRole('button', { name: /Stip geven aan/ }).first()];
    case 'pick':
      return [page.locator('.card').first()];
    default:
      return [page.locator('#step-title')];
  }
}

/** The facilitator and a phone bring a step to the state worth showing. */
async function act(step: Step, index: number, facilitator: Page, mobile: Page): Promise<void> {
  switch (step.activity.type) {
    case 'brainstorm':
      await addIdea(mobile, `Mijn idee bij stap ${index + 1}`);
      await expect(
        mobile.getByText(`Mijn idee bij stap ${index + 1}`, { exact: true })
      ).toBeVisible();
      if (step.activity.hidden) await control(facilitator, 'Ideeën aan iedereen tonen');
      break;
    case 'cluster':
      await facilitator.locator('.new-group input').first().fill('Samen sterk');
      await facilitator.getByRole('button', { name: 'Groep maken' }).first().click();
      await facilitator.getByRole('combobox').first().selectOption({ label: 'Samen sterk' });
      await expect(mobile.getByRole('heading', { name: /Samen sterk \(1\)/ })).toBeVisible();
      break;
    case 'vote':
      await control(facilitator, 'Stemming openen');
      await expect(mobile.getByRole('button', { name: /Stip geven aan/ }).first()).toBeVisible();
      break;
    case 'actions':
      await facilitator.getByLabel('Wat', { exact: true }).fill('Verslag rondsturen');
      await facilitator.getByLabel('Wie', { exact: true }).fill('Ann');
      await facilitator.getByLabel('Tegen wanneer').fill('vrijdag');
      await facilitator.getByRole('button', { name: 'Afspraak toevoegen' }).click();
      await expect(mobile.getByText('Verslag rondsturen')).toBeVisible();
      break;
    default:
      break;
  }
}

// SWOT: info, a board shown again, a hidden brainstorm in four quadrants, groups, a vote,
// agreements. Werf 4 adds a pick, five columns with long names, and a round.
for (const scriptId of ['swot', 'werf-4-samenwerking']) {
  const script = builtinScripts.find((s) => s.id === scriptId);
  if (!script) throw new Error(scriptId);
  test(`every step of “${script.title.nl}” fits a phone’s first screen and passes axe`, async ({
    browser
  }) => {
    // Each step is checked at two phone sizes with axe and saved at four sizes.
    test.setTimeout(420_000);
    const facilitator = await newDevice(browser, laptop);
    const { facilitateUrl, joinUrl } = await createSession(facilitator.page, hub.url, {
      title: script.title.nl,
      script: script.title.nl
    });
    const present = await facilitator.context.newPage();
    await present.setViewportSize(projector);
    await present.goto(`${facilitateUrl}/present`);
    const mobile = await joinOnPhone(browser, joinUrl);
    for (const [index, step] of script.steps.entries()) {
      if (index > 0) await nextStep(facilitator.page);
      await phoneShowsStep(mobile.page, step.title.nl);
      await act(step, index, facilitator.page, mobile.page);
      const name = `${scriptId}-${index + 1}-${step.activity.type}`;
      for (const size of [smallPhone, phone]) {
        await mobile.page.setViewportSize(size);
        for (const element of asked(mobile.page, step))
          await expectInFirstScreen(mobile.page, element);
        await expectAccessible(mobile.page);
        await snapAt(mobile.page, `${name}-phone`, size);
      }
      await snapAt(facilitator.page, `${name}-facilitate`, laptop);
      await snapAt(present, `${name}-projector`, projector);
    }
    await facilitator.context.close();
    await mobile.context.close();
  });
}
