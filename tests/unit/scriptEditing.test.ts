import { describe, expect, it } from 'vitest';
import { builtinScripts } from '../../src/lib/scripts/builtin/index.ts';
import { ontwerpprincipes } from '../../src/lib/scripts/builtin/ontwerpprincipes.ts';
import { swot } from '../../src/lib/scripts/builtin/swot.ts';
import {
  activityTypes,
  addColumn,
  addStep,
  changeActivityType,
  copyScript,
  moveStep,
  removeColumn,
  removeStep,
  renameScript,
  setActivity,
  setColumnTitle,
  setMinutes,
  setScriptText,
  setStepText,
  type AddResult,
  type EditResult
} from '../../src/lib/scripts/editing.ts';
import { problemsOf } from '../../src/lib/scripts/problems.ts';
import { parseScript, type Activity, type Script } from '../../src/lib/scripts/schema.ts';

/** The script of an accepted edit; fails the test with the problems otherwise. */
function accepted(result: EditResult | AddResult): Script {
  expect(result.ok ? [] : result.problems).toEqual([]);
  if (!result.ok) throw new Error('refused');
  expect(parseScript(result.script).ok).toBe(true);
  return result.script;
}

function refused(result: EditResult | AddResult) {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

const ids = (script: Script) => script.steps.map((s) => s.id);
const stepOf = (script: Script, id: string) => script.steps.find((s) => s.id === id);

describe('copying a script', () => {
  it.each(builtinScripts.map((s) => [s.id, s] as const))(
    '%s copies to a valid script with a new id and a "(kopie)" title',
    (_, script) => {
      const copy = accepted(copyScript(script, 'mijn-kopie'));
      expect(copy.id).toBe('mijn-kopie');
      expect(copy.title).toEqual({
        nl: `${script.title.nl} (kopie)`,
        en: `${script.title.en} (copy)`
      });
      expect(copy.steps).toEqual(script.steps);
      // The copy is independent of the original.
      expect(copy.steps[0]).not.toBe(script.steps[0]);
    }
  );

  it('shortens a long title so the copy still fits', () => {
    const long = accepted(renameScript(swot, { nl: 'a'.repeat(120), en: 'b'.repeat(120) }));
    const copy = accepted(copyScript(long, 'kort'));
    expect(copy.title.nl).toHaveLength(120);
    expect(copy.title.nl.endsWith(' (kopie)')).toBe(true);
  });

  it('refuses an id the schema does not allow', () => {
    expect(refused(copyScript(swot, 'Met Hoofdletters'))).toMatchObject([
      { kind: 'invalid', field: 'id' }
    ]);
  });
});

describe('editing text', () => {
  it('renames in both languages', () => {
    const renamed = accepted(renameScript(swot, { nl: 'SWOT Lier', en: 'SWOT Lier (en)' }));
    expect(renamed.title).toEqual({ nl: 'SWOT Lier', en: 'SWOT Lier (en)' });
    expect(swot.title.nl).toBe('SWOT-analyse');
  });

  it('keeps text as typed, with a space at the end, and the schema trims it on save', () => {
    const edited = accepted(setStepText(swot, 'uitleg', 'prompt', 'nl', 'Welkom '));
    expect(stepOf(edited, 'uitleg')?.prompt).toEqual({
      nl: 'Welkom ',
      en: swot.steps[0]?.prompt.en
    });
    const saved = parseScript(edited);
    expect(saved.ok && saved.script.steps[0]?.prompt.nl).toBe('Welkom');
  });

  it('refuses an empty title or prompt and names the field', () => {
    expect(refused(setStepText(swot, 'swot', 'title', 'en', '   '))).toEqual([
      { kind: 'empty', field: 'steps.1.title.en' }
    ]);
    expect(refused(setScriptText(swot, 'summary', 'nl', ''))).toEqual([
      { kind: 'empty', field: 'summary.nl' }
    ]);
  });

  it('allows empty facilitator notes but not endless ones', () => {
    accepted(setStepText(swot, 'swot', 'facilitatorNotes', 'nl', ''));
    expect(refused(setStepText(swot, 'swot', 'facilitatorNotes', 'nl', 'x'.repeat(4001)))).toEqual([
      { kind: 'tooLong', field: 'steps.1.facilitatorNotes.nl', max: 4000 }
    ]);
  });

  it('checks minutes against the schema limits', () => {
    expect(stepOf(accepted(setMinutes(swot, 'swot', 30)), 'swot')?.minutes).toBe(30);
    expect(refused(setMinutes(swot, 'swot', 0))).toEqual([
      { kind: 'tooSmall', field: 'steps.1.minutes', min: 1 }
    ]);
    expect(refused(setMinutes(swot, 'swot', 241))).toEqual([
      { kind: 'tooLarge', field: 'steps.1.minutes', max: 240 }
    ]);
    expect(refused(setMinutes(swot, 'swot', 2.5))).toEqual([
      { kind: 'notWhole', field: 'steps.1.minutes' }
    ]);
    expect(refused(setMinutes(swot, 'swot', Number.NaN))).toEqual([
      { kind: 'notNumber', field: 'steps.1.minutes' }
    ]);
  });

  it('says which step is unknown', () => {
    expect(refused(setMinutes(swot, 'nope', 5))).toEqual([
      { kind: 'unknownStep', field: 'steps', id: 'nope' }
    ]);
  });
});

describe('moving steps', () => {
  it('moves a step up and down', () => {
    const down = accepted(moveStep(swot, 'uitleg', 1));
    expect(ids(down).slice(0, 2)).toEqual(['swot', 'uitleg']);
    const back = accepted(moveStep(down, 'uitleg', -1));
    expect(back).toEqual(swot);
  });

  it('refuses to move past either end', () => {
    expect(refused(moveStep(swot, 'uitleg', -1))).toEqual([{ kind: 'atEdge', field: 'steps.0' }]);
    expect(refused(moveStep(swot, 'volgende-stappen', 1))).toEqual([
      { kind: 'atEdge', field: 'steps.5' }
    ]);
  });

  it('keeps a cluster after the brainstorm it groups', () => {
    const moved = accepted(moveStep(swot, 'verduidelijken', 1));
    expect(ids(moved).slice(1, 3)).toEqual(['swot', 'bundelen']);
    expect(refused(moveStep(moved, 'bundelen', -1))).toEqual([
      { kind: 'mustFollow', field: 'steps.2', step: 'bundelen', source: 'swot' }
    ]);
    expect(refused(moveStep(moved, 'swot', 1))).toEqual([
      { kind: 'mustFollow', field: 'steps.1', step: 'bundelen', source: 'swot' }
    ]);
  });

  it('keeps columns from a pick after the pick', () => {
    expect(refused(moveStep(ontwerpprincipes, 'aanpakken', -1))).toEqual([
      { kind: 'mustFollow', field: 'steps.5', step: 'aanpakken', source: 'principe-kiezen' }
    ]);
  });
});

describe('adding steps', () => {
  it.each(activityTypes)('adds a %s step with defaults that pass the schema', (type) => {
    const result = addStep(swot, type, 'stemmen');
    const script = accepted(result);
    const index = ids(script).indexOf('stemmen') + 1;
    const step = script.steps[index];
    expect(result.ok && result.stepId).toBe(step?.id);
    expect(step?.activity.type).toBe(type);
    expect(step?.title.nl.trim()).not.toBe('');
    expect(step?.title.en.trim()).not.toBe('');
    expect(step?.prompt.nl.trim()).not.toBe('');
    expect(step?.prompt.en.trim()).not.toBe('');
  });

  it('adds at the end without a position, with a fresh step id', () => {
    const once = accepted(addStep(swot, 'round'));
    const twice = accepted(addStep(once, 'round'));
    expect(ids(twice).slice(-2)).toEqual(['stap-1', 'stap-2']);
    expect(stepOf(twice, 'stap-1')?.activity).toEqual({ type: 'round', display: 'list' });
  });

  it('points a new vote or cluster at the nearest earlier brainstorm', () => {
    const script = accepted(addStep(swot, 'vote', 'volgende-stappen'));
    expect(script.steps.at(-1)?.activity).toEqual({
      type: 'vote',
      source: 'swot',
      dots: 3,
      maxPerItem: 1
    });
  });

  it('refuses a vote or cluster with no brainstorm before it', () => {
    expect(refused(addStep(swot, 'cluster', 'uitleg'))).toEqual([
      { kind: 'needsEarlier', field: 'steps', needs: 'brainstorm' }
    ]);
  });

  it('stops at the schema limit of 40 steps', () => {
    let script = swot;
    while (script.steps.length < 40) script = accepted(addStep(script, 'info'));
    expect(refused(addStep(script, 'info'))).toEqual([
      { kind: 'tooMany', field: 'steps', max: 40 }
    ]);
  });
});

describe('removing steps', () => {
  it('removes a step nothing depends on', () => {
    const script = accepted(removeStep(swot, 'verduidelijken'));
    expect(ids(script)).not.toContain('verduidelijken');
    expect(script.steps).toHaveLength(swot.steps.length - 1);
  });

  it('refuses to remove a brainstorm that a cluster and a vote work on', () => {
    expect(refused(removeStep(swot, 'swot'))).toEqual([
      { kind: 'usedBy', field: 'steps.1', steps: ['verduidelijken', 'bundelen', 'stemmen'] }
    ]);
  });

  it('refuses to remove the pick that gives a brainstorm its columns', () => {
    expect(refused(removeStep(ontwerpprincipes, 'principe-kiezen'))).toEqual([
      { kind: 'usedBy', field: 'steps.4', steps: ['aanpakken'] }
    ]);
  });

  it('works once the dependent steps are gone', () => {
    let script = accepted(removeStep(swot, 'stemmen'));
    script = accepted(removeStep(script, 'bundelen'));
    // "Reveal and clarify" shows the brainstorm's board: it goes first, or loses its board.
    script = accepted(setActivity(script, 'verduidelijken', { type: 'info' }));
    script = accepted(removeStep(script, 'swot'));
    expect(ids(script)).toEqual(['uitleg', 'verduidelijken', 'volgende-stappen']);
  });

  it('keeps the last step', () => {
    let script = swot;
    for (const id of ['stemmen', 'bundelen', 'verduidelijken', 'swot', 'volgende-stappen'])
      script = accepted(removeStep(script, id));
    expect(refused(removeStep(script, 'uitleg'))).toEqual([{ kind: 'lastStep', field: 'steps' }]);
  });
});

describe('editing activities', () => {
  const brainstorm = swot.steps[1]?.activity as Extract<Activity, { type: 'brainstorm' }>;

  it('changes brainstorm options and drops a cleared limit', () => {
    const limited = accepted(
      setActivity(swot, 'swot', {
        ...brainstorm,
        hidden: false,
        maxNotesPerPerson: 5,
        maxLength: 80
      })
    );
    expect(stepOf(limited, 'swot')?.activity).toMatchObject({
      hidden: false,
      maxNotesPerPerson: 5
    });
    const cleared = accepted(
      setActivity(limited, 'swot', { ...brainstorm, hidden: false, maxLength: undefined })
    );
    expect(Object.keys(stepOf(cleared, 'swot')?.activity ?? {})).not.toContain('maxLength');
  });

  it('checks option limits from the schema', () => {
    expect(refused(setActivity(swot, 'swot', { ...brainstorm, maxLength: 5 }))).toEqual([
      { kind: 'tooSmall', field: 'steps.1.activity.maxLength', min: 10 }
    ]);
  });

  it('adds, renames and removes columns, keeping at least one and at most eight', () => {
    let script = accepted(addColumn(swot, 'swot'));
    const activity = () => stepOf(script, 'swot')?.activity as typeof brainstorm;
    expect(activity().columns.at(-1)).toEqual({
      id: 'kolom-1',
      title: { nl: 'Vak 5', en: 'Column 5' }
    });
    script = accepted(setColumnTitle(script, 'swot', 'kolom-1', 'en', 'Dreams'));
    expect(activity().columns.at(-1)?.title.en).toBe('Dreams');
    expect(refused(setColumnTitle(script, 'swot', 'kolom-1', 'nl', ''))).toEqual([
      { kind: 'empty', field: 'steps.1.activity.columns.4.title.nl' }
    ]);
    for (let i = 0; i < 3; i++) script = accepted(addColumn(script, 'swot'));
    expect(refused(addColumn(script, 'swot'))).toEqual([
      { kind: 'tooMany', field: 'steps.1.activity.columns', max: 8 }
    ]);
    for (const column of activity().columns.slice(1))
      script = accepted(removeColumn(script, 'swot', column.id));
    expect(refused(removeColumn(script, 'swot', 'sterktes'))).toEqual([
      { kind: 'needsColumn', field: 'steps.1.activity.columns' }
    ]);
  });

  it('keeps a vote within its dots and a pick below the size of its deck', () => {
    expect(
      refused(
        setActivity(swot, 'stemmen', { type: 'vote', source: 'swot', dots: 2, maxPerItem: 3 })
      )
    ).toEqual([{ kind: 'tooLarge', field: 'steps.4.activity.maxPerItem', max: 2 }]);
    expect(
      refused(
        setActivity(ontwerpprincipes, 'principe-kiezen', { type: 'pick', cards: 'roles', max: 5 })
      )
    ).toEqual([{ kind: 'tooLarge', field: 'steps.4.activity.max', max: 4 }]);
  });

  it('lets a vote work only on an earlier brainstorm', () => {
    expect(
      refused(
        setActivity(swot, 'stemmen', { type: 'vote', source: 'uitleg', dots: 3, maxPerItem: 1 })
      )
    ).toEqual([{ kind: 'needsEarlier', field: 'steps.4.activity.source', needs: 'brainstorm' }]);
  });

  it('changes the activity type with that type’s defaults', () => {
    const script = accepted(changeActivityType(swot, 'verduidelijken', 'round'));
    expect(stepOf(script, 'verduidelijken')?.activity).toEqual({ type: 'round', display: 'list' });
    expect(accepted(changeActivityType(swot, 'swot', 'brainstorm'))).toBe(swot);
  });

  it('refuses to change a step that later steps work on, or a vote with nothing to vote on', () => {
    expect(refused(changeActivityType(swot, 'swot', 'info'))).toEqual([
      {
        kind: 'usedBy',
        field: 'steps.1.activity.type',
        steps: ['verduidelijken', 'bundelen', 'stemmen']
      }
    ]);
    expect(refused(changeActivityType(swot, 'uitleg', 'vote'))).toEqual([
      { kind: 'needsEarlier', field: 'steps.0.activity.type', needs: 'brainstorm' }
    ]);
  });

  it('switches a brainstorm between fixed columns and columns from an earlier pick', () => {
    const fromPick = stepOf(ontwerpprincipes, 'aanpakken')?.activity as typeof brainstorm;
    const fixed = accepted(
      setActivity(ontwerpprincipes, 'aanpakken', {
        ...fromPick,
        columns: [{ id: 'ideeen', title: { nl: 'Ideeën', en: 'Ideas' } }],
        columnsFromPick: undefined
      })
    );
    expect(stepOf(fixed, 'aanpakken')?.activity).not.toHaveProperty('columnsFromPick');
    // Now the pick is used by nobody and can go.
    accepted(removeStep(fixed, 'principe-kiezen'));
    const back = accepted(setActivity(fixed, 'aanpakken', { ...fromPick, columns: [] }));
    expect(back).toEqual(ontwerpprincipes);
    expect(
      refused(
        setActivity(ontwerpprincipes, 'uitdagingen', {
          ...fromPick,
          columnsFromPick: { step: 'principe-kiezen', top: 2 }
        })
      )
    ).toEqual([
      { kind: 'needsEarlier', field: 'steps.1.activity.columnsFromPick.step', needs: 'pick' }
    ]);
  });
});

describe('problemsOf', () => {
  it('finds nothing wrong with the built-in scripts', () => {
    for (const script of builtinScripts) expect(problemsOf(script), script.id).toEqual([]);
  });

  it('names the field of every problem in a broken file', () => {
    const broken = structuredClone(swot) as unknown as {
      steps: { id: string; minutes: unknown; title: { nl: string } }[];
      title: unknown;
    };
    broken.title = 'SWOT';
    const [first, second] = broken.steps;
    if (!first || !second) throw new Error('swot has steps');
    first.minutes = 'vijf';
    second.id = 'uitleg';
    expect(problemsOf(broken).map((p) => `${p.field} ${p.kind}`)).toEqual([
      'title invalid',
      'steps.0.minutes notNumber'
    ]);
  });

  it('reports duplicate step ids and references that point forward', () => {
    const script = structuredClone(swot) as Script;
    const steps = script.steps as Script['steps'][number][];
    [steps[1], steps[4]] = [steps[4]!, steps[1]!];
    (steps[2] as { id: string }).id = 'uitleg';
    expect(problemsOf(script)).toEqual([
      { kind: 'duplicateId', field: 'steps.2.id', id: 'uitleg' },
      { kind: 'needsEarlier', field: 'steps.1.activity.source', needs: 'brainstorm' },
      // The board of "reveal and clarify" (renamed 'uitleg': found as the first 'uitleg').
      { kind: 'needsEarlier', field: 'steps.0.activity.board', needs: 'brainstorm' },
      { kind: 'needsEarlier', field: 'steps.3.activity.source', needs: 'brainstorm' }
    ]);
  });
});
