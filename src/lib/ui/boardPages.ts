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
