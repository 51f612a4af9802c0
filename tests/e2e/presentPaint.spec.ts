// A projector window that is reopened shows its last board at once (the first paint, from the
// laptop's own storage) and hands over to the live screen; a change made on the laptop while
// it was closed is never shown from that older paint, and removing the session removes it.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { laptop, projector } from '../support/screens.ts';
import {
  addIdea,
  createSession,
  fromMenu,
  goToStep,
  joinOnPhone,
  noteTexts
} from '../support/workshop.ts';

const ideas = ['Gratis vervoer naar activiteiten', 'Vrijwilligers van de buurt', 'Dubbel idee'];

interface PaintWatch {
  /** The ideas the first paint showed, when it came. */
  shown?: string[];
  /** The size of the painted ideas' text then (unstyled text would be the page's 16 px). */
  fontSize?: number;
  /** Whether the paint brought the app's styles along (the offline shell has not the route's). */
  ownStyles?: boolean;
  /** Where the painted board lay (the live one must lie there too). */
  board?: { x: number; y: number; width: number; height: number };
  handedOver?: boolean;
  /** Every idea text the page ever had, painted or live. */
  seen: string[];
}

/** Records, from before the page's own code, what the first paint shows and when it goes. */
async function watchPaint(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const watch: PaintWatch = { seen: [] };
    (window as unknown as { __paint: PaintWatch }).__paint = watch;
    new MutationObserver(() => {
      const layer = document.getElementById('present-paint');
      if (layer && !watch.shown) {
        const texts = [...layer.querySelectorAll('.note .text')];
        watch.shown = texts.map((text) => text.textContent ?? '');
        watch.fontSize = texts[0] ? Number.parseFloat(getComputedStyle(texts[0]).fontSize) : 0;
        watch.ownStyles = document.getElementById('present-paint-styles') !== null;
        const box = layer.querySelector('.projector-board')?.getBoundingClientRect();
        if (box) watch.board = { x: box.x, y: box.y, width: box.width, height: box.height };
      }
      if (!layer && watch.shown) watch.handedOver = true;
      for (const text of document.querySelectorAll('.note .text'))
        if (!watch.seen.includes(text.textContent ?? '')) watch.seen.push(text.textContent ?? '');
    }).observe(document, { childList: true, subtree: true });
  });
}

const paintWatch = (page: Page): Promise<PaintWatch> =>
  page.evaluate(() => (window as unknown as { __paint: PaintWatch }).__paint);

/** The paint kept for a session on this device (its markup), if any. */
const keptPaint = (page: Page, sessionId: string): Promise<string | null> =>
  page.evaluate((id) => localStorage.getItem(`kring-present:${id}`), sessionId);

/** A SWOT brainstorm with the three ideas shown to all, from a phone; and how to open its projector. */
async function boardWithIdeas(browser: Browser, baseURL: string, context: BrowserContext) {
  const facilitator = { context, page: await context.newPage() };
  const { facilitateUrl, joinUrl } = await createSession(facilitator.page, baseURL, {
    title: 'Projector opnieuw open',
    script: 'SWOT-analyse',
    paths: 'relay'
  });
  await goToStep(facilitator.page, 'Stil schrijven');
  const phone = await joinOnPhone(browser, joinUrl);
  for (const idea of ideas) await addIdea(phone.page, idea);
  await expect(noteTexts(facilitator.page)).toHaveCount(3);
  await fromMenu(facilitator.page, 'Ideeën aan iedereen tonen');
  const presentUrl = facilitateUrl.replace('?', '/present?');
  const openProjector = async (): Promise<Page> => {
    const page = await context.newPage();
    await page.setViewportSize(projector);
    await watchPaint(page);
    await page.goto(presentUrl);
    return page;
  };
  return {
    facilitator,
    phone,
    facilitateUrl,
    presentUrl,
    sessionId: new URL(facilitateUrl).pathname.split('/')[2] ?? '',
    openProjector
  };
}

