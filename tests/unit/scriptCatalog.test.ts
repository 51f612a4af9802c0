import { describe, expect, it } from 'vitest';
import { locales } from '../../src/lib/domain/locale.ts';
import { findScript, scriptCatalog } from '../../src/lib/scripts/catalog.ts';

describe('script catalog', () => {
  it('offers the seven scripts with unique ids', () => {
    expect(scriptCatalog).toHaveLength(7);
    expect(new Set(scriptCatalog.map((s) => s.id)).size).toBe(7);
  });

  it('names and describes every script in every language', () => {
    for (const script of scriptCatalog) {
      for (const locale of locales) {
        expect(script.title[locale].trim(), `${script.id} ${locale}`).not.toBe('');
        expect(script.summary[locale].trim(), `${script.id} ${locale}`).not.toBe('');
      }
    }
  });

  it('finds a script by id', () => {
    expect(findScript('swot')?.title.nl).toBe('SWOT-analyse');
    expect(findScript('nope')).toBeUndefined();
  });
});
