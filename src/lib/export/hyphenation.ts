import english from 'hyphen/en-gb/index.js';
import dutch from 'hyphen/nl/index.js';
import type { Locale } from '../domain/locale.ts';

/*
 * Where a long word may be split with a hyphen, from the TeX hyphenation patterns for
 * Dutch and British English (Liang's algorithm, through the `hyphen` package): so a board
 * picture splits "Ervaringsdeskundigen" as "Ervarings-deskundigen", never mid-syllable.
 */

/** Positions inside a word after which it may be split (a hyphen is added there). */
export type Hyphenator = (word: string) => number[];

const languages = { nl: dutch, en: english } as const;
const marker = '\u00ad';

/** The hyphenation points of words in a language. */
export function hyphenatorFor(locale: Locale): Hyphenator {
  const language = languages[locale];
  return (word) => {
    const marked = language.hyphenateSync(word, { hyphenChar: marker, minWordLength: 5 });
    const points: number[] = [];
    let position = 0;
    for (const char of marked) {
      if (char === marker) points.push(position);
      else position += char.length;
    }
    return points;
  };
}
