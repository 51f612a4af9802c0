/*
 * Text that fills its box on the projector: the largest font size (in whole pixels, between
 * `min` and `max`) at which the element's content neither overflows its height nor its
 * width; at `min`, words that are still too wide break. The element's box must come from the
 * layout (a grid cell, a fixed height), not from its content, or a bigger font would only
 * make a bigger box.
 */

export interface FitOptions {
  readonly min: number;
  readonly max: number;
  /** Leave the text at its own size (a component used on the projector and elsewhere). */
  readonly off?: boolean | undefined;
}

function overflows(node: HTMLElement): boolean {
  return node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1;
}

/** Sets the largest font size that fits; returns it. */
export function fitFontSize(node: HTMLElement, { min, max }: FitOptions): number {
  node.style.removeProperty('overflow-wrap');
  let low = Math.ceil(min);
  let high = Math.floor(max);
  // Most text fits at the largest size: one layout instead of a search (each step forces a
  // layout of the page; a phone's column choice paid ~4 per column at mount).
  node.style.fontSize = `${high}px`;
  if (!overflows(node)) return high;
  high -= 1;
  let best = low;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    node.style.fontSize = `${middle}px`;
    if (overflows(node)) high = middle - 1;
    else {
      best = middle;
      low = middle + 1;
    }
  }
  node.style.fontSize = `${best}px`;
  // Not even the smallest size fits: a long word breaks rather than being cut off.
  if (overflows(node)) node.style.overflowWrap = 'anywhere';
  return best;
}

/** Svelte action: keeps the element's text as large as fits, as its box and content change. */
export function fitText(node: HTMLElement, options: FitOptions) {
  let current = options;
  let frame = 0;
  const run = (): void => {
    frame = 0;
    if (current.off) node.style.removeProperty('font-size');
    else fitFontSize(node, current);
  };
  const schedule = (): void => {
    if (frame === 0) frame = requestAnimationFrame(run);
  };
  const resize = new ResizeObserver(schedule);
  resize.observe(node);
  const mutations = new MutationObserver(schedule);
  mutations.observe(node, { childList: true, subtree: true, characterData: true });
  // The first fit too waits for the frame (still before its paint): run at mount, each element
  // forced a layout of a screen still being built (hundreds of ideas on the laptop's screens;
  // on a phone at 4x CPU the idea form's column names cost ~100 ms before the form showed).
  schedule();
  return {
    update(next: FitOptions): void {
      current = next;
      schedule();
    },
    destroy(): void {
      resize.disconnect();
      mutations.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
    }
  };
}
