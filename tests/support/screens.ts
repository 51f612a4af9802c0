import { expect, type Locator, type Page } from '@playwright/test';

export const smallPhone = { width: 320, height: 568 } as const;
export const phone = { width: 390, height: 844 } as const;
export const laptop = { width: 1440, height: 900 } as const;
export const projector = { width: 1920, height: 1080 } as const;

export type ScreenSize = { readonly width: number; readonly height: number };

/** Saves what a person sees at phone and projector size under test-results/screens/. */
export async function snapBothSizes(page: Page, name: string): Promise<void> {
  const original = page.viewportSize();
  for (const [label, size] of [
    ['phone', phone],
    ['projector', projector]
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `test-results/screens/${name}-${label}.png`, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/**
 * Saves what a person sees without scrolling, at the given size, as
 * test-results/screens/<name>-<width>x<height>.png; the page keeps that size.
 */
export async function snapAt(page: Page, name: string, size: ScreenSize): Promise<void> {
  await page.setViewportSize(size);
  await page.evaluate(() => window.scrollTo(0, 0));
  await settled(page);
  await page.screenshot({ path: `test-results/screens/${name}-${size.width}x${size.height}.png` });
}

/**
 * Waits until no animation runs (notes fading in) and the projector's board has measured
 * its notes for the size it has now (a paged board that ideas came into is laid out again
 * at its next page turn).
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.getAnimations().every((animation) => animation.playState !== 'running') &&
      document.querySelector('ul.notes.measuring') === null &&
      [...document.querySelectorAll<HTMLElement>('.projector-board')].every(
        (board) =>
          board.dataset['layout'] === 'done' &&
          board.dataset['measuredFor'] === `${board.clientWidth}x${board.clientHeight}`
      )
  );
}

/**
 * Fails unless the element lies wholly inside the first screen (the page scrolled to the top).
 * Tried again for a while: on a joining phone the session's screen replaces the first one
 * (FirstStep) whenever it has loaded, and an element read in that moment has no box.
 */
export async function expectInFirstScreen(page: Page, element: Locator): Promise<void> {
  await expect(async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const size = page.viewportSize();
    const box = await element.boundingBox();
    expect(box, 'element is on the page').not.toBeNull();
    if (!box || !size) return;
    const where = `${Math.round(box.y)}–${Math.round(box.y + box.height)} of ${size.height}`;
    expect(box.y, `top inside the first screen (${where})`).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, `bottom inside the first screen (${where})`).toBeLessThanOrEqual(
      size.height
    );
    expect(box.x + box.width, 'inside the screen’s width').toBeLessThanOrEqual(size.width);
  }).toPass({ timeout: 5_000 });
}
