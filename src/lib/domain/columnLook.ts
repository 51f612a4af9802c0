/*
 * Each column (quadrant) also gets a shape next to its colour (board.ts columnColour), so
 * choosing a column never rests on colour alone.
 */

export const columnShapes = ['circle', 'square', 'triangle', 'diamond', 'star', 'hexagon'] as const;
export type ColumnShape = (typeof columnShapes)[number];

export function columnShape(index: number): ColumnShape {
  return (
    columnShapes[((index % columnShapes.length) + columnShapes.length) % columnShapes.length] ??
    'circle'
  );
}
