import { describe, expect, it } from 'vitest';
import { maxClusterNameLength } from '../../src/lib/domain/clusters.ts';
import { groupNameFor, soloGroupCommands } from '../../src/lib/model/looseIdeas.ts';
import { builtinScript } from '../../src/lib/scripts/catalog.ts';
import type { Script, Step } from '../../src/lib/scripts/schema.ts';
import { newRoom, type Person } from './sessionHarness.ts';

const swot = builtinScript('swot') as Script;
const voteStep = swot.steps.find((s) => s.id === 'stemmen') as Step;

let ids = 0;
const add = (who: Person, column: string, text: string): string => {
  const id = `idee${++ids}`;
  who.must({ type: 'addNote', stepId: 'swot', id, column, text, now: 0 });
  return id;
};

/** A SWOT with three ideas, one of them in a group of strengths. */
function groupedSwot() {
  const room = newRoom(swot);
  room.goTo('swot');
  const ann = room.person('ann');
  const grouped = add(ann, 'sterktes', 'Veel vrijwilligers');
  add(ann, 'zwaktes', 'Te weinig budget');
  add(ann, 'kansen', 'Samenwerken met scholen');
  room.facilitator.must({
    type: 'createCluster',
    stepId: 'swot',
    id: 'g1',
    name: 'Vrijwilligers',
    column: 'sterktes'
  });
  room.facilitator.must({ type: 'assignCluster', noteId: grouped, clusterId: 'g1' });
  return room;
}

describe('ideas left out of every group before a vote', () => {
  it('each become a group of their own in their own column, so the vote counts them', () => {
    const room = groupedSwot();
    const view = () => room.facilitator.client.view;
    expect(
      view()
        .ungroupedOf(voteStep)
        .map((n) => n.text)
    ).toEqual(['Te weinig budget', 'Samenwerken met scholen']);
    let next = 0;
    const commands = soloGroupCommands(view(), voteStep, () => `solo${++next}`);
    for (const command of commands) room.facilitator.must(command);
    expect(view().ungroupedOf(voteStep)).toEqual([]);
    expect(
      view()
        .voteItemsOf(voteStep)
        .map((item) => [item.label, item.column])
    ).toEqual([
      ['Vrijwilligers', 'sterktes'],
      ['Te weinig budget', 'zwaktes'],
      ['Samenwerken met scholen', 'kansen']
    ]);
    // Nothing left out: nothing more to do.
    expect(soloGroupCommands(view(), voteStep, () => 'x')).toEqual([]);
  });

  it('are none while the brainstorm has no groups (every idea is voted on)', () => {
    const room = newRoom(swot);
    room.goTo('swot');
    add(room.person('ann'), 'zwaktes', 'Te weinig budget');
    expect(soloGroupCommands(room.facilitator.client.view, voteStep, () => 'x')).toEqual([]);
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
