import type { NoteColour } from './board.ts';

/*
 * Notes are coloured by their column (quadrant), never by who wrote them: a colour per
 * device would tell a small group who wrote an "anonymous" idea. Each column also gets a
 * shape, so the choice never rests on colour alone.
 */

const columnColours: readonly NoteColour[] = [
  'green',
  'pink',
  'blue',
  'orange',
  'purple',
  'yellow'
];

/** A board with one column looks like a pad of yellow notes. */
export function columnColour(index: number, count: number): NoteColour {
  if (count <= 1) return 'yellow';
  return (
    columnColours[((index % columnColours.length) + columnColours.length) % columnColours.length] ??
    'yellow'
  );
}

export const columnShapes = ['circle', 'square', 'triangle', 'diamond', 'star', 'hexagon'] as const;
export type ColumnShape = (typeof columnShapes)[number];

export function columnShape(index: number): ColumnShape {
  return (
    columnShapes[((index % columnShapes.length) + columnShapes.length) % columnShapes.length] ??
    'circle'
  );
}
