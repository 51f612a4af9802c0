import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { phone } from './screens.ts';

/** A person's screen in a workshop: their own browser context (own storage, own device). */
export interface Screen {
  readonly context: BrowserContext;
  readonly page: Page;
}

/** Opens a fresh device. */
export async function newDevice(
  browser: Browser,
  size?: { width: number; height: number }
): Promise<Screen> {
  const context = await browser.newContext(size ? { viewport: size } : {});
  const page = await context.newPage();
  return { context, page };
}

/** Adds `?paths=…` to a URL, keeping its fragment (the room key). */
export function withPaths(url: string, paths: 'relay' | 'peer' | undefined): string {
  if (!paths) return url;
  const parsed = new URL(url);
  parsed.searchParams.set('paths', paths);
  return parsed.toString();
}

/**
 * The join link as the facilitate screen shows it, once the board is set up and the hub
 * holds it, so participants find the board even if the facilitator's screen closes.
 */
export async function readJoinLink(facilitator: Page): Promise<string> {
  await expect(facilitator.getByRole('navigation', { name: 'Agenda' })).toBeVisible();
  await expect(
    facilitator.getByText(/Verbonden via de hub|Connected through the hub/)
  ).toBeVisible();
  const joinPath = (await facilitator.locator('.join-link code').textContent()) ?? '';
  expect(joinPath).toMatch(/\/j\/[0-9a-z]{26}#[0-9a-z]{26}\.[0-9a-z]{26}$/);
  return joinPath.trim();
}

/**
 * The facilitator creates a session on the hub and opens the facilitate screen; returns
 * its URL and the participants' join link as the facilitate screen shows it.
 */
export async function createSession(
  facilitator: Page,
  hubUrl: string,
  options: { title?: string; script?: string; paths?: 'relay' | 'peer' } = {}
): Promise<{ facilitateUrl: string; joinUrl: string }> {
  await facilitator.goto(`${hubUrl}/`);
  await facilitator.getByLabel('Naam van de sessie').fill(options.title ?? 'Werkgroep vrije tijd');
  if (options.script) await facilitator.getByRole('radio', { name: options.script }).check();
  await facilitator.getByRole('button', { name: 'Sessie aanmaken' }).click();
  await expect(facilitator).toHaveURL(/\/s\/[0-9a-z]{26}$/);
  const facilitateUrl = withPaths(facilitator.url(), options.paths);
  if (options.paths) await facilitator.goto(facilitateUrl);
  const joinPath =
    options.paths === 'peer'
      ? ((await facilitator.locator('.join-link code').textContent()) ?? '').trim()
      : await readJoinLink(facilitator);
  return { facilitateUrl, joinUrl: withPaths(joinPath, options.paths) };
}

/**
 * The facilitator creates a session and opens its projector screen on the same device;
 * returns that page and the short session code it shows.
 */
export async function projectorWithCode(
  facilitator: Screen,
  hubUrl: string,
  title: string
): Promise<{ present: Page; code: string }> {
  const { facilitateUrl } = await createSession(facilitator.page, hubUrl, { title });
  const present = await facilitator.context.newPage();
  await present.goto(`${facilitateUrl}/present`);
  const code = (await present.locator('.code-value').textContent()) ?? '';
  expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
  return { present, code };
}

/** A participant opens the join link on a phone-sized screen and joins, optionally named. */
export async function joinOnPhone(
  browser: Browser,
  joinUrl: string,
  name?: string
): Promise<Screen> {
  const screen = await newDevice(browser, phone);
  await screen.page.goto(joinUrl);
  if (name) await screen.page.getByLabel('Je naam (mag je leeg laten)').fill(name);
  await screen.page.getByRole('button', { name: 'Meedoen' }).click();
  // Several phones joining at once share two cores with the hub and the other screens.
  await expect(screen.page.locator('#step-title')).toBeVisible({ timeout: 20_000 });
  return screen;
}

/**
 * The facilitator uses a control of the current step: the highlighted button when it is the
 * one (it follows the state: start timer → show ideas → open vote → close vote → next step),
 * else the same action under "Meer".
 */
export async function control(facilitator: Page, name: string | RegExp): Promise<void> {
  const primary = facilitator.locator('.control-bar .primary');
  await expect(primary).toBeVisible();
  const label = ((await primary.textContent()) ?? '').trim();
  if (typeof name === 'string' ? label.startsWith(name) : name.test(label)) {
    await primary.click();
    return;
  }
  await fromMenu(facilitator, name);
}

/** The facilitator moves on one step. */
export async function nextStep(facilitator: Page): Promise<void> {
  await control(facilitator, /Volgende stap|Next step/);
}

/** The facilitator uses an action from the control bar's "Meer" menu. */
export async function fromMenu(facilitator: Page, name: string | RegExp): Promise<void> {
  await facilitator.getByRole('button', { name: /^(Meer|More)$/ }).click();
  await facilitator.locator('#control-menu').getByRole('button', { name }).click();
}

/** The facilitator jumps to a step through the agenda. */
export async function goToStep(facilitator: Page, title: string): Promise<void> {
  await facilitator
    .getByRole('navigation', { name: 'Agenda' })
    .getByRole('button', { name: title })
    .click();
  await expect(facilitator.getByRole('heading', { level: 2, name: title })).toBeVisible();
}

/** Waits until a phone shows the step with this title. */
export async function phoneShowsStep(page: Page, title: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible({
    timeout: 15_000
  });
}

/** Adds an idea from a phone (to the first column unless one is named). */
export async function addIdea(page: Page, text: string, column?: string): Promise<void> {
  if (column) await page.getByRole('radio', { name: column }).check();
  else {
    const first = page.getByRole('radio').first();
    if ((await page.getByRole('radio').count()) > 0 && !(await first.isChecked()))
      await first.check();
  }
  await page.getByLabel('Jouw idee', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Idee toevoegen' }).click();
}

/** The note texts a screen shows, in board order. */
export function noteTexts(page: Page) {
  return page.locator('.note .text');
}
