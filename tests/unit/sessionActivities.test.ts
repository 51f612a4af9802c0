import { describe, expect, it } from 'vitest';
import { checkAction } from '../../src/lib/domain/actions.ts';
import type { Note } from '../../src/lib/domain/board.ts';
import { groupByCluster, voteItems, type Cluster } from '../../src/lib/domain/clusters.ts';
import { countPicks, togglePick, topPicked, validPicks } from '../../src/lib/domain/picks.ts';
import { checkAnswer, wordCloud } from '../../src/lib/domain/rounds.ts';
import { addDot, dotsLeft, removeDot, tally, validBallot } from '../../src/lib/domain/votes.ts';

const rules = { dots: 3, maxPerItem: 2 };
const items = ['a', 'b', 'c'];

describe('votes', () => {
  it('spends dots within the total and the per-item maximum', () => {
    let ballot = {};
    for (const item of ['a', 'a']) {
      const result = addDot(ballot, item, rules, items);
      expect(result.ok).toBe(true);
      if (result.ok) ballot = result.ballot;
    }
    expect(addDot(ballot, 'a', rules, items)).toEqual({ ok: false, reason: 'itemFull' });
    const third = addDot(ballot, 'b', rules, items);
    if (!third.ok) throw new Error('third dot refused');
    ballot = third.ballot;
    expect(dotsLeft(ballot, rules)).toBe(0);
    expect(addDot(ballot, 'c', rules, items)).toEqual({ ok: false, reason: 'noDotsLeft' });
    expect(addDot({}, 'zzz', rules, items)).toEqual({ ok: false, reason: 'unknownItem' });
    expect(removeDot(removeDot(ballot, 'a'), 'a')).toEqual({ b: 1 });
  });

  it('counts a modified client’s ballot no more than an honest one could', () => {
    expect(validBallot({ a: 50, b: -1, c: 1.5, zzz: 2 }, rules, items)).toEqual({ a: 2 });
    expect(validBallot({ a: 2, b: 2, c: 2 }, rules, items)).toEqual({ a: 2, b: 1 });
    expect(validBallot('nope', rules, items)).toEqual({});
  });

  it('ranks by dots, then voters, then the items’ order', () => {
    const rows = tally([{ a: 1, c: 2 }, { b: 2 }, { a: 1 }, 'garbage'], rules, items);
    expect(rows).toEqual([
      { itemId: 'a', dots: 2, voters: 2 },
      { itemId: 'b', dots: 2, voters: 1 },
      { itemId: 'c', dots: 2, voters: 1 }
    ]);
  });
});

describe('picks', () => {
  it('toggles cards up to the maximum; with one allowed, a new pick replaces the old', () => {
    expect(togglePick([], 'x', 2)).toEqual({ ok: true, picked: ['x'] });
    expect(togglePick(['x', 'y'], 'z', 2)).toEqual({ ok: false, reason: 'tooMany' });
    expect(togglePick(['x', 'y'], 'x', 2)).toEqual({ ok: true, picked: ['y'] });
    expect(togglePick(['x'], 'y', 1)).toEqual({ ok: true, picked: ['y'] });
  });

  it('counts valid picks only and finds the most picked', () => {
    expect(validPicks(['x', 'x', 'nope', 'y', 'z'], ['x', 'y', 'z'], 2)).toEqual(['x', 'y']);
    const counts = countPicks([['y'], ['y', 'x'], ['z'], 7], ['x', 'y', 'z', 'w'], 2);
    expect(counts).toEqual([
      { cardId: 'y', count: 2 },
      { cardId: 'x', count: 1 },
      { cardId: 'z', count: 1 },
      { cardId: 'w', count: 0 }
    ]);
    expect(topPicked(counts, 3)).toEqual(['y', 'x', 'z']);
    expect(topPicked(countPicks([], ['x'], 1), 3)).toEqual([]);
  });
});

describe('rounds', () => {
  it('checks a short answer', () => {
    expect(checkAnswer('  Verbonden \n')).toEqual({ ok: true, answer: 'Verbonden' });
    expect(checkAnswer(' ')).toMatchObject({ ok: false, error: 'empty' });
    expect(checkAnswer('x'.repeat(81))).toMatchObject({ ok: false, error: 'tooLong', length: 81 });
  });

  it('groups a word cloud without case or punctuation, most said first', () => {
    expect(wordCloud(['Samen', 'samen!', 'Moe', ' Samen ', '...'], 'nl')).toEqual([
      { word: 'Samen', count: 3 },
      { word: 'Moe', count: 1 }
    ]);
  });
});

describe('clusters', () => {
  const note = (id: string, cluster?: string, step = 's'): Note => ({
    id,
    step,
    column: 'c1',
    text: `idee ${id}`,
    colour: 'yellow',
    position: Number(id.replace(/\D/g, '')) || 0,
    created: 0,
    cluster,
    mine: false,
    byFacilitator: false
  });
  const clusters: Cluster[] = [
    { id: 'k2', stepId: 's', name: 'Tweede', position: 2 },
    { id: 'k1', stepId: 's', name: 'Eerste', position: 1 },
    { id: 'other', stepId: 't', name: 'Elders', position: 1 }
  ];

  it('groups a step’s notes by cluster in order, unclustered last', () => {
    const notes = [
      note('n1', 'k2'),
      note('n2'),
      note('n3', 'k1'),
      note('n4', 'gone'),
      note('n5', undefined, 't')
    ];
    const groups = groupByCluster(notes, clusters, 's');
    expect(groups.map((g) => [g.cluster?.name ?? null, g.notes.map((n) => n.id)])).toEqual([
      ['Eerste', ['n3']],
      ['Tweede', ['n1']],
      [null, ['n2', 'n4']]
    ]);
  });

  it('votes on clusters once there are any, else on the notes', () => {
    expect(voteItems([note('n1')], [], 's')).toEqual([
      { id: 'n1', label: 'idee n1', kind: 'note', column: 'c1' }
    ]);
    expect(voteItems([note('n1', 'k1')], clusters, 's').map((item) => item.label)).toEqual([
      'Eerste',
      'Tweede'
    ]);
  });

  it('gives each group its column: its own, or the one its notes share', () => {
    const inColumn = [
      { id: 'g1', stepId: 's', column: 'c2', name: 'Eigen kolom', position: 1 },
      { id: 'g2', stepId: 's', name: 'Oud', position: 2 },
      { id: 'g3', stepId: 's', name: 'Gemengd', position: 3 }
    ];
    const notes = [
      note('n1', 'g2'),
      note('n2', 'g2'),
      note('n3', 'g3'),
      { ...note('n4', 'g3'), column: 'c3' }
    ];
    expect(voteItems(notes, inColumn, 's').map((item) => [item.label, item.column])).toEqual([
      ['Eigen kolom', 'c2'],
      ['Oud', 'c1'],
      ['Gemengd', undefined]
    ]);
  });
});

describe('actions', () => {
  it('needs a what and keeps who and when short', () => {
    expect(checkAction({ what: ' Flyer maken ', who: 'Ann', when: 'maart' })).toEqual({
      ok: true,
      action: { what: 'Flyer maken', who: 'Ann', when: 'maart' }
    });
    expect(checkAction({ what: '', who: 'Ann', when: '' })).toEqual({
      ok: false,
      field: 'what',
      error: 'empty'
    });
    expect(checkAction({ what: 'x', who: 'y'.repeat(81), when: '' })).toEqual({
      ok: false,
      field: 'who',
      error: 'tooLong'
    });
  });
});
