import type { Locale } from '../domain/locale.ts';

/*
 * Small text rules shared by the export formats.
 */

const regional: Record<Locale, string> = { nl: 'nl-BE', en: 'en-GB' };

/** A date as people write it ("12 maart 2025"). */
export function formatDate(epochMs: number, locale: Locale, timeZone?: string): string {
  return new Intl.DateTimeFormat(regional[locale], { dateStyle: 'long', timeZone }).format(epochMs);
}

// Making a DateTimeFormat costs far more than using one: a spreadsheet of 1,000 ideas reuses it.
const timestampFormats = new Map<string, Intl.DateTimeFormat>();

/** "2025-03-12 10:15": a moment spreadsheets read as a date and time, in the given time zone. */
export function formatTimestamp(epochMs: number, timeZone?: string): string {
  const key = timeZone ?? '';
  let format = timestampFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23'
    });
    timestampFormats.set(key, format);
  }
  const parts = format.formatToParts(epochMs);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

// Characters XML 1.0 does not allow at all (C0 controls but tab and newlines, lone
// surrogates, U+FFFE/U+FFFF). Notes are cleaned when written, but a peer can write anything.
// eslint-disable-next-line no-control-regex -- these are exactly what the rule is about
const notXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|\p{Cs}/gu;

/** Text that can go into an XML document (SVG, DOCX). */
export function xmlSafe(text: string): string {
  return text.replace(notXml, '');
}

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return xmlSafe(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

// Strong right-to-left letters: Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms.
const rtlLetter =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
const strongLetter = /\p{L}/u;

/**
 * Whether text reads right to left, judged by its first strong letter (what
 * `unicode-bidi: plaintext` does on screen).
 */
export function isRightToLeft(text: string): boolean {
  for (const char of text) {
    if (rtlLetter.test(char)) return true;
    if (strongLetter.test(char)) return false;
  }
  return false;
}

/** A file name part from a title: lowercase ASCII letters, digits and dashes. */
export function slug(text: string, fallback: string): string {
  const result = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return result || fallback;
}
