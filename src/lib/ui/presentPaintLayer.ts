/*
 * The present screen's first paint on the page (ui/presentPaintScript.ts puts it there): on
 * its own, without imports, as every page's error screen removes it too.
 */

/** Removes the first paint (the live screen under it is drawn). */
export function handOver(): void {
  document.getElementById('present-paint')?.remove();
  document.getElementById('present-paint-styles')?.remove();
}
