import { describe, expect, it } from 'vitest';
import { swot } from '../../src/lib/scripts/builtin/swot.ts';
import { warmStart } from '../../src/lib/scripts/builtin/warm-start.ts';
import {
  maxTemplateFileBytes,
  readTemplateFile,
  templateFileName,
  templateFileText
} from '../../src/lib/scripts/templateFile.ts';

describe('template files', () => {
  it('read back exactly what was written', () => {
    const check = readTemplateFile(templateFileText(warmStart));
    expect(check).toEqual({ ok: true, script: warmStart });
  });

  it('are named after the title, without accents or odd characters', () => {
    expect(templateFileName(swot, 'nl')).toBe('swot-analyse.kring.json');
    expect(templateFileName({ ...swot, title: { nl: 'Café één: “Lier” 🎉', en: 'x' } }, 'nl')).toBe(
      'cafe-een-lier.kring.json'
    );
    expect(templateFileName({ ...swot, title: { nl: '🎉', en: '🎉' } }, 'en')).toBe(
      'swot.kring.json'
    );
  });

  it('say when the file is not JSON or far too big', () => {
    expect(readTemplateFile('{ "schema": 1,')).toEqual({ ok: false, reason: 'notJson' });
    expect(readTemplateFile(' '.repeat(maxTemplateFileBytes + 1))).toEqual({
      ok: false,
      reason: 'tooBig'
    });
  });

  it('list each problem of a broken script with its field', () => {
    const broken = JSON.parse(templateFileText(swot)) as {
      steps: { title: { en: string }; minutes: number }[];
      schema: number;
    };
    broken.schema = 2;
    const [first, second] = broken.steps;
    if (!first || !second) throw new Error('swot has steps');
    first.title.en = '';
    second.minutes = 999;
    const check = readTemplateFile(JSON.stringify(broken));
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason === 'invalid' && check.problems).toEqual([
      { kind: 'invalid', field: 'schema', message: 'must be 1' },
      { kind: 'empty', field: 'steps.0.title.en' },
      { kind: 'tooLarge', field: 'steps.1.minutes', max: 240 }
    ]);
  });

  it('say that JSON with no script in it is not a script, rather than list its fields', () => {
    for (const text of ['[1, 2, 3]', '{"name":"kring","version":"1.0.0"}'])
      expect(readTemplateFile(text)).toEqual({ ok: false, reason: 'notScript' });
    // A script with mistakes is still read as one, so each mistake is named.
    const broken = readTemplateFile('{"schema":1,"steps":"stap 1"}');
    expect(!broken.ok && broken.reason === 'invalid' && broken.problems.length).toBeGreaterThan(0);
  });
});
