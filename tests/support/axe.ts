import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const wcag22aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Fails with a readable list when axe finds WCAG 2.2 A/AA violations on the page. */
export async function expectAccessible(page: Page): Promise<void> {
  // Contrast is judged on what stays on screen, not on a note halfway through fading in.
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running')
  );
  const { violations } = await new AxeBuilder({ page }).withTags(wcag22aa).analyze();
  const summary = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .map((node) => node.target.join(' '))
        .join(', ')}`
  );
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}
