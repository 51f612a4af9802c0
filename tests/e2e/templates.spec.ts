import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from '../support/axe.ts';
import { phone, projector, snapBothSizes } from '../support/screens.ts';

// Several screens are scanned at two sizes; on a busy 2-core machine that takes a while.
test.describe.configure({ timeout: 240_000 });

/** Scans the page at phone and projector size, and saves both screenshots. */
async function checkScreen(page: Page, name: string): Promise<void> {
  const original = page.viewportSize();
  for (const size of [phone, projector]) {
    await page.setViewportSize(size);
    await expectAccessible(page);
    // Nothing may push the page sideways, least of all on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      size.width
    );
  }
  await snapBothSizes(page, name);
  if (original) await page.setViewportSize(original);
}

const stepButton = (page: Page, title: string): Locator =>
  page
    .getByRole('list')
    .getByRole('button', { name: new RegExp(`^${title} `) })
    .first();

const text = (page: Page, field: string, language: 'Nederlands' | 'Engels'): Locator =>
  page.getByRole('textbox', { name: `${field}, ${language}`, exact: true });

test('a facilitator adapts SWOT, runs it, and shares it as a file', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Draaiboeken aanpassen en delen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Draaiboeken' })).toBeVisible();
  await expect(page.getByText('Nog geen eigen draaiboeken.')).toBeVisible();
  await checkScreen(page, 'templates-empty');

  // Copy: the copy opens in the editor.
  await page.getByRole('button', { name: 'Kopiëren SWOT-analyse', exact: true }).click();
  await expect(page).toHaveURL(/\/templates\/[0-9a-z]{26}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'SWOT-analyse (kopie)' })).toBeVisible();

  // Rename, in both languages.
  await text(page, 'Naam', 'Nederlands').fill('SWOT voor Lier');
  await text(page, 'Naam', 'Engels').fill('SWOT for Lier');
  await expect(page.getByRole('heading', { level: 1, name: 'SWOT voor Lier' })).toBeVisible();

  // Edit the first step's prompt and title; an empty title is refused next to the field.
  await expect(page.getByRole('heading', { level: 2, name: /^Stap 1:/ })).toBeVisible();
  await text(page, 'Wat de deelnemers zien', 'Nederlands').fill(
    'Welkom in Lier! We kijken samen naar ons netwerk, in vier vakken.'
  );
  const stepTitle = text(page, 'Titel', 'Nederlands');
  await stepTitle.fill('');
  await expect(stepTitle).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#field-uitleg_title_nl-problems')).toHaveText('Vul dit in.');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByText('Verbeter eerst het gemarkeerde veld.')).toBeVisible();
  await expect(stepTitle).toBeFocused();
  await stepTitle.fill('Welkom in Lier');
  await expect(stepTitle).not.toHaveAttribute('aria-invalid');
  await expect(page.getByText('Verbeter eerst het gemarkeerde veld.')).toHaveCount(0);
  await expect(page.getByText('Niet-bewaarde wijzigingen')).toBeVisible();
  await expect(stepButton(page, 'Welkom in Lier')).toBeVisible();

  // Move a step down; a cluster may not move above the brainstorm it groups.
  await page.getByRole('button', { name: 'Omlaag Tonen en verduidelijken' }).click();
  const order = page.locator('.step-list ol > li .title');
  await expect(order).toHaveText([
    'Welkom in Lier',
    'Stil schrijven',
    'Bundelen per vak',
    'Tonen en verduidelijken',
    'Wat is het belangrijkst?',
    'Mogelijke volgende stappen'
  ]);
  await expect(page.getByRole('button', { name: 'Omlaag Tonen en verduidelijken' })).toBeFocused();
  await page.getByRole('button', { name: 'Omhoog Bundelen per vak' }).click();
  await expect(
    page.getByText('‘Bundelen per vak’ werkt met ‘Stil schrijven’ en moet erna blijven.').first()
  ).toBeVisible();
  await expect(order.nth(2)).toHaveText('Bundelen per vak');

  // Add a round at the end, after the selected last step, and name it.
  await stepButton(page, 'Mogelijke volgende stappen').click();
  await expect(page.getByRole('heading', { level: 2, name: /^Stap 6:/ })).toBeFocused();
  await page.getByLabel('Soort stap').selectOption({ label: 'rondje' });
  await page.getByRole('button', { name: 'Stap toevoegen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Stap 7: Rondje' })).toBeFocused();
  await text(page, 'Titel', 'Nederlands').fill('Check-out');
  await text(page, 'Titel', 'Engels').fill('Check-out');
  await text(page, 'Wat de deelnemers zien', 'Nederlands').fill('Eén woord: hoe ga je naar huis?');
  await page.getByLabel('Antwoorden tonen als').selectOption({ label: 'woordwolk' });
  await expect(order.last()).toHaveText('Check-out');
  await checkScreen(page, 'template-editor');

  // Removing the brainstorm is refused while a cluster and a vote use it.
  await stepButton(page, 'Stil schrijven').click();
  await page.getByRole('button', { name: 'Stap verwijderen Stil schrijven' }).click();
  await expect(
    page.getByText(
      'Deze stap wordt gebruikt door ‘Bundelen per vak’, ‘Tonen en verduidelijken’, ‘Wat is het belangrijkst?’. Pas dat eerst aan.'
    )
  ).toBeVisible();
  await stepButton(page, 'Tonen en verduidelijken').click();
  await page.getByRole('button', { name: 'Stap verwijderen Tonen en verduidelijken' }).click();
  await expect(order).toHaveCount(6);
  await expect(page.getByRole('list').getByText('Tonen en verduidelijken')).toHaveCount(0);

  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByText('Bewaard op dit toestel.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'SWOT voor Lier' })).toBeVisible();
  await expect(order).toHaveText([
    'Welkom in Lier',
    'Stil schrijven',
    'Bundelen per vak',
    'Wat is het belangrijkst?',
    'Mogelijke volgende stappen',
    'Check-out'
  ]);

  // Export (a download), then import the same file: it asks, and comes in as a copy.
  await page.getByRole('link', { name: 'Terug naar de draaiboeken' }).click();
  const mine = page.getByRole('article', { name: 'SWOT voor Lier', exact: true });
  await expect(mine).toContainText('6 stappen, ongeveer 85 minuten');
  const downloading = page.waitForEvent('download');
  await mine.getByRole('button', { name: 'Exporteren SWOT voor Lier' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('swot-voor-lier.kring.json');
  const file = testInfo.outputPath('swot-voor-lier.kring.json');
  await download.saveAs(file);
  const exported = JSON.parse(await readFile(file, 'utf8')) as {
    title: { nl: string };
    steps: { title: { nl: string }; prompt: { nl: string } }[];
  };
  expect(exported.title.nl).toBe('SWOT voor Lier');
  expect(exported.steps[0]?.prompt.nl).toBe(
    'Welkom in Lier! We kijken samen naar ons netwerk, in vier vakken.'
  );

  const fileInput = page.getByLabel('Kies een draaiboekbestand');
  await fileInput.setInputFiles(file);
  const conflict = page.getByRole('dialog', { name: 'Dit draaiboek staat al op dit toestel' });
  await expect(conflict).toContainText('‘SWOT voor Lier’ is een versie van ‘SWOT voor Lier’');
  await expect(conflict.getByRole('button', { name: 'Annuleren' })).toBeFocused();
  await checkScreen(page, 'template-import-conflict');
  await conflict.getByRole('button', { name: 'Als kopie importeren' }).click();
  await expect(page.getByText('‘SWOT voor Lier (kopie)’ is geïmporteerd.')).toBeVisible();
  await expect(page.getByRole('article', { name: 'SWOT voor Lier (kopie)' })).toBeVisible();
  await expect(mine).toBeVisible();

  // A broken file lists its problems with their fields; nothing is imported.
  const broken = structuredClone(exported) as unknown as {
    schema: number;
    steps: { title: { nl: string }; minutes: number }[];
  };
  broken.schema = 2;
  const [first] = broken.steps;
  if (!first) throw new Error('the export has steps');
  first.title.nl = '';
  first.minutes = 0;
  await fileInput.setInputFiles({
    name: 'kapot.kring.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken))
  });
  const problems = page.getByRole('alert');
  await expect(problems).toContainText('‘kapot.kring.json’ is geen geldig draaiboek.');
  await expect(problems.getByRole('listitem')).toHaveText([
    'schema Klopt niet: must be 1',
    'steps.0.title.nl Vul dit in.',
    'steps.0.minutes Minstens 1.'
  ]);
  await checkScreen(page, 'templates-import-problems');
  await fileInput.setInputFiles({
    name: 'notities.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('geen json')
  });
  await expect(problems).toHaveText(
    '‘notities.txt’ is geen draaiboekbestand: Kring kan het niet lezen.'
  );
  await expect(page.getByRole('article', { name: /SWOT voor Lier/ })).toHaveCount(2);

  // Deleting asks first.
  const copy = page.getByRole('article', { name: 'SWOT voor Lier (kopie)' });
  await copy.getByRole('button', { name: 'Verwijderen SWOT voor Lier (kopie)' }).click();
  const confirm = page.getByRole('dialog', { name: 'Draaiboek verwijderen?' });
  await expect(confirm).toContainText('Sessies die je ermee maakte, blijven werken.');
  await confirm.getByRole('button', { name: 'Ja, verwijderen' }).click();
  await expect(copy).toHaveCount(0);
  await checkScreen(page, 'templates-list');

  // A session from the template runs the edited script.
  await page.getByRole('link', { name: /Terug naar jouw sessies/ }).click();
  await page.getByLabel('Naam van de sessie').fill('Lier, 12 maart');
  await page.getByRole('radio', { name: 'SWOT voor Lier · eigen draaiboek' }).check();
  await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
  await expect(page).toHaveURL(/\/s\/[0-9a-z]{26}$/);
  await expect(page.getByText('Draaiboek: SWOT voor Lier')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Welkom in Lier' })).toBeVisible();
  await expect(
    page.getByText('Welkom in Lier! We kijken samen naar ons netwerk, in vier vakken.')
  ).toBeVisible();
  const agenda = page.getByRole('navigation', { name: 'Agenda' });
  await expect(agenda.getByRole('listitem')).toHaveCount(6);
  await expect(agenda).toContainText('Check-out');
  await expect(agenda).not.toContainText('Tonen en verduidelijken');
  await snapBothSizes(page, 'template-session-facilitate');
});

test('the script editor works with the keyboard alone', async ({ page }) => {
  await page.goto('/templates');
  await page.getByRole('button', { name: 'Kopiëren Warm startmoment', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Warm startmoment (kopie)' })
  ).toBeVisible();

  // Open the second step from the list: focus goes to the form.
  const second = page.locator('.step-list ol > li').nth(1).getByRole('button').first();
  await second.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: /^Stap 2:/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(text(page, 'Titel', 'Nederlands')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Kennismaken');

  // Move it up twice with Enter: focus stays on the button, also at the top.
  const up = page.getByRole('button', { name: 'Omhoog Kennismaken' });
  await up.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.step-list ol > li .title').first()).toHaveText('Kennismaken');
  await expect(up).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(up).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'staat al bovenaan' })).toHaveText(
    '‘Kennismaken’ staat al bovenaan.'
  );

  await page.getByRole('button', { name: 'Opslaan' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Bewaard op dit toestel.')).toBeVisible();
});
