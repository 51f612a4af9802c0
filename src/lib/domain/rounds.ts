import { characterCount, stripInvisible } from './text.ts';

export const defaultRoundLength = 80;

export type AnswerCheck =
  | { readonly ok: true; readonly answer: string }
  | { readonly ok: false; readonly error: 'empty' | 'tooLong'; readonly length: number };

/** Checks a round answer ("one word", a short sentence). */
export function checkAnswer(raw: string, maxLength = defaultRoundLength): AnswerCheck {
  const answer = stripInvisible(raw).replace(/\s+/g, ' ').trim();
  const length = characterCount(answer);
  if (length === 0) return { ok: false, error: 'empty', length };
  if (length > maxLength) return { ok: false, error: 'tooLong', length };
  return { ok: true, answer };
}

export interface CloudWord {
  readonly word: string;
  readonly count: number;
}

/**
 * Answers for a word cloud: the same answer counted once per person, compared without
 * case or surrounding punctuation; the most frequent first, then alphabetical.
 */
export function wordCloud(answers: Iterable<string>, locale: string): CloudWord[] {
  const counts = new Map<string, { word: string; count: number }>();
  for (const answer of answers) {
    const word = answer.trim().replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, '');
    if (!word) continue;
    const key = word.toLocaleLowerCase(locale);
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { word, count: 1 });
  }
  return [...counts.values()].sort(
    (a, b) => b.count - a.count || a.word.localeCompare(b.word, locale)
  );
}
