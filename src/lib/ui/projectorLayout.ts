import { wrapWords, type LineBreaking } from '../layout/wrapLines.ts';
import { pageStarts, type Row } from './boardPages.ts';

/*
 * The projector board's layout worked out from text widths, without laying out the notes in
 * the page: each card's box at a note size, the rows the cards wrap into (flex-wrap), whether
 * every column fits, the largest size that fits, and where a column's pages start at the
 * smallest size. Laying out every note of a full board once per size tried cost the present
 * screen most of a second; this costs a few text measurements per word. It mirrors the card
 * styles of ProjectorBoard.svelte (below, in ems of the note size); the board checks the
 * cards it shows against it once, in the page, and falls back to measuring there.
 */

/** The CSS of a note card on the projector, in ems of the note size. */
const cardCss = {
  /** Padding left and right (0.22em each) and the coloured left edge (0.15em). */
  chromeX: 0.22 * 2 + 0.15,
  /** Padding top and bottom (0.08em each). */
  chromeY: 0.08 * 2,
  /** line-height of the text. */
  line: 1.1,
  /** The author line's font size (italic). */
  small: 0.6
} as const;

/** Width of text in pixels at a font size, italic for the author line. */
export type TextWidth = (text: string, px: number, italic: boolean) => number;

/** One card's text: the idea, and the small italic lines below it (author, source). */
export interface CardText {
  readonly text: string;
  readonly small: readonly string[];
}

/** A column's note list: its box (pixels), the gap between cards, and its cards in order. */
export interface ColumnSpace {
  readonly width: number;
  readonly height: number;
  readonly gap: number;
  readonly cards: readonly CardText[];
}

/** A card's outer box, and whether every word of it fits its width unbroken. */
export interface CardBox {
  readonly width: number;
  readonly height: number;
  readonly wordsFit: boolean;
}

/** Splits anywhere, as `overflow-wrap: anywhere` does: as many characters as fit, at least one. */
function splitAnywhere(word: string, fits: (text: string) => boolean): string[] {
  const pieces: string[] = [];
  let chars = [...word];
  while (chars.length > 1 && !fits(chars.join(''))) {
    let count = 1;
    while (count < chars.length - 1 && fits(chars.slice(0, count + 1).join(''))) count++;
    pieces.push(chars.slice(0, count).join(''));
    chars = chars.slice(count);
  }
  pieces.push(chars.join(''));
  return pieces;
}

/** The lines and widest word of text wrapped at `maxWidth` (`white-space: pre-wrap`). */
function linesOf(
  text: string,
  maxWidth: number,
  width: (text: string) => number
): { lines: number; widest: number; natural: number } {
  const breaking: LineBreaking = { width, split: splitAnywhere };
  let lines = 0;
  let widest = 0;
  let natural = 0;
  for (const paragraph of text.split(/\r\n?|\n/)) {
    const words = paragraph.split(' ');
    const whole = width(paragraph);
    natural = Math.max(natural, whole);
    for (const word of words) widest = Math.max(widest, width(word));
    lines += whole <= maxWidth ? 1 : wrapWords(words, maxWidth, breaking).length;
  }
  return { lines, widest, natural };
}

/**
 * A card's box at note size `px` in a list `listWidth` wide: as wide as its longest line
 * (`flex: 1 1 auto`, so the basis is the text's own width), at most the list's width, where
 * its text wraps. Growing to fill a row makes no card taller, so rows are cut from these.
 */
export function cardBox(
  card: CardText,
  px: number,
  listWidth: number,
  measure: TextWidth
): CardBox {
  const chromeX = cardCss.chromeX * px;
  const inner = Math.max(listWidth - chromeX, 0);
  const smallPx = cardCss.small * px;
  const text = linesOf(card.text, inner, (part) => measure(part, px, false));
  const small = card.small.map((line) =>
    linesOf(line, inner, (part) => measure(part, smallPx, true))
  );
  const natural = Math.max(text.natural, ...small.map((line) => line.natural)) + chromeX;
  const widest = Math.max(text.widest, ...small.map((line) => line.widest));
  const lines = text.lines * px + small.reduce((sum, line) => sum + line.lines, 0) * smallPx;
  return {
    width: Math.min(natural, listWidth),
    height: cardCss.chromeY * px + cardCss.line * lines,
    wordsFit: widest <= inner
  };
}

/**
 * The width of each column's note list: the board's grid splits its width less the gaps
 * between columns by the columns' weights (`minmax(0, <weight>fr)`), and a list is its
 * column less the column's padding (`chrome`). Reading these boxes from the page would lay
 * out every card drawn; they follow from the board's width alone.
 */
export function listWidths(
  board: { readonly width: number; readonly gap: number; readonly chrome: number },
  weights: readonly number[]
): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const free = board.width - board.gap * Math.max(weights.length - 1, 0);
  return weights.map((weight) => Math.max((free * weight) / (total || 1) - board.chrome, 0));
}

/** Rows of cards as `flex-wrap: wrap` with `gap` makes them: a card goes on while it fits. */
export function rowsOfCards(
  boxes: readonly { readonly width: number; readonly height: number }[],
  listWidth: number,
  gap: number
): Row[] {
  const rows: Row[] = [];
  let used = 0;
  boxes.forEach((box, index) => {
    const last = rows.at(-1);
    if (last && used + gap + box.width <= listWidth) {
      used += gap + box.width;
      rows[rows.length - 1] = { ...last, bottom: Math.max(last.bottom, last.top + box.height) };
      return;
    }
    const top = last ? last.bottom + gap : 0;
    rows.push({ first: index, top, bottom: top + box.height });
    used = box.width;
  });
  return rows;
}

