/*
 * Which steps a step may refer to, checked by the script schema (schema.ts).
 */

/** What referencesPointBack looks at (spelled out: the schema's own types come from a check that uses it). */
interface StepReferences {
  readonly id: string;
  readonly activity: {
    readonly type: string;
    readonly source?: string;
    readonly board?: string | undefined;
    readonly columnsFromPick?: { readonly step: string } | undefined;
  };
}

/**
 * Clusters and votes work on an earlier brainstorm, and so does an info step that shows a
 * board; dynamic columns on an earlier pick.
 */
export function referencesPointBack(steps: readonly StepReferences[]): boolean {
  return steps.every((current, index) => {
    const earlier = steps.slice(0, index);
    const find = (stepId: string) => earlier.find((s) => s.id === stepId);
    const { activity: a } = current;
    if (a.type === 'cluster' || a.type === 'vote')
      return a.source !== undefined && find(a.source)?.activity.type === 'brainstorm';
    if (a.type === 'info' && a.board !== undefined)
      return find(a.board)?.activity.type === 'brainstorm';
    if (a.type === 'brainstorm' && a.columnsFromPick) {
      return find(a.columnsFromPick.step)?.activity.type === 'pick';
    }
    return true;
  });
}
