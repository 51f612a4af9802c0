import { compareNotes, type Note } from './board.ts';

/** A named group of notes of one brainstorm step, made by the facilitator. */
export interface Cluster {
  readonly id: string;
  /** The brainstorm step whose notes it groups. */
  readonly stepId: string;
  /**
   * The column (SWOT quadrant) the group belongs to, when its brainstorm has columns: a
   * group holds notes of one column only, so the quadrants survive clustering.
   */
  readonly column?: string | undefined;
  readonly name: string;
  readonly position: number;
}

export const maxClusterNameLength = 60;

export interface ClusterGroup {
  /** Null for the notes not in any cluster yet. */
  readonly cluster: Cluster | null;
  readonly notes: readonly Note[];
}

/** The step's clusters in order, each with its notes, and the unclustered notes last. */
export function groupByCluster(
  notes: Iterable<Note>,
  clusters: Iterable<Cluster>,
  stepId: string
): ClusterGroup[] {
  const own = [...clusters]
    .filter((cluster) => cluster.stepId === stepId)
    .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  const ids = new Set(own.map((cluster) => cluster.id));
  const stepNotes = [...notes].filter((note) => note.step === stepId).sort(compareNotes);
  const groups: ClusterGroup[] = own.map((cluster) => ({
    cluster,
    notes: stepNotes.filter((note) => note.cluster === cluster.id)
  }));
  groups.push({
    cluster: null,
    notes: stepNotes.filter((note) => !note.cluster || !ids.has(note.cluster))
  });
  return groups;
}

/** What a vote on a brainstorm is about: its clusters once it has any, else its notes. */
export interface VoteItem {
  readonly id: string;
  readonly label: string;
  readonly kind: 'cluster' | 'note';
  /** The column the group or note belongs to (absent for groups made without one). */
  readonly column?: string | undefined;
}

export function voteItems(
  notes: Iterable<Note>,
  clusters: Iterable<Cluster>,
  stepId: string
): VoteItem[] {
  const groups = groupByCluster(notes, clusters, stepId);
  const named = groups.filter((group) => group.cluster !== null);
  if (named.length > 0) {
    return named.map((group) => {
      const cluster = group.cluster as Cluster;
      return { id: cluster.id, label: cluster.name, kind: 'cluster', column: clusterColumn(group) };
    });
  }
  return (groups[0]?.notes ?? []).map((note) => ({
    id: note.id,
    label: note.text,
    kind: 'note',
    column: note.column
  }));
}

/**
 * The column a group belongs to: its own, or (for groups made before groups carried one) the
 * column all its notes share; undefined when they are spread over several.
 */
export function clusterColumn(group: ClusterGroup): string | undefined {
  if (group.cluster?.column) return group.cluster.column;
  const columns = new Set(group.notes.map((note) => note.column));
  return columns.size === 1 ? [...columns][0] : undefined;
}
