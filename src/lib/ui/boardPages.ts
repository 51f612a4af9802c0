/*
 * Paging a column of notes that does not fit on the projector even at the smallest readable
 * size. Notes wrap in rows (flex-wrap). Which notes share a row depends only on the note the
 * row starts with and the widths after it, so a page that starts where a row starts lays
 * out exactly as that part of the full column did: one measurement of the whole column
 * gives every page.
 */

/** One row of a wrapped list: the index of its first item and its vertical extent. */
export interface Row {
  readonly first: number;
  readonly top: number;
  readonly bottom: number;
}

/** Groups item boxes (in list order) into rows by their top edge. */
export function rowsOf(boxes: readonly { readonly top: number; readonly bottom: number }[]): Row[] {
  const rows: Row[] = [];
  boxes.forEach((box, index) => {
    const last = rows.at(-1);
    if (last && Math.abs(box.top - last.top) < 1) {
      rows[rows.length - 1] = { ...last, bottom: Math.max(last.bottom, box.bottom) };
    } else {
      rows.push({ first: index, top: box.top, bottom: box.bottom });
    }
  });
  return rows;
}

/**
 * The index of the first item on each page, for pages `height` tall. A row taller than a
 * page gets a page of its own.
 */
export function pageStarts(rows: readonly Row[], height: number): number[] {
  const starts: number[] = [];
  let pageTop = Number.NaN;
  for (const row of rows) {
    if (starts.length === 0 || row.bottom - pageTop > height + 1) {
      starts.push(row.first);
      pageTop = row.top;
    }
  }
  return starts.length > 0 ? starts : [0];
}

/** The items of page `page` (0-based) given the page starts and the item count. */
export function pageRange(
  starts: readonly number[],
  page: number,
  count: number
): [number, number] {
  const index = Math.min(Math.max(page, 0), starts.length - 1);
  return [starts[index] ?? 0, starts[index + 1] ?? count];
}

/** A column's note list as laid out: its box, and the length of each note's text. */
export interface ColumnSpace {
  readonly width: number;
  readonly height: number;
  readonly lengths: readonly number[];
}

/*
 * A rough, deliberately generous guess of the area a column's notes take at a font size, so
 * the layout is searched near the answer rather than from the top, and a board far too full
 * for the smallest size goes to pages without a search. Every layout of a few hundred notes
 * costs a whole layout of the page. Per note: about half an em per character, its padding and
 * gap, and whole lines of 1.1 em (notes wrap at the column's width).
 */
const charWidthEm = 0.5;
const noteExtraEm = 0.7;
const lineEm = 1.1;
const noteExtraLineEm = 0.3;

function areaAt(column: ColumnSpace, px: number): number {
  return column.lengths.reduce((sum, length) => {
    const width = (length * charWidthEm + noteExtraEm) * px;
    const lines = Math.max(1, Math.ceil(width / Math.max(column.width, 1)));
    return sum + Math.min(width, column.width) * (lines * lineEm + noteExtraLineEm) * px;
  }, 0);
}

/** Whether no column is estimated to need more than `slack` times its area at `px`. */
function roomyAt(columns: readonly ColumnSpace[], px: number, slack: number): boolean {
  return columns.every((column) => areaAt(column, px) <= column.width * column.height * slack);
}

/**
 * Where to start searching for the note size: the largest whole size in [smallest, largest]
 * the guess says fits, and whether the board is so full that even the smallest size is
 * surely too large (guessed at more than twice the room), so it pages without searching.
 */
export function guessNoteSize(
  columns: readonly ColumnSpace[],
  smallest: number,
  largest: number
): { readonly size: number; readonly surelyPaged: boolean } {
  if (!roomyAt(columns, smallest, 2)) return { size: smallest, surelyPaged: true };
  let size = smallest;
  while (size < largest && roomyAt(columns, size + 1, 1)) size += 1;
  return { size, surelyPaged: false };
}
