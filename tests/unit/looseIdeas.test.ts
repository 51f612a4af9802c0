import { describe, expect, it } from 'vitest';
import type { Note } from '../../src/lib/domain/board.ts';
import { maxClusterNameLength, voteItems, type Cluster } from '../../src/lib/domain/clusters.ts';
import { groupNameFor, looseIdeas, soloGroups } from '../../src/lib/domain/looseIdeas.ts';

const note = (id: string, column: string, cluster?: string, text = `idee ${id}`): Note => ({
  id,
  step: 's',
  column,
  text,
  colour: 'yellow',
  author: 'x',
  position: Number(id.replace(/\D/g, '')) || 0,
  created: 0,
  cluster
});

describe('ideas left out of every group before a vote', () => {
  const clusters: Cluster[] = [
    { id: 'g1', stepId: 's', column: 'sterktes', name: 'Vrijwilligers', position: 1 },
    { id: 'other', stepId: 't', name: 'Elders', position: 1 }
  ];

  it('are the step’s ideas in no (existing) group, once the step has groups', () => {
    const notes = [
      note('n1', 'sterktes', 'g1'),
      note('n2', 'zwaktes'),
      note('n3', 'kansen', 'deleted-group'),
      { ...note('n4', 'kansen'), step: 't' }
    ];
    expect(looseIdeas(notes, clusters, 's').map((n) => n.id)).toEqual(['n2', 'n3']);
    // Without groups every idea is voted on: nothing is left out.
    expect(looseIdeas(notes, [], 's')).toEqual([]);
  });

  it('each become a group of their own in their own column, so the vote counts them', () => {
    const notes = [note('n1', 'sterktes', 'g1'), note('n2', 'zwaktes')];
    const plan = soloGroups(looseIdeas(notes, clusters, 's'));
    expect(plan).toEqual([{ noteId: 'n2', name: 'idee n2', column: 'zwaktes' }]);
    // Applied as LiveSession.groupLooseIdeas does it:
    const made: Cluster[] = plan.map((solo, i) => ({
      id: `solo${i}`,
      stepId: 's',
      column: solo.column,
      name: solo.name,
      position: 2 + i
    }));
    const grouped = notes.map((n) => (n.id === 'n2' ? { ...n, cluster: 'solo0' } : n));
    expect(voteItems(grouped, [...clusters, ...made], 's').map((i) => [i.label, i.column])).toEqual(
      [
        ['Vrijwilligers', 'sterktes'],
        ['idee n2', 'zwaktes']
      ]
    );
  });

  it('are named after their text, on one line, cut at a word when too long for a group', () => {
    expect(groupNameFor('  Te weinig\n budget  ')).toBe('Te weinig budget');
    const long = 'Het vervoer naar activiteiten buiten de gemeente is voor veel gezinnen te duur';
    const name = groupNameFor(long);
    expect([...name].length).toBeLessThanOrEqual(maxClusterNameLength);
    expect(name.endsWith('…')).toBe(true);
    expect(long.startsWith(name.slice(0, -1))).toBe(true);
    expect(name.at(-2)).not.toBe(' ');
    const word = 'x'.repeat(300);
    expect([...groupNameFor(word)].length).toBe(maxClusterNameLength);
  });
});
