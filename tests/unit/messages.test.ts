import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { locales } from '../../src/lib/domain/locale.ts';

const load = (locale: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../messages/${locale}.json`, import.meta.url), 'utf8'));

const placeholders = (value: unknown): string[] =>
  [...JSON.stringify(value).matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();

describe('UI messages', () => {
  const [base, ...others] = locales;
  const baseMessages = load(base);

  it.each(others)('%s has exactly the keys and placeholders of Dutch', (locale) => {
    const messages = load(locale);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(baseMessages).sort());
    for (const key of Object.keys(baseMessages)) {
      expect(placeholders(messages[key]), key).toEqual(placeholders(baseMessages[key]));
    }
  });

  it.each(locales)('%s has no empty message', (locale) => {
    for (const [key, value] of Object.entries(load(locale))) {
      if (key === '$schema') continue;
      expect(JSON.stringify(value).replace(/"/g, '').trim(), key).not.toBe('');
    }
  });
});
