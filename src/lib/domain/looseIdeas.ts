import { compareNotes, type Note } from './board.ts';
import { maxClusterNameLength, type Cluster } from './clusters.ts';

/*
 * Before a vote on a grouped brainstorm: the ideas the facilitator left out of every group
 * would silently drop out of the vote (a vote on groups only counts groups). The screen
 * names them, and the facilitator may let each be voted on as a group of its own.
 */

/** Ideas of a brainstorm in no group, once it has groups at all (without groups, every idea is voted on). */
export function looseIdeas(
  notes: Iterable<Note>,
  clusters: Iterable<Cluster>,
  stepId: string
): Note[] {
  const groups = new Set([...clusters].filter((c) => c.stepId === stepId).map((c) => c.id));
  if (groups.size === 0) return [];
  return [...notes]
    .filter((note) => note.step === stepId && !(note.cluster && groups.has(note.cluster)))
    .sort(compareNotes);
}

/** One group per loose idea: named after the idea (shortened to fit a group name), in its column. */
export interface SoloGroup {
  readonly noteId: string;
  readonly name: string;
  readonly column: string;
}

export function soloGroups(loose: readonly Note[]): SoloGroup[] {
  return loose.map((note) => ({
    noteId: note.id,
    name: groupNameFor(note.text),
    column: note.column
  }));
}

/** An idea's text as a group name: one line, cut at a word with "…" when too long. */
export function groupNameFor(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  if (chars.length <= maxClusterNameLength) return line;
  const cut = chars.slice(0, maxClusterNameLength - 1).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${atWord.length >= maxClusterNameLength / 2 ? atWord : cut}…`;
}
