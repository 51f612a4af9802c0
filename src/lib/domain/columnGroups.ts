import type { Note } from './board.ts';
import { clusterColumn, type ClusterGroup } from './clusters.ts';

/** A brainstorm column's groups and its ideas in no group yet. */
export interface ColumnGroups {
  /** Undefined for groups that mix columns (made before groups kept to one). */
  readonly column: string | undefined;
  readonly groups: readonly ClusterGroup[];
  readonly loose: readonly Note[];
}

/**
 * The groups of a brainstorm (groupByCluster's answer) sorted under its columns, in the
 * columns' order, so a SWOT keeps its quadrants while it is grouped, voted on and shown.
 * On a board of one column every group is that column's, also one made without a column.
 */
export function groupsPerColumn(
  groups: readonly ClusterGroup[],
  columns: readonly string[]
): ColumnGroups[] {
  const named = groups.filter((group) => group.cluster !== null);
  const loose = groups.find((group) => group.cluster === null)?.notes ?? [];
  const known = new Set(columns);
  const only = columns.length === 1 ? columns[0] : undefined;
  const columnOf = (group: ClusterGroup): string | undefined => clusterColumn(group) ?? only;
  const sections: ColumnGroups[] = columns.map((column) => ({
    column,
    groups: named.filter((group) => columnOf(group) === column),
    loose: loose.filter((note) => note.column === column)
  }));
  const mixed = named.filter((group) => {
    const column = columnOf(group);
    return column === undefined || !known.has(column);
  });
  const stray = loose.filter((note) => !known.has(note.column));
  if (mixed.length > 0 || stray.length > 0)
    sections.push({ column: undefined, groups: mixed, loose: stray });
  return sections;
}
