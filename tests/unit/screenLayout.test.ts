import { describe, expect, it } from 'vitest';
import type { Note } from '../../src/lib/domain/board.ts';
import { groupByCluster, type Cluster } from '../../src/lib/domain/clusters.ts';
import { groupsPerColumn } from '../../src/lib/domain/columnGroups.ts';
import { columnShape } from '../../src/lib/domain/columnLook.ts';
import { placesOf } from '../../src/lib/domain/ranking.ts';
import { guessNoteSize, pageRange, pageStarts, rowsOf } from '../../src/lib/ui/boardPages.ts';

describe('paging a projector column that does not fit', () => {
  // Notes 40 px high in rows of two or one, 10 px apart.
  const boxes = [
    { top: 0, bottom: 40 },
    { top: 0, bottom: 40 },
    { top: 50, bottom: 90 },
    { top: 100, bottom: 160 },
    { top: 100, bottom: 140 },
    { top: 170, bottom: 210 },
    { top: 220, bottom: 260 }
  ];

  it('groups notes into rows by their top edge', () => {
    expect(rowsOf(boxes)).toEqual([
      { first: 0, top: 0, bottom: 40 },
      { first: 2, top: 50, bottom: 90 },
      { first: 3, top: 100, bottom: 160 },
      { first: 5, top: 170, bottom: 210 },
      { first: 6, top: 220, bottom: 260 }
    ]);
  });

  it('breaks pages where rows start, each page as full as its height allows', () => {
    const starts = pageStarts(rowsOf(boxes), 100);
    expect(starts).toEqual([0, 3, 5]);
    expect(pageRange(starts, 0, boxes.length)).toEqual([0, 3]);
    expect(pageRange(starts, 1, boxes.length)).toEqual([3, 5]);
    expect(pageRange(starts, 2, boxes.length)).toEqual([5, 7]);
    // Everything fits: one page.
    expect(pageStarts(rowsOf(boxes), 300)).toEqual([0]);
    // A row taller than a page still gets a page of its own.
    expect(pageStarts(rowsOf(boxes), 30)).toEqual([0, 2, 3, 5, 6]);
    expect(pageStarts([], 100)).toEqual([0]);
  });
});

describe('guessing where to start fitting the projector board', () => {
  // A 1080p board of two columns, each about 900 × 800 px.
  const column = (count: number, length = 30) => ({
    width: 900,
    height: 800,
    lengths: Array.from({ length: count }, () => length)
  });

  it('guesses a large size for a few ideas and a smaller one for many', () => {
    const few = guessNoteSize([column(4), column(3)], 28, 72);
    const forty = guessNoteSize([column(20), column(20)], 28, 72);
    expect(few.surelyPaged).toBe(false);
    expect(forty.surelyPaged).toBe(false);
    expect(few.size).toBe(72);
    expect(forty.size).toBeLessThan(few.size);
    expect(forty.size).toBeGreaterThanOrEqual(28);
  });

  it('sends a board far too full for the smallest size to pages without a search', () => {
    expect(guessNoteSize([column(250), column(250)], 28, 72)).toEqual({
      size: 28,
      surelyPaged: true
    });
  });

  it('never calls a board paged when the guess leaves room at the smallest size', () => {
    // Forty ideas of thirty characters fit at 28 px with room to spare in 900 × 800.
    expect(guessNoteSize([column(40)], 28, 72).surelyPaged).toBe(false);
  });

  it('stays within the sizes it is given, also for empty columns', () => {
    expect(guessNoteSize([column(0), column(0)], 28, 72)).toEqual({
      size: 72,
      surelyPaged: false
    });
  });
});

describe('places in a result', () => {
  it('shares a place between equal scores and skips the next, so ties read as ties', () => {
    const rows = placesOf([9, 7, 7, 4, 0, 0], (dots) => dots);
    expect(rows.map((r) => [r.place, r.tied, r.top])).toEqual([
      [1, false, true],
      [2, true, true],
      [2, true, true],
      [4, false, false],
      [5, true, false],
      [5, true, false]
    ]);
  });
});

describe('column looks', () => {
  it('gives each column a shape, so a column never rests on colour alone', () => {
    expect(new Set([0, 1, 2, 3, 4, 5].map((i) => columnShape(i))).size).toBe(6);
    expect(columnShape(6)).toBe(columnShape(0));
  });
});

describe('groups per column', () => {
  const note = (id: string, column: string, cluster?: string): Note => ({
    id,
    step: 's',
    column,
    text: id,
    colour: 'yellow',
    position: Number(id.replace(/\D/g, '')),
    created: 0,
    cluster,
    mine: false,
    byFacilitator: false
  });

  it('puts each group and each ungrouped idea under its column, mixed groups last', () => {
    const clusters: Cluster[] = [
      { id: 'g1', stepId: 's', column: 'kansen', name: 'Partners', position: 1 },
      { id: 'g2', stepId: 's', column: 'sterktes', name: 'Mensen', position: 2 },
      { id: 'g3', stepId: 's', name: 'Gemengd', position: 3 }
    ];
    const notes = [
      note('n1', 'kansen', 'g1'),
      note('n2', 'sterktes'),
      note('n3', 'sterktes', 'g3'),
      note('n4', 'kansen', 'g3'),
      note('n5', 'sterktes', 'g2')
    ];
    const sections = groupsPerColumn(groupByCluster(notes, clusters, 's'), [
      'sterktes',
      'zwaktes',
      'kansen'
    ]);
    expect(
      sections.map((s) => [
        s.column,
        s.groups.map((g) => g.cluster?.name),
        s.loose.map((n) => n.id)
      ])
    ).toEqual([
      ['sterktes', ['Mensen'], ['n2']],
      ['zwaktes', [], []],
      ['kansen', ['Partners'], []],
      [undefined, ['Gemengd'], []]
    ]);
  });

  it('puts every group of a one-column board in that column, also a new one without ideas', () => {
    const clusters: Cluster[] = [
      { id: 'g1', stepId: 's', name: 'Leeg', position: 1 },
      { id: 'g2', stepId: 's', name: 'Vol', position: 2 }
    ];
    const sections = groupsPerColumn(
      groupByCluster([note('n1', 'idee', 'g2'), note('n2', 'idee')], clusters, 's'),
      ['idee']
    );
    expect(
      sections.map((s) => [
        s.column,
        s.groups.map((g) => g.cluster?.name),
        s.loose.map((n) => n.id)
      ])
    ).toEqual([['idee', ['Leeg', 'Vol'], ['n2']]]);
  });
});
