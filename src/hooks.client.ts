import { getLocale } from '$lib/paraglide/runtime.js';

export function init(): void {
  // The shell is the same for every language; tell assistive tech which one is in use.
  document.documentElement.lang = getLocale();
}
