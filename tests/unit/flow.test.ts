import { describe, expect, it } from 'vitest';
import {
  acceptsInput,
  agenda,
  applyFlow,
  currentStep,
  initialFlow,
  isRevealed,
  voteStatus
} from '../../src/lib/model/flow.ts';
import { formatClock, remainingMs } from '../../src/lib/domain/timer.ts';
import { swot } from '../../src/lib/scripts/builtin/swot.ts';

const at = (minutes: number) => minutes * 60_000;

describe('flow', () => {
  it('starts on the first step with a stopped timer of its length', () => {
    const flow = initialFlow(swot);
    expect(flow).toMatchObject({
      seq: 1,
      stepId: 'uitleg',
      revealed: [],
      locked: {},
      spotlight: null
    });
    expect(remainingMs(flow.timer, 0)).toBe(at(5));
    expect(flow.timer.runningSince).toBeNull();
  });

  it('moves between steps within the script, each with a fresh timer, and counts every change', () => {
    let flow = initialFlow(swot);
    flow = applyFlow(swot, flow, { type: 'previous' }, 0);
    expect(flow.seq).toBe(1);
    flow = applyFlow(swot, flow, { type: 'startTimer' }, 0);
    flow = applyFlow(swot, flow, { type: 'next' }, at(3));
    expect(currentStep(swot, flow).id).toBe('swot');
    expect(flow.timer).toMatchObject({ stepId: 'swot', runningSince: null, elapsedMs: 0 });
    flow = applyFlow(swot, flow, { type: 'goTo', stepId: 'volgende-stappen' }, 0);
    flow = applyFlow(swot, flow, { type: 'next' }, 0);
    expect(flow.stepId).toBe('volgende-stappen');
    expect(flow.seq).toBe(4);
    expect(applyFlow(swot, flow, { type: 'goTo', stepId: 'nope' }, 0)).toBe(flow);
  });

  it('runs, pauses and extends the timer', () => {
    let flow = applyFlow(swot, initialFlow(swot), { type: 'startTimer' }, 1000);
    expect(remainingMs(flow.timer, 1000 + at(2))).toBe(at(3));
    flow = applyFlow(swot, flow, { type: 'pauseTimer' }, 1000 + at(2));
    expect(remainingMs(flow.timer, 1000 + at(30))).toBe(at(3));
    flow = applyFlow(swot, flow, { type: 'addMinute' }, 0);
    flow = applyFlow(swot, flow, { type: 'startTimer' }, at(40));
    expect(remainingMs(flow.timer, at(45))).toBe(-at(1));
    expect(formatClock(remainingMs(flow.timer, at(45)))).toBe('-1:00');
    expect(formatClock(at(12) + 500)).toBe('12:01');
  });

  it('reveals only a hidden brainstorm, and opens then closes a vote once', () => {
    let flow = initialFlow(swot);
    expect(applyFlow(swot, flow, { type: 'reveal' }, 0)).toBe(flow);
    flow = applyFlow(swot, flow, { type: 'next' }, 0);
    const step = currentStep(swot, flow);
    expect(isRevealed(flow, step)).toBe(false);
    flow = applyFlow(swot, flow, { type: 'reveal' }, 0);
    expect(isRevealed(flow, step)).toBe(true);

    flow = applyFlow(swot, flow, { type: 'goTo', stepId: 'stemmen' }, 0);
    const vote = currentStep(swot, flow);
    expect(acceptsInput(flow, vote)).toBe(false);
    expect(applyFlow(swot, flow, { type: 'closeVote' }, 0)).toBe(flow);
    flow = applyFlow(swot, flow, { type: 'openVote' }, 0);
    expect(voteStatus(flow, 'stemmen')).toBe('open');
    expect(acceptsInput(flow, vote)).toBe(true);
    flow = applyFlow(swot, flow, { type: 'closeVote' }, 0);
    expect(voteStatus(flow, 'stemmen')).toBe('closed');
    expect(acceptsInput(flow, vote)).toBe(false);
    expect(applyFlow(swot, flow, { type: 'openVote' }, 0)).toBe(flow);
  });

  it('locks and unlocks input for the current step', () => {
    let flow = applyFlow(swot, initialFlow(swot), { type: 'next' }, 0);
    const step = currentStep(swot, flow);
    expect(acceptsInput(flow, step)).toBe(true);
    flow = applyFlow(swot, flow, { type: 'lock' }, 0);
    expect(acceptsInput(flow, step)).toBe(false);
    flow = applyFlow(swot, flow, { type: 'unlock' }, 0);
    expect(acceptsInput(flow, step)).toBe(true);
    expect(acceptsInput(flow, swot.steps[0] as never)).toBe(false);
  });

  it('puts one note in the spotlight and clears it when the step changes', () => {
    let flow = applyFlow(swot, initialFlow(swot), { type: 'spotlight', noteId: 'n1' }, 0);
    expect(flow.spotlight).toBe('n1');
    flow = applyFlow(swot, flow, { type: 'next' }, 0);
    expect(flow.spotlight).toBeNull();
  });

  it('plans clock times from the start and marks where the group is', () => {
    const flow = applyFlow(swot, initialFlow(swot), { type: 'goTo', stepId: 'verduidelijken' }, 0);
    const items = agenda(swot, flow, at(600));
    expect(items.map((item) => item.startsAt - at(600))).toEqual([
      0,
      at(5),
      at(25),
      at(40),
      at(55),
      at(65)
    ]);
    expect(items.map((item) => item.state)).toEqual([
      'done',
      'done',
      'current',
      'coming',
      'coming',
      'coming'
    ]);
  });
});