/** A column laid out at `px`: its rows, and whether every word fits its card unbroken. */
export function layoutColumn(
  column: ColumnSpace,
  px: number,
  measure: TextWidth
): { rows: Row[]; wordsFit: boolean } {
  const boxes = column.cards.map((text) => cardBox(text, px, column.width, measure));
  return {
    rows: rowsOfCards(boxes, column.width, column.gap),
    wordsFit: boxes.every((box) => box.wordsFit)
  };
}

/**
 * Whether every column holds all its cards at `px` with no word broken (a size that splits
 * "Ervaringsdeskundigen" in two does not fit). One pixel to spare, as the page rounds.
 */
export function fitsAt(columns: readonly ColumnSpace[], px: number, measure: TextWidth): boolean {
  return columns.every((column) => holds(column, layoutColumn(column, px, measure)));
}

function holds(
  column: ColumnSpace,
  { rows, wordsFit }: { rows: Row[]; wordsFit: boolean }
): boolean {
  return wordsFit && (rows.at(-1)?.bottom ?? 0) <= column.height - 1;
}

/** The note size for the board, and the first card of each page of each column. */
export interface BoardPlan {
  readonly size: number;
  readonly starts: number[][];
}

/** The whole board on one page at `size`. */
const onePageAt = (columns: readonly ColumnSpace[], size: number): BoardPlan => ({
  size,
  starts: columns.map(() => [0])
});

/**
 * The largest whole size in [smallest, largest] at which every column fits, searched from
 * `near` (the size in use: one more idea mostly keeps it). When not even the smallest fits,
 * the smallest size with pages: each column's pages start where a row starts.
 */
export function planBoard(
  columns: readonly ColumnSpace[],
  measure: TextWidth,
  { smallest, largest, near }: { smallest: number; largest: number; near?: number | undefined }
): BoardPlan {
  const fits = (px: number): boolean => fitsAt(columns, px, measure);
  const onePage = (size: number): BoardPlan => onePageAt(columns, size);
  let low = smallest;
  let high = largest;
  let best = 0;
  if (near !== undefined && near > smallest && near <= largest) {
    if (fits(near)) {
      if (near === largest || !fits(near + 1)) return onePage(near);
      best = near + 1;
      low = near + 2;
    } else high = near - 1;
  }
  if (best === 0) {
    // Most full boards do not fit even the smallest size: one layout tells, and gives pages.
    const laidOut = columns.map((column) => ({
      column,
      layout: layoutColumn(column, smallest, measure)
    }));
    if (!laidOut.every(({ column, layout }) => holds(column, layout))) {
      return {
        size: smallest,
        // A pixel more to spare than the page's own cut: this is an estimate.
        starts: laidOut.map(({ column, layout }) => pageStarts(layout.rows, column.height - 2))
      };
    }
    best = smallest;
    low = Math.max(low, smallest + 1);
  }
  return onePage(largestFitting(low, high, fits) || best);
}

/** Which columns a plan was made with: those drawn now, or balanced again by the new weights. */
export interface ArrivalPlan {
  readonly plan: BoardPlan;
  readonly kept: boolean;
}

/**
 * The plan for a board that only gained ideas (`kept`: its columns at the widths drawn now;
 * `balanced`: at the widths of the new weights). New widths or a new size make the page lay
 * out every card on screen again, so while ideas stream in:
 * - the widths and the size stay while every column still holds its cards (the page then
 *   lays out only the column that changed), and the size does not grow;
 * - when a column would overflow, the columns are balanced again, keeping the size if it
 *   fits, else stepping down to the largest size on a ladder (`smallest` + k × `step`) that
 *   fits: a board filling up shrinks its text a few times in steps, not by a pixel per idea;
 * - when not even the smallest fits, pages as `planBoard` makes them.
 * A full layout (any other change) takes the exact largest size again.
 */
export function planArrival(
  kept: readonly ColumnSpace[],
  balanced: readonly ColumnSpace[],
  measure: TextWidth,
  {
    smallest,
    largest,
    size,
    step
  }: { smallest: number; largest: number; size: number; step: number }
): ArrivalPlan {
  if (fitsAt(kept, size, measure)) return { plan: onePageAt(kept, size), kept: true };
  const fits = (px: number): boolean => fitsAt(balanced, px, measure);
  if (fits(size)) return { plan: onePageAt(balanced, size), kept: false };
  // Rungs 1… below the size in use: rung r is smallest + (r - 1) × step.
  const rungs = Math.ceil((Math.min(size, largest + 1) - smallest) / step);
  const rung = largestFitting(1, rungs, (r) => fits(smallest + (r - 1) * step));
  return {
    plan:
      rung > 0
        ? onePageAt(balanced, smallest + (rung - 1) * step)
        : planBoard(balanced, measure, { smallest, largest }),
    kept: false
  };
}

/** The largest whole number in [low, high] that fits (fitting is monotone), or 0 if none. */
export function largestFitting(low: number, high: number, fits: (px: number) => boolean): number {
  let best = 0;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    if (fits(middle)) {
      best = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return best;
}
