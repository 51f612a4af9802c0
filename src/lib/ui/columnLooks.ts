import { columnColour, type Column, type NoteColour } from '$lib/domain/board.ts';
import { columnShape, type ColumnShape } from '$lib/domain/columnLook.ts';

/** How a column shows: its colour, its shape, and its title. */
export interface ColumnLook {
  readonly id: string;
  readonly title: string;
  readonly colour: NoteColour;
  readonly shape: ColumnShape;
}

/** Each column's look, by column id, for a board's columns in order. */
export function columnLooks(columns: readonly Column[]): Map<string, ColumnLook> {
  return new Map(
    columns.map((column, index) => [
      column.id,
      {
        id: column.id,
        title: column.title,
        colour: columnColour(index, columns.length),
        shape: columnShape(index)
      }
    ])
  );
}
