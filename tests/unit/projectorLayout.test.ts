import { describe, expect, it } from 'vitest';
import { wrapWords } from '../../src/lib/layout/wrapLines.ts';
import {
  cardBox,
  fitsAt,
  largestFitting,
  listWidths,
  planBoard,
  planArrival,
  rowsOfCards,
  type ColumnSpace,
  type TextWidth
} from '../../src/lib/ui/projectorLayout.ts';

// A monospaced font: every character half an em wide (the page measures with a canvas).
const mono: TextWidth = (text, px) => [...text].length * 0.5 * px;
const calls: string[] = [];
const counted: TextWidth = (text, px, italic) => {
  calls.push(text);
  return mono(text, px, italic);
};

const idea = (text: string, ...small: string[]) => ({ text, small });

describe('wrapping lines greedily', () => {
  const breaking = {
    width: (text: string) => text.length * 10,
    split: (word: string) => [word.slice(0, 5), word.slice(5)]
  };

  it('puts words on a line while they fit, and splits a word wider than a line', () => {
    expect(wrapWords(['een', 'twee', 'drie'], 70, breaking)).toEqual(['een', 'twee', 'drie']);
    expect(wrapWords(['een', 'twee', 'drie'], 90, breaking)).toEqual(['een twee', 'drie']);
    expect(wrapWords(['een', 'abcdefghij'], 60, breaking)).toEqual(['een', 'abcde', 'fghij']);
    // An empty word is a second space: it takes room.
    expect(wrapWords(['een', '', 'twee'], 80, breaking)).toEqual(['een ', 'twee']);
    expect(wrapWords([], 80, breaking)).toEqual(['']);
  });
});

describe('a projector card at a note size', () => {
  it('is as wide as its text plus padding and edge, one line high, when it fits', () => {
    // "Kansen" at 20 px: 6 × 10 px of text, 0.59 em of padding and edge.
    const box = cardBox(idea('Kansen'), 20, 500, mono);
    expect(box.width).toBeCloseTo(60 + 0.59 * 20);
    expect(box.height).toBeCloseTo(0.16 * 20 + 1.1 * 20);
    expect(box.wordsFit).toBe(true);
  });

  it('takes the list width and wraps its text at spaces when it is too long', () => {
    // 10 px a character; 100 px of list leaves 88.2 px: "aaaa bbbb" (90) wraps.
    const box = cardBox(idea('aaaa bbbb cc'), 20, 100, mono);
    expect(box.width).toBe(100);
    expect(box.height).toBeCloseTo(0.16 * 20 + 2 * 1.1 * 20);
  });

  it('counts the lines of every paragraph and the small italic author line', () => {
    const box = cardBox(idea('een\ntwee', 'door Anna'), 20, 500, mono);
    expect(box.height).toBeCloseTo(0.16 * 20 + 2 * 1.1 * 20 + 1.1 * 12);
    // The author's line is wider than the text: it sets the width.
    expect(cardBox(idea('x', 'door Annemarie'), 20, 500, mono).width).toBeCloseTo(
      14 * 6 + 0.59 * 20
    );
  });

  it('tells a word too long for the list, which then breaks anywhere', () => {
    const box = cardBox(idea('Ervaringsdeskundigen'), 20, 100, mono);
    expect(box.wordsFit).toBe(false);
    // 200 px of letters in 88.2 px lines: three lines.
    expect(box.height).toBeCloseTo(0.16 * 20 + 3 * 1.1 * 20);
  });
});

describe('the widths of the note lists', () => {
  it('splits the board less its column gaps by weight, less the padding of each column', () => {
    // 1000 px, two gaps of 10: 980 px in 1 : 2 : 4, then 6 px of padding each.
    expect(listWidths({ width: 1000, gap: 10, chrome: 6 }, [1, 2, 4])).toEqual([134, 274, 554]);
    expect(listWidths({ width: 500, gap: 10, chrome: 6 }, [80])).toEqual([494]);
    expect(listWidths({ width: 500, gap: 10, chrome: 6 }, [])).toEqual([]);
  });
});

describe('rows of cards (flex-wrap)', () => {
  it('fills a row while the cards and gaps fit, as tall as its tallest card', () => {
    const boxes = [
      { width: 40, height: 10 },
      { width: 50, height: 20 },
      { width: 20, height: 10 },
      { width: 100, height: 30 },
      { width: 10, height: 10 }
    ];
    expect(rowsOfCards(boxes, 100, 5)).toEqual([
      { first: 0, top: 0, bottom: 20 },
      { first: 2, top: 25, bottom: 35 },
      { first: 3, top: 40, bottom: 70 },
      { first: 4, top: 75, bottom: 85 }
    ]);
    expect(rowsOfCards([], 100, 5)).toEqual([]);
  });
});

