import { getLocale } from '$lib/paraglide/runtime.js';
import { skipRepeatedSaveOnLeave } from '$lib/ui/leavingPage.ts';

export function init(): void {
  // The shell is the same for every language; tell assistive tech which one is in use.
  document.documentElement.lang = getLocale();
  skipRepeatedSaveOnLeave();
}
