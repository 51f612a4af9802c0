import type { Page } from '@playwright/test';

export const phone = { width: 390, height: 844 } as const;
export const projector = { width: 1920, height: 1080 } as const;

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
