import type { Script, Step } from '../scripts/schema.ts';
import {
  boardStepId,
  currentStep,
  isRevealed,
  stepIndex,
  voteStatus,
  type FlowState
} from './flow.ts';

/**
 * The one thing the facilitator most likely does next on the current step, shown as the
 * single highlighted button on the facilitate screen: start the timer → show the ideas →
 * open the vote → close it → next step. Everything else sits in a menu.
 */
export type PrimaryMove = 'startTimer' | 'reveal' | 'openVote' | 'closeVote' | 'next' | 'end';

/** Activities where people write or choose while a timer runs. */
const timed: ReadonlySet<Step['activity']['type']> = new Set(['brainstorm', 'round', 'pick']);

export function primaryMove(script: Script, flow: FlowState): PrimaryMove {
  const step = currentStep(script, flow);
  const last = stepIndex(script, flow) >= script.steps.length - 1;
  const onward: PrimaryMove = last ? 'end' : 'next';
  const timerUsed = flow.timer.runningSince !== null || flow.timer.elapsedMs > 0;
  if (step.activity.type === 'vote') {
    const status = voteStatus(flow, step.id);
    return status === 'notOpen' ? 'openVote' : status === 'open' ? 'closeVote' : onward;
  }
  const board = boardStepId(step);
  const boardStep = board === undefined ? undefined : script.steps.find((s) => s.id === board);
  const hidden = boardStep !== undefined && !isRevealed(flow, boardStep);
  // Ideas already shown: the writing is over, timer or not.
  const shown =
    boardStep !== undefined &&
    boardStep.activity.type === 'brainstorm' &&
    boardStep.activity.hidden &&
    !hidden;
  if (timed.has(step.activity.type) && !timerUsed && !shown) return 'startTimer';
  if (hidden) return 'reveal';
  return onward;
}
