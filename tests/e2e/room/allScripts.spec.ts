// Every built-in script runs end to end: the facilitator walks through each step and a
// phone does what each activity asks, on the room network.
import { expect, test, type Page } from '@playwright/test';
import { builtinScripts } from '../../../src/lib/scripts/builtin/index.ts';
import type { Step } from '../../../src/lib/scripts/schema.ts';
import { roomHubForEachTest } from '../../support/roomHub.ts';
import { projector } from '../../support/screens.ts';
import {
  control,
  createSession,
  joinOnPhone,
  newDevice,
  nextStep,
  noteTexts,
  phoneShowsStep
} from '../../support/workshop.ts';

const hub = roomHubForEachTest();

/** The phone does what the step asks; the facilitator steers where the step needs it. */
async function runStep(step: Step, facilitator: Page, phone: Page, index: number): Promise<void> {
  const activity = step.activity;
  switch (activity.type) {
    case 'info':
      await expect(phone.getByText('Kijk en luister mee.')).toBeVisible();
      break;
    case 'brainstorm': {
      const column = phone.getByRole('radio').first();
      if ((await phone.getByRole('radio').count()) > 0) await column.check();
      await phone.getByLabel('Jouw idee', { exact: true }).fill(`Idee bij stap ${index + 1}`);
      await phone.getByRole('button', { name: 'Idee toevoegen' }).click();
      await expect(
        noteTexts(facilitator).filter({ hasText: `Idee bij stap ${index + 1}` })
      ).toBeVisible();
      if (activity.hidden) await control(facilitator, 'Ideeën aan iedereen tonen');
      await expect(
        noteTexts(phone).filter({ hasText: `Idee bij stap ${index + 1}` })
      ).toBeVisible();
      break;
    }
    case 'round':
      await phone.getByLabel('Jouw antwoord').fill('Verbonden');
      await phone.getByRole('button', { name: 'Antwoord geven' }).click();
      await expect(facilitator.getByText('1 antwoord')).toBeVisible();
      break;
    case 'cluster':
      // The idea is in the first column: its group is made there.
      await facilitator
        .locator('.new-group input')
        .first()
        .fill(`Groep ${index + 1}`);
      await facilitator.getByRole('button', { name: 'Groep maken' }).first().click();
      await facilitator
        .getByRole('combobox')
        .first()
        .selectOption({ label: `Groep ${index + 1}` });
      await expect(
        phone.getByRole('heading', { name: new RegExp(`Groep ${index + 1} \\(1\\)`) })
      ).toBeVisible();
      break;
    case 'vote': {
      await control(facilitator, 'Stemming openen');
      const dot = phone.getByRole('button', { name: /Stip geven aan/ }).first();
      await dot.click();
      await expect(
        phone.getByText(`Je hebt nog ${activity.dots - 1} van je ${activity.dots} stippen.`)
      ).toBeVisible();
      await control(facilitator, 'Stemming sluiten en uitslag tonen');
      await expect(phone.getByText('De stemming is gesloten. Dit is de uitslag.')).toBeVisible();
      await expect(phone.getByText(/^1 stip$/)).toBeVisible();
      break;
    }
    case 'pick': {
      const card = phone.locator('.card').first();
      await card.click();
      await expect(card).toHaveAttribute('aria-pressed', 'true');
      await expect(facilitator.locator('.ranking li').first().locator('.score')).toHaveText('1');
      break;
    }
    case 'actions':
      await facilitator.getByLabel('Wat', { exact: true }).fill(`Afspraak ${index + 1}`);
      await facilitator.getByRole('button', { name: 'Afspraak toevoegen' }).click();
      await expect(phone.getByText(`Afspraak ${index + 1}`)).toBeVisible();
      break;
  }
}

for (const script of builtinScripts) {
  test(`the script “${script.title.nl}” runs from the first step to the last`, async ({
    browser
  }) => {
    test.setTimeout(180_000);
    const facilitator = await newDevice(browser, projector);
    const { joinUrl } = await createSession(facilitator.page, hub.url, {
      title: script.title.nl,
      script: script.title.nl
    });
    const phone = await joinOnPhone(browser, joinUrl);
    for (const [index, step] of script.steps.entries()) {
      if (index > 0) await nextStep(facilitator.page);
      await expect(facilitator.page.locator('#current-step-title')).toHaveText(step.title.nl);
      await phoneShowsStep(phone.page, step.title.nl);
      await runStep(step, facilitator.page, phone.page, index);
    }
    // The last step's own next move (a round's timer) first; then there is nothing after it.
    const last = facilitator.page.locator('.control-bar .primary');
    if ((await last.textContent())?.trim() === 'Start timer') await last.click();
    await expect(last).toHaveText('Laatste stap');
    await expect(last).toBeDisabled();
    await facilitator.context.close();
    await phone.context.close();
  });
}
