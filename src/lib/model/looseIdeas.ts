import { maxClusterNameLength } from '../domain/clusters.ts';
import type { Step } from '../scripts/schema.ts';
import type { Command } from './decide.ts';
import type { SessionView } from './view.ts';

/*
 * Before a vote on a grouped brainstorm: the ideas the facilitator left out of every group
 * would silently drop out of the vote (a vote on groups only counts groups; the view lists
 * them as ungroupedOf). The screen names them, and the facilitator may let each be voted on
 * as a group of its own, named after the idea, in the idea's column.
 */

/**
 * The commands that give each idea a vote step would leave out a group of its own: for each,
 * make the group, then put the idea in it. Run in order (each judged on the view the previous
 * one left); `newId` gives the groups their ids.
 */
export function soloGroupCommands(
  view: SessionView,
  voteStep: Step,
  newId: () => string
): Command[] {
  if (voteStep.activity.type !== 'vote') return [];
  const stepId = voteStep.activity.source;
  return view.ungroupedOf(voteStep).flatMap((note): Command[] => {
    const id = newId();
    return [
      { type: 'createCluster', stepId, id, name: groupNameFor(note.text), column: note.column },
      { type: 'assignCluster', noteId: note.id, clusterId: id }
    ];
  });
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
