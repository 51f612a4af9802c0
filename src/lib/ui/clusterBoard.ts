import type { Column } from '$lib/domain/board.ts';
import { groupsPerColumn, type ColumnGroups } from '$lib/domain/columnGroups.ts';
import type { Step } from '$lib/scripts/schema.ts';
import { columnLooks, type ColumnLook } from './columnLooks.ts';
import type { LiveSession } from './LiveSession.svelte.ts';

/** A cluster step's brainstorm, its columns and its groups per column, read from the session. */
export interface ClusterBoard {
  readonly sourceId: string;
  readonly columns: readonly Column[];
  readonly looks: ReadonlyMap<string, ColumnLook>;
  readonly sections: readonly ColumnGroups[];
}

/** Call inside `$derived`: it reads the session's reactive state. */
export function clusterBoard(session: LiveSession, step: Step): ClusterBoard {
  const sourceId = step.activity.type === 'cluster' ? step.activity.source : step.id;
  const source = session.script?.steps.find((s) => s.id === sourceId);
  const columns = source ? session.columnsOf(source) : [];
  const groups = session.view.groupsOf(sourceId);
  return {
    sourceId,
    columns,
    looks: columnLooks(columns),
    sections: groupsPerColumn(
      groups,
      columns.map((column) => column.id)
    )
  };
}
