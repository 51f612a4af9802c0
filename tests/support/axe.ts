import { readFileSync } from 'node:fs';
import type { AxeResults, RunOptions } from 'axe-core';
import { expect, type Page } from '@playwright/test';

/** axe-core minified: less than half of what a page has to parse with `axe.source`. */
const axeSource = readFileSync(new URL(import.meta.resolve('axe-core/axe.min.js')), 'utf8');

const wcag22aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Violation {
  readonly id: string;
  readonly impact: string | null | undefined;
  readonly help: string;
  readonly targets: readonly string[];
}

/**
 * Runs axe-core in the page itself, loading it once per document, so a page scanned at two
 * sizes parses axe's 650 kB once. (@axe-core/playwright loads it again for every scan, and
 * by default also into a blank page of its own to merge the results of frames; on a busy
 * 2-core machine that was most of a scan. Kring's pages have no frames.)
 */
async function violationsOf(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const { axe } = window as unknown as {
      axe: { run(context: Document, options: RunOptions): Promise<AxeResults> };
    };
    const { violations } = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations']
    });
    return violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' '))
    }));
  }, wcag22aa);
}

/** Fails with a readable list when axe finds WCAG 2.2 A/AA violations on the page. */
export async function expectAccessible(page: Page): Promise<void> {
  // Contrast is judged on what stays on screen, not on a note halfway through fading in.
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running')
  );
  const summary = (await violationsOf(page)).map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.targets.join(', ')}`
  );
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}
