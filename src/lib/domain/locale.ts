/** The languages Kring speaks; Dutch (Flemish usage) first. */
export const locales = ['nl', 'en'] as const;
export type Locale = (typeof locales)[number];

/** A piece of product text in every language Kring supports. */
export type Localized = Readonly<Record<Locale, string>>;

/** Picks the text for a locale. */
export function localize(text: Localized, locale: Locale): string {
  return text[locale];
}
