import type { Locale } from '../domain/locale.ts';

const regional: Record<Locale, string> = { nl: 'nl-BE', en: 'en-GB' };

/** A date and time as people in Flanders (or English readers) write it. */
export function formatDateTime(epochMs: number, locale: Locale): string {
  return new Intl.DateTimeFormat(regional[locale], {
    dateStyle: 'long',
    timeStyle: 'short'
  }).format(epochMs);
}
