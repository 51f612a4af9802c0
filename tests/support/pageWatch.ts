import type { Page } from '@playwright/test';

/** One text an element showed, and when (the page's clock: this machine's). */
export interface Sample {
  readonly text: string | null;
  readonly at: number;
}

interface Watched {
  kringWatch?: Record<string, Sample[]>;
}

/**
 * Records every text the first element matching `selector` shows from now on (or, with
 * `attribute`, every value of that attribute): a MutationObserver in the page samples it on
 * each change of the page, so a test sees each value a screen showed without sleeping or
 * polling. Returns a function that reads the samples so far (the page must not navigate
 * meanwhile).
 */
export async function watchText(
  page: Page,
  selector: string,
  attribute?: string
): Promise<() => Promise<readonly Sample[]>> {
  const name = `${selector}#${Math.random()}`;
  await page.evaluate(
    ({ name, selector, attribute }) => {
      const store = ((globalThis as Watched).kringWatch ??= {});
      const samples: Sample[] = (store[name] = []);
      const sample = (): void => {
        const element = document.querySelector(selector);
        const text =
          (attribute ? element?.getAttribute(attribute) : element?.textContent?.trim()) ?? null;
        if (samples.at(-1)?.text !== text) samples.push({ text, at: Date.now() });
      };
      sample();
      new MutationObserver(sample).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: attribute !== undefined
      });
    },
    { name, selector, attribute }
  );
  return () => page.evaluate((name) => (globalThis as Watched).kringWatch?.[name] ?? [], name);
}