describe('choosing the note size of the projector board', () => {
  const column = (count: number, width = 600, height = 400): ColumnSpace => ({
    width,
    height,
    gap: 4,
    cards: Array.from({ length: count }, (_, i) => idea(`Idee nummer ${i + 1}`))
  });

  it('takes the largest size at which every column fits, wherever the search starts', () => {
    const board = [column(6), column(3)];
    const plan = planBoard(board, mono, { smallest: 28, largest: 72 });
    expect(plan.starts).toEqual([[0], [0]]);
    expect(fitsAt(board, plan.size, mono)).toBe(true);
    expect(fitsAt(board, plan.size + 1, mono)).toBe(false);
    for (const near of [28, 30, plan.size, plan.size + 1, 72])
      expect(planBoard(board, mono, { smallest: 28, largest: 72, near })).toEqual(plan);
    // A few ideas get the largest size.
    expect(planBoard([column(1, 1800, 900)], mono, { smallest: 28, largest: 72 }).size).toBe(72);
  });

  it('searches for the largest size that fits', () => {
    expect(largestFitting(28, 72, (px) => px <= 40)).toBe(40);
    expect(largestFitting(28, 72, () => true)).toBe(72);
    expect(largestFitting(28, 72, () => false)).toBe(0);
  });

  it('does not take a size that breaks a word in two', () => {
    const board: ColumnSpace[] = [
      { width: 300, height: 900, gap: 4, cards: [idea('a'.repeat(20))] }
    ];
    const plan = planBoard(board, mono, { smallest: 10, largest: 72 });
    // 20 letters of half an em, plus 0.59 em of card: 10.59 em in 300 px.
    expect(plan.size).toBe(Math.floor(300 / 10.59));
  });

  it('pages a column that does not fit the smallest size, each page within its height', () => {
    const board = [column(60), column(2)];
    const plan = planBoard(board, mono, { smallest: 28, largest: 72 });
    expect(plan.size).toBe(28);
    expect(plan.starts[1]).toEqual([0]);
    const starts = plan.starts[0] ?? [];
    expect(starts.length).toBeGreaterThan(1);
    const first = board[0];
    if (!first) throw new Error('no column');
    // Every page, laid out from its own first card, fits the column.
    starts.forEach((start, page) => {
      const end = starts[page + 1] ?? first.cards.length;
      const alone = { ...first, cards: first.cards.slice(start, end) };
      expect(fitsAt([alone], 28, mono)).toBe(true);
    });
  });

  it('measures a word once per size (the page measures with a canvas)', () => {
    calls.length = 0;
    const cache = new Map<string, number>();
    const cached: TextWidth = (text, px, italic) => {
      const key = `${px}${italic ? 'i' : ''}|${text}`;
      const known = cache.get(key);
      if (known !== undefined) return known;
      const width = counted(text, px, italic);
      cache.set(key, width);
      return width;
    };
    planBoard([column(200)], cached, { smallest: 28, largest: 72 });
    expect(new Set(calls).size).toBe(calls.length);
  });
});

describe('ideas arriving on a board that is on screen', () => {
  const column = (count: number, width: number, height = 400): ColumnSpace => ({
    width,
    height,
    gap: 4,
    cards: Array.from({ length: count }, (_, i) => idea(`Idee nummer ${i + 1}`))
  });
  const sizes = { smallest: 28, largest: 72, step: 4 };

  it('keeps the widths drawn and the size while every column still holds its cards', () => {
    const kept = [column(5, 600), column(3, 600)];
    const balanced = [column(5, 700), column(3, 500)];
    expect(fitsAt(kept, 30, mono)).toBe(true);
    // A larger size would fit too: an arrival never grows the text.
    expect(fitsAt(kept, 31, mono)).toBe(true);
    expect(planArrival(kept, balanced, mono, { ...sizes, size: 30 })).toEqual({
      plan: { size: 30, starts: [[0], [0]] },
      kept: true
    });
  });

  it('balances the columns again, at the same size, when a column would overflow at its width', () => {
    const kept = [column(6, 900), column(6, 100)];
    const balanced = [column(6, 500), column(6, 500)];
    expect(fitsAt(kept, 30, mono)).toBe(false);
    expect(fitsAt(balanced, 30, mono)).toBe(true);
    expect(planArrival(kept, balanced, mono, { ...sizes, size: 30 })).toEqual({
      plan: { size: 30, starts: [[0], [0]] },
      kept: false
    });
  });

  it('steps down to the largest size on the ladder that fits', () => {
    const board = [column(12, 600), column(4, 600)];
    const exact = planBoard(board, mono, sizes).size;
    const { plan, kept } = planArrival(board, board, mono, { ...sizes, size: 71 });
    expect(kept).toBe(false);
    expect(plan.starts).toEqual([[0], [0]]);
    expect((plan.size - 28) % 4).toBe(0);
    expect(plan.size).toBeLessThanOrEqual(exact);
    expect(plan.size).toBeGreaterThan(exact - 4);
    expect(fitsAt(board, plan.size, mono)).toBe(true);
  });

  it('turns to pages as a full layout does when not even the smallest size fits', () => {
    const board = [column(60, 600), column(2, 600)];
    expect(planArrival(board, board, mono, { ...sizes, size: 40 })).toEqual({
      plan: planBoard(board, mono, sizes),
      kept: false
    });
  });
});
