import { describe, expect, it } from 'vitest';
import { applyFlow, initialFlow, isRevealed, type FlowAction } from '../../src/lib/model/flow.ts';
import { primaryMove } from '../../src/lib/model/steering.ts';
import { swot } from '../../src/lib/scripts/builtin/swot.ts';
import { parseScript, type Script } from '../../src/lib/scripts/schema.ts';
import { newRoom } from './sessionHarness.ts';

function run(script: Script, actions: readonly FlowAction[]) {
  return actions.reduce(
    (flow, action, index) => applyFlow(script, flow, action, 1000 * (index + 1)),
    initialFlow(script)
  );
}

const step = (id: string) => {
  const found = swot.steps.find((s) => s.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe('the facilitator’s one highlighted button', () => {
  it('follows a SWOT: next, start timer, show the ideas, next … open and close the vote', () => {
    const moves: string[] = [];
    const script: readonly FlowAction[][] = [
      [],
      [{ type: 'next' }],
      [{ type: 'next' }, { type: 'startTimer' }],
      [{ type: 'next' }, { type: 'startTimer' }, { type: 'reveal' }],
      [{ type: 'goTo', stepId: 'stemmen' }],
      [{ type: 'goTo', stepId: 'stemmen' }, { type: 'openVote' }],
      [{ type: 'goTo', stepId: 'stemmen' }, { type: 'openVote' }, { type: 'closeVote' }],
      [{ type: 'goTo', stepId: 'volgende-stappen' }]
    ];
    for (const actions of script) moves.push(primaryMove(swot, run(swot, actions)));
    expect(moves).toEqual([
      'next',
      'startTimer',
      'reveal',
      'next',
      'openVote',
      'closeVote',
      'next',
      'end'
    ]);
  });

  it('offers to show the ideas on a step that shows a hidden board not shown yet', () => {
    const clarify = run(swot, [{ type: 'goTo', stepId: 'verduidelijken' }]);
    expect(primaryMove(swot, clarify)).toBe('reveal');
    const shown = applyFlow(swot, clarify, { type: 'reveal' }, 0);
    expect(isRevealed(shown, step('swot'))).toBe(true);
    expect(primaryMove(swot, shown)).toBe('next');
  });

  it('moves on once hidden ideas are shown, even without a timer', () => {
    const shown = run(swot, [{ type: 'goTo', stepId: 'swot' }, { type: 'reveal' }]);
    expect(primaryMove(swot, shown)).toBe('next');
  });

  it('moves on once the timer of a brainstorm ran, paused or not', () => {
    const paused = run(swot, [
      { type: 'goTo', stepId: 'swot' },
      { type: 'startTimer' },
      { type: 'reveal' },
      { type: 'pauseTimer' }
    ]);
    expect(primaryMove(swot, paused)).toBe('next');
  });
});

describe('the join QR code on the projector', () => {
  it('is shown until the facilitator hides it, and comes back on request', () => {
    const start = initialFlow(swot);
    expect(start.joinHidden).toBeUndefined();
    const hidden = applyFlow(swot, start, { type: 'showJoin', show: false }, 0);
    expect(hidden.joinHidden).toBe(true);
    expect(hidden.seq).toBe(start.seq + 1);
    expect(applyFlow(swot, hidden, { type: 'showJoin', show: false }, 0)).toBe(hidden);
    // A new step does not bring it back: hiding is the facilitator's call.
    const next = applyFlow(swot, hidden, { type: 'next' }, 0);
    expect(next.joinHidden).toBe(true);
    expect(applyFlow(swot, next, { type: 'showJoin', show: true }, 0).joinHidden).toBe(false);
  });

  it('is hidden on every screen: the signed flow state carries it', () => {
    const room = newRoom(swot);
    const projector = room.person('projector', 'projector');
    room.steer({ type: 'showJoin', show: false });
    expect(projector.client.view.flow?.joinHidden).toBe(true);
    room.steer({ type: 'next' });
    expect(projector.client.view.flow?.joinHidden).toBe(true);
    room.steer({ type: 'showJoin', show: true });
    expect(projector.client.view.flow?.joinHidden).toBe(false);
  });
});

describe('an info step that shows an earlier board', () => {
  it('is part of the script schema and of the session every device reads', () => {
    expect(step('verduidelijken').activity).toEqual({ type: 'info', board: 'swot' });
    // Another device reads the session's own copy of the script back from the signed record.
    const phone = newRoom(swot).person('ann');
    expect(phone.client.view.stepById('verduidelijken')?.activity).toEqual({
      type: 'info',
      board: 'swot'
    });
  });

  it('must name an earlier brainstorm', () => {
    const later = structuredClone(swot) as { steps: { activity: Record<string, unknown> }[] };
    const first = later.steps[0];
    if (!first) throw new Error('a step');
    first.activity = { type: 'info', board: 'swot' };
    expect(parseScript(later).ok).toBe(false);
    first.activity = { type: 'info', board: 'uitleg' };
    expect(parseScript(later).ok).toBe(false);
  });
});