test('a reopened projector shows its last board at once, hands over, and never an older one', async ({
  browser,
  baseURL
}) => {
  test.setTimeout(120_000);
  // Without the service worker, whose answers a page's routes do not see: the app's code can
  // be held back below.
  const context = await browser.newContext({ viewport: laptop, serviceWorkers: 'block' });
  const { facilitator, phone, facilitateUrl, presentUrl, sessionId, openProjector } =
    await boardWithIdeas(browser, baseURL ?? '', context);

  // First opening: nothing to paint from yet; once drawn, the screen keeps its paint.
  const first = await openProjector();
  await expect(first.locator('.projector-board .note')).toHaveCount(3);
  expect((await paintWatch(first)).shown).toBeUndefined();
  await expect.poll(async () => (await keptPaint(first, sessionId)) ?? '').toContain(ideas[2]);
  await first.close();

  // Reopened while the app's code is held back: the board is there before any of it runs.
  const second = await facilitator.context.newPage();
  await second.setViewportSize(projector);
  await watchPaint(second);
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await second.route('**/_app/immutable/entry/**', async (route) => {
    await held;
    await route.continue();
  });
  await second.goto(presentUrl);
  const layer = second.locator('#present-paint');
  await expect(layer.locator('.projector-board .note')).toHaveCount(3);
  await expect(layer).toHaveAttribute('aria-hidden', 'true');
  // The timer and the count of people would be old: the paint keeps their place, empty.
  await expect(layer.locator('[data-live]')).toHaveCount(2);
  await expect(layer.locator('[data-live] *')).toHaveCount(0);
  expect((await paintWatch(second)).ownStyles).toBe(false);
  expect((await paintWatch(second)).fontSize).toBeGreaterThanOrEqual(28);
  // Whole notes, inside the screen: the paint is the board as it was laid out.
  const boxes = await layer.locator('.projector-board .note').evaluateAll((notes) =>
    notes.map((note) => {
      const box = note.getBoundingClientRect();
      return box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight;
    })
  );
  expect(boxes).toEqual([true, true, true]);
  await second.screenshot({ path: 'test-results/screens/projector-first-paint-1920x1080.png' });
  release();
  await expect.poll(async () => (await paintWatch(second)).handedOver).toBe(true);
  await expect(second.locator('#present-paint')).toHaveCount(0);
  await expect(second.locator('.projector-board')).toHaveCount(1);
  // The live board lies where the painted one lay, and the page has one timer again.
  const live = await second.locator('.projector-board').boundingBox();
  const painted = (await paintWatch(second)).board;
  for (const side of ['x', 'y', 'width', 'height'] as const)
    expect(Math.abs((live?.[side] ?? -9) - (painted?.[side] ?? 9))).toBeLessThanOrEqual(1);
  await expect(second.locator('.timer .time')).toHaveCount(1);
  await expect(second.locator('.projector-board .note .text')).toHaveText(
    (await paintWatch(second)).shown ?? []
  );
  await second.close();

  // With the projector closed, the facilitator removes an idea on the laptop.
  const onLaptop = facilitator.page.locator('.facilitator-board li', { hasText: ideas[2] });
  await onLaptop.getByRole('button', { name: /wat doen met/ }).click();
  await onLaptop.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(noteTexts(facilitator.page)).toHaveCount(2);

  // The kept paint still shows it, so it is not used: the removed idea never appears.
  expect(await keptPaint(facilitator.page, sessionId)).toContain(ideas[2]);
  const third = await openProjector();
  await expect(third.locator('.projector-board .note')).toHaveCount(2);
  const watched = await paintWatch(third);
  expect(watched.shown).toBeUndefined();
  expect(watched.seen).not.toContain(ideas[2]);
  await expect
    .poll(async () => (await keptPaint(third, sessionId)) ?? ideas[2])
    .not.toContain(ideas[2]);
  await third.close();

  // The new paint is used again.
  const fourth = await openProjector();
  await expect.poll(async () => (await paintWatch(fourth)).shown?.length).toBe(2);
  await expect.poll(async () => (await paintWatch(fourth)).handedOver).toBe(true);
  expect((await paintWatch(fourth)).seen).not.toContain(ideas[2]);
  await fourth.close();

  // Removing the session from the library removes its paint.
  await facilitator.page.goto(`${new URL(facilitateUrl).origin}/`);
  const card = facilitator.page.getByRole('article', { name: /Projector opnieuw open/ });
  await card.getByRole('button', { name: /Verwijder/ }).click();
  await facilitator.page
    .getByRole('dialog', { name: 'Sessie verwijderen?' })
    .getByRole('button', { name: 'Ja, verwijderen' })
    .click();
  await expect(card).toHaveCount(0);
  expect(await keptPaint(facilitator.page, sessionId)).toBeNull();
  for (const screen of [facilitator, phone]) await screen.context.close();
});

test('the offline shell paints the reopened projector too, with the styles kept along', async ({
  browser,
  baseURL
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: laptop });
  const { facilitator, phone, sessionId, openProjector } = await boardWithIdeas(
    browser,
    baseURL ?? '',
    context
  );
  const first = await openProjector();
  await expect(first.locator('.projector-board .note')).toHaveCount(3);
  await expect.poll(async () => (await keptPaint(first, sessionId)) ?? '').toContain(ideas[2]);
  // The service worker answers every page from its one shell, which has not the present
  // screen's styles.
  await expect
    .poll(() => first.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
  await first.close();

  const again = await openProjector();
  await expect.poll(async () => (await paintWatch(again)).shown).toEqual(ideas);
  expect((await paintWatch(again)).ownStyles).toBe(true);
  expect((await paintWatch(again)).fontSize).toBeGreaterThanOrEqual(28);
  await expect.poll(async () => (await paintWatch(again)).handedOver).toBe(true);
  await expect(again.locator('#present-paint, #present-paint-styles')).toHaveCount(0);
  await expect(again.locator('.projector-board .note')).toHaveCount(3);
  for (const screen of [facilitator, phone]) await screen.context.close();
});
