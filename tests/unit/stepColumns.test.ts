import { describe, expect, it } from 'vitest';
import { principles } from '../../src/lib/scripts/cards.ts';
import { builtinScripts } from '../../src/lib/scripts/builtin/index.ts';
import { brainstormColumns } from '../../src/lib/scripts/stepColumns.ts';

const script = builtinScripts.find((s) => s.id === 'ontwerpprincipes');
const dynamic = script?.steps.find(
  (s) => s.activity.type === 'brainstorm' && s.activity.columnsFromPick
);
const swot = builtinScripts.find((s) => s.id === 'swot');
const quadrants = swot?.steps.find((s) => s.activity.type === 'brainstorm');

describe('brainstormColumns', () => {
  it('gives a script’s own columns in the asked language', () => {
    if (!swot || !quadrants) throw new Error('SWOT has a brainstorm');
    expect(brainstormColumns(swot, quadrants, 'en', () => []).map((c) => c.title)).toEqual([
      'Strengths',
      'Weaknesses',
      'Opportunities',
      'Threats'
    ]);
  });

  it('takes the most-picked cards of the earlier pick, in order of counts', () => {
    if (!script || !dynamic) throw new Error('the principles script brainstorms on its picks');
    const [a, b, c, d] = principles;
    const counts = [
      { cardId: c?.id ?? '', count: 5 },
      { cardId: a?.id ?? '', count: 3 },
      { cardId: d?.id ?? '', count: 3 },
      { cardId: b?.id ?? '', count: 0 }
    ];
    const columns = brainstormColumns(script, dynamic, 'nl', () => counts);
    expect(columns).toEqual([
      { id: c?.id, title: c?.title.nl },
      { id: a?.id, title: a?.title.nl },
      { id: d?.id, title: d?.title.nl }
    ]);
  });

  it('falls back on the first cards of the deck while nobody has picked', () => {
    if (!script || !dynamic) throw new Error('the principles script brainstorms on its picks');
    const columns = brainstormColumns(script, dynamic, 'en', () => []);
    expect(columns.map((column) => column.id)).toEqual(principles.slice(0, 3).map((p) => p.id));
  });
});
