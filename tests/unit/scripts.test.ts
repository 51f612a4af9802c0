import { describe, expect, it } from 'vitest';
import { locales } from '../../src/lib/domain/locale.ts';
import { builtinScripts } from '../../src/lib/scripts/builtin/index.ts';
import { cardsOf } from '../../src/lib/scripts/cards.ts';
import { scriptCatalog } from '../../src/lib/scripts/catalog.ts';
import { parseScript, type Script, type Step } from '../../src/lib/scripts/schema.ts';

const totalMinutes = (script: Script) => script.steps.reduce((sum, s) => sum + s.minutes, 0);

describe('built-in scripts', () => {
  it('are the catalog scripts, in catalog order, with the same titles and summaries', () => {
    expect(builtinScripts.map((s) => s.id)).toEqual(scriptCatalog.map((s) => s.id));
    for (const [index, script] of builtinScripts.entries()) {
      expect(script.title).toEqual(scriptCatalog[index]?.title);
      expect(script.summary).toEqual(scriptCatalog[index]?.summary);
    }
  });

  describe.each(builtinScripts.map((script) => [script.id, script] as const))('%s', (_, script) => {
    it('passes the schema unchanged', () => {
      const raw: unknown = JSON.parse(JSON.stringify(script));
      const check = parseScript(raw);
      expect(check.ok ? [] : check.problems).toEqual([]);
      if (check.ok) expect(check.script).toEqual(script);
    });

    it('has unique step ids', () => {
      const ids = script.steps.map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('has a title, a prompt and facilitator notes in every language for every step', () => {
      for (const step of script.steps) {
        for (const locale of locales) {
          const where = `${step.id} ${locale}`;
          expect(step.title[locale].trim(), where).not.toBe('');
          expect(step.prompt[locale].trim(), where).not.toBe('');
          expect(step.facilitatorNotes[locale].trim(), where).not.toBe('');
        }
      }
    });

    it('votes on and clusters an earlier brainstorm', () => {
      for (const [index, step] of script.steps.entries()) {
        const { activity } = step;
        if (activity.type !== 'vote' && activity.type !== 'cluster') continue;
        const source = script.steps.slice(0, index).find((s) => s.id === activity.source);
        expect(source?.activity.type, step.id).toBe('brainstorm');
      }
    });

    it('picks from an existing deck, and builds dynamic columns from an earlier pick', () => {
      for (const [index, step] of script.steps.entries()) {
        const { activity } = step;
        if (activity.type === 'pick') {
          expect(['principles', 'roles'], step.id).toContain(activity.cards);
          expect(activity.max, step.id).toBeGreaterThanOrEqual(1);
          expect(activity.max, step.id).toBeLessThanOrEqual(3);
          expect(cardsOf(activity.cards).length, step.id).toBeGreaterThan(activity.max);
        }
        if (activity.type === 'brainstorm') {
          const columnIds = activity.columns.map((c) => c.id);
          expect(new Set(columnIds).size, step.id).toBe(columnIds.length);
          if (activity.columnsFromPick) {
            const { step: pickId } = activity.columnsFromPick;
            const pick = script.steps.slice(0, index).find((s) => s.id === pickId);
            expect(pick?.activity.type, step.id).toBe('pick');
          } else {
            expect(columnIds.length, step.id).toBeGreaterThan(0);
          }
        }
        if (activity.type === 'vote') {
          expect(activity.maxPerItem, step.id).toBeLessThanOrEqual(activity.dots);
        }
      }
    });

    it('fits in the length of the meeting', () => {
      const meeting = scriptCatalog.find((s) => s.id === script.id)?.minutes ?? 0;
      expect(totalMinutes(script)).toBeLessThanOrEqual(meeting);
      expect(totalMinutes(script)).toBeGreaterThanOrEqual(meeting * 0.85);
    });
  });

  it('gives the warm start about two hours', () => {
    const warm = builtinScripts.find((s) => s.id === 'warm-start');
    expect(warm && totalMinutes(warm)).toBeGreaterThanOrEqual(105);
    expect(warm && totalMinutes(warm)).toBeLessThanOrEqual(120);
  });

  it('lets work site 4 reflect on the five roles', () => {
    const werf4 = builtinScripts.find((s) => s.id === 'werf-4-samenwerking');
    const picks = werf4?.steps.filter((s) => s.activity.type === 'pick') ?? [];
    expect(picks.map((s) => s.activity)).toContainEqual(
      expect.objectContaining({ cards: 'roles' })
    );
  });

  it('brainstorms under the most-picked principles in the design principles script', () => {
    const script = builtinScripts.find((s) => s.id === 'ontwerpprincipes');
    const pick = script?.steps.find((s) => s.activity.type === 'pick');
    expect(pick?.activity).toMatchObject({ cards: 'principles' });
    const dynamic = script?.steps.find(
      (s) => s.activity.type === 'brainstorm' && s.activity.columnsFromPick
    );
    expect(dynamic?.activity).toMatchObject({
      columns: [],
      columnsFromPick: { step: pick?.id, top: 3 }
    });
  });

  it('writes the SWOT in silence, in four quadrants', () => {
    const script = builtinScripts.find((s) => s.id === 'swot');
    const brainstorm = script?.steps.find((s) => s.activity.type === 'brainstorm');
    expect(brainstorm?.activity).toMatchObject({
      hidden: true,
      anonymous: true,
      columns: [
        { title: { nl: 'Sterktes', en: 'Strengths' } },
        { title: { nl: 'Zwaktes', en: 'Weaknesses' } },
        { title: { nl: 'Kansen', en: 'Opportunities' } },
        { title: { nl: 'Bedreigingen', en: 'Threats' } }
      ]
    });
  });
});

describe('script schema', () => {
  const step = (id: string, activity: Step['activity']): Step => ({
    id,
    title: { nl: `Stap ${id}`, en: `Step ${id}` },
    prompt: { nl: 'Wat denk jij?', en: 'What do you think?' },
    facilitatorNotes: { nl: '', en: '' },
    minutes: 5,
    activity
  });

  /** A small valid template, as it would come from a file: plain JSON data. */
  const template = (): Record<string, unknown> & { steps: Record<string, unknown>[] } =>
    JSON.parse(
      JSON.stringify({
        schema: 1,
        id: 'mijn-sjabloon',
        title: { nl: 'Mijn sjabloon', en: 'My template' },
        summary: { nl: 'Een korte sessie.', en: 'A short session.' },
        steps: [
          step('uitleg', { type: 'info' }),
          step('ideeen', {
            type: 'brainstorm',
            columns: [{ id: 'ideeen', title: { nl: 'Ideeën', en: 'Ideas' } }],
            anonymous: true,
            hidden: false
          }),
          step('stemmen', { type: 'vote', source: 'ideeen', dots: 3, maxPerItem: 2 })
        ]
      } satisfies Script)
    );

  const problemsOf = (data: unknown): string[] => {
    const check = parseScript(data);
    return check.ok ? [] : check.problems;
  };

  it('accepts a valid template', () => {
    expect(parseScript(template()).ok).toBe(true);
  });

  it('names a missing field', () => {
    const data = template();
    delete data.steps[1]?.title;
    expect(problemsOf(data).some((p) => p.startsWith('steps.1.title:'))).toBe(true);
  });

  it('names a field of the wrong type', () => {
    const data = template();
    data.steps[0] = { ...data.steps[0], minutes: '5' };
    expect(problemsOf(data).some((p) => p.startsWith('steps.0.minutes:'))).toBe(true);
  });

  it('names empty text in one language', () => {
    const data = template();
    data.steps[2] = { ...data.steps[2], prompt: { nl: 'Kies.', en: '   ' } };
    expect(problemsOf(data)).toContain('steps.2.prompt.en: must not be empty');
  });

  it('names an unknown activity type', () => {
    const data = template();
    data.steps[0] = { ...data.steps[0], activity: { type: 'quiz' } };
    expect(problemsOf(data).some((p) => p.startsWith('steps.0.activity.type:'))).toBe(true);
  });

  it('refuses a vote whose source comes later', () => {
    const data = template();
    data.steps = [data.steps[0], data.steps[2], data.steps[1]].filter((s) => s !== undefined);
    expect(problemsOf(data)).toEqual([
      'steps: an activity refers to a step that does not come before it'
    ]);
  });

  it('refuses a vote on something that is not a brainstorm', () => {
    const data = template();
    data.steps[2] = { ...data.steps[2], activity: { type: 'cluster', source: 'uitleg' } };
    expect(problemsOf(data)).toEqual([
      'steps: an activity refers to a step that does not come before it'
    ]);
  });

  it('refuses dynamic columns without an earlier pick', () => {
    const data = template();
    data.steps[1] = {
      ...data.steps[1],
      activity: {
        type: 'brainstorm',
        columns: [],
        columnsFromPick: { step: 'kiezen', top: 3 },
        anonymous: true,
        hidden: false
      }
    };
    expect(problemsOf(data)).toEqual([
      'steps: an activity refers to a step that does not come before it'
    ]);
  });

  it('refuses duplicate step ids', () => {
    const data = template();
    data.steps[0] = { ...data.steps[0], id: 'stemmen' };
    expect(problemsOf(data)).toEqual(['steps: two steps have the same id']);
  });

  it('refuses another schema version', () => {
    const data = { ...template(), schema: 2 };
    expect(problemsOf(data)).toEqual(['schema: must be 1']);
  });

  it('refuses unknown fields and unknown decks', () => {
    const data = template();
    data.steps[0] = { ...data.steps[0], activity: { type: 'pick', cards: 'emoties', max: 1 } };
    data.steps[1] = { ...data.steps[1], colour: 'red' };
    const problems = problemsOf(data);
    expect(problems.some((p) => p.startsWith('steps.0.activity.cards:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('steps.1.colour:'))).toBe(true);
  });
});
