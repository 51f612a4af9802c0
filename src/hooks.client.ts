import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime.js';
import { skipRepeatedSaveOnLeave } from '$lib/ui/leavingPage.ts';

export function init(): void {
  // The language stays the same for the page's life (choosing another reloads the page), yet
  // Paraglide works it out again (the page's URL, then localStorage) for every message shown:
  // twice per idea on a full board, 15-45 ms of reopening one of 1,000 ideas (traced).
  const locale = getLocale();
  overwriteGetLocale(() => locale);
  // The shell is the same for every language; tell assistive tech which one is in use.
  document.documentElement.lang = locale;
  skipRepeatedSaveOnLeave();
}
