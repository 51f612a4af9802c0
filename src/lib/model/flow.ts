import type { Script, Step } from '../scripts/schema.ts';
import { addMinute, newTimer, pauseTimer, startTimer, type TimerState } from '../domain/timer.ts';

/**
 * Where the session is: the facilitator's steering, shared with every screen. Only the
 * facilitator changes it (signed; see access/flowSigning.ts). `seq` grows with every change
 * so that screens can refuse an old state replayed at them.
 */
export interface FlowState {
  readonly seq: number;
  readonly stepId: string;
  /** Brainstorm steps whose hidden notes are shown to everyone. */
  readonly revealed: readonly string[];
  /**
   * Vote steps that were opened, with the flow state (its `seq`) that opened and closed them.
   * A ballot counts when its writer saw the vote open (see inputOpen).
   */
  readonly votes: Readonly<Record<string, VoteWindow>>;
  /** Steps where participants can no longer add or change input, with the `seq` that locked them. */
  readonly locked: Readonly<Record<string, number>>;
  readonly timer: TimerState;
  /** A note shown large on the projector, if any. */
  readonly spotlight: string | null;
  /**
   * The projector shows the join QR code large unless the facilitator hid it (then only the
   * short code and the address stay). Absent in flows written before it existed: shown.
   */
  readonly joinHidden?: boolean | undefined;
}

export interface VoteWindow {
  readonly opened: number;
  readonly closed?: number | undefined;
}

export type FlowAction =
  | { readonly type: 'goTo'; readonly stepId: string }
  | { readonly type: 'next' }
  | { readonly type: 'previous' }
  | { readonly type: 'startTimer' }
  | { readonly type: 'pauseTimer' }
  | { readonly type: 'addMinute' }
  | { readonly type: 'reveal' }
  | { readonly type: 'openVote' }
  | { readonly type: 'closeVote' }
  | { readonly type: 'lock' }
  | { readonly type: 'unlock' }
  | { readonly type: 'spotlight'; readonly noteId: string | null }
  | { readonly type: 'showJoin'; readonly show: boolean };

/** The flow of a session that has not started: first step, nothing revealed. */
export function initialFlow(script: Script): FlowState {
  const first = script.steps[0];
  if (!first) throw new Error('a script has at least one step');
  return {
    seq: 1,
    stepId: first.id,
    revealed: [],
    votes: {},
    locked: {},
    timer: newTimer(first.id, first.minutes),
    spotlight: null
  };
}

export function stepIndex(script: Script, flow: FlowState): number {
  return Math.max(
    0,
    script.steps.findIndex((step) => step.id === flow.stepId)
  );
}

/** The step on screen; the first one if the flow names a step the script no longer has. */
export function currentStep(script: Script, flow: FlowState): Step {
  return script.steps[stepIndex(script, flow)] ?? (script.steps[0] as Step);
}

function withItem(list: readonly string[], item: string): readonly string[] {
  return list.includes(item) ? list : [...list, item];
}

function goTo(script: Script, flow: FlowState, index: number): FlowState {
  const step = script.steps[Math.min(Math.max(index, 0), script.steps.length - 1)];
  if (!step || step.id === flow.stepId) return flow;
  // A new step starts with its own, stopped timer; the spotlight goes out.
  return { ...flow, stepId: step.id, timer: newTimer(step.id, step.minutes), spotlight: null };
}

/**
 * The facilitator's next flow state. Actions that make no sense for the current step
 * (reveal on an info step, opening a closed vote) change nothing.
 */
export function applyFlow(
  script: Script,
  flow: FlowState,
  action: FlowAction,
  now: number
): FlowState {
  const step = currentStep(script, flow);
  const type = step.activity.type;
  let next: FlowState = flow;
  switch (action.type) {
    case 'goTo': {
      const index = script.steps.findIndex((s) => s.id === action.stepId);
      if (index >= 0) next = goTo(script, flow, index);
      break;
    }
    case 'next':
      next = goTo(script, flow, stepIndex(script, flow) + 1);
      break;
    case 'previous':
      next = goTo(script, flow, stepIndex(script, flow) - 1);
      break;
    case 'startTimer':
      next = { ...flow, timer: startTimer(flow.timer, now) };
      break;
    case 'pauseTimer':
      next = { ...flow, timer: pauseTimer(flow.timer, now) };
      break;
    case 'addMinute':
      next = { ...flow, timer: addMinute(flow.timer) };
      break;
    case 'reveal': {
      const board = boardStepId(step);
      if (board !== undefined) next = { ...flow, revealed: withItem(flow.revealed, board) };
      break;
    }
    case 'openVote':
      if (type === 'vote' && flow.votes[step.id] === undefined) {
        next = { ...flow, votes: { ...flow.votes, [step.id]: { opened: flow.seq + 1 } } };
      }
      break;
    case 'closeVote': {
      const window = flow.votes[step.id];
      if (type === 'vote' && window && window.closed === undefined) {
        const closed = { ...window, closed: flow.seq + 1 };
        next = { ...flow, votes: { ...flow.votes, [step.id]: closed } };
      }
      break;
    }
    case 'lock':
      if (flow.locked[step.id] === undefined)
        next = { ...flow, locked: { ...flow.locked, [step.id]: flow.seq + 1 } };
      break;
    case 'unlock':
      if (flow.locked[step.id] !== undefined) {
        const locked = { ...flow.locked };
        delete locked[step.id];
        next = { ...flow, locked };
      }
      break;
    case 'spotlight':
      next = { ...flow, spotlight: action.noteId };
      break;
    case 'showJoin':
      if (action.show === (flow.joinHidden === true)) next = { ...flow, joinHidden: !action.show };
      break;
  }
  return next === flow ? flow : { ...next, seq: flow.seq + 1 };
}

/**
 * The brainstorm whose notes a step shows: its own for a brainstorm, the one an info step
 * names as its board (e.g. "reveal and clarify"), else none.
 */
export function boardStepId(step: Step): string | undefined {
  if (step.activity.type === 'brainstorm') return step.id;
  if (step.activity.type === 'info') return step.activity.board;
  return undefined;
}

export function isRevealed(flow: FlowState, step: Step): boolean {
  return (
    step.activity.type !== 'brainstorm' || !step.activity.hidden || flow.revealed.includes(step.id)
  );
}

export function voteStatus(flow: FlowState, stepId: string): 'notOpen' | 'open' | 'closed' {
  const window = flow.votes[stepId];
  if (!window) return 'notOpen';
  return window.closed === undefined ? 'open' : 'closed';
}

export function isLocked(flow: FlowState, stepId: string): boolean {
  return flow.locked[stepId] !== undefined;
}

/**
 * Whether input written by someone who saw flow state `at` counts on this step, judged by
 * the current flow: not at or after the lock, and for a vote within its open window. With
 * `at` = the current `seq` this is "may a person add input right now". Judging by the state
 * the writer saw keeps an idea typed on a phone that was offline when the facilitator locked
 * the step (it saw the step open); a modified app can claim an older state, which is
 * accepted (docs/SECURITY.md).
 */
export function inputOpen(flow: FlowState, step: Step, at: number = flow.seq): boolean {
  const lockedAt = flow.locked[step.id];
  if (lockedAt !== undefined && at >= lockedAt) return false;
  switch (step.activity.type) {
    case 'brainstorm':
    case 'round':
    case 'pick':
      return true;
    case 'vote': {
      const window = flow.votes[step.id];
      if (!window || at < window.opened) return false;
      return window.closed === undefined || at < window.closed;
    }
    default:
      return false;
  }
}

/** Whether participants may add or change input on this step right now. */
export function acceptsInput(flow: FlowState, step: Step): boolean {
  return inputOpen(flow, step);
}

/** One line of the agenda: a step with its planned start time. */
export interface AgendaItem {
  readonly step: Step;
  readonly startsAt: number;
  readonly state: 'done' | 'current' | 'coming';
}

/** The agenda: each step's planned clock time from a start time, given the current step. */
export function agenda(script: Script, flow: FlowState | undefined, start: number): AgendaItem[] {
  const current = flow ? stepIndex(script, flow) : -1;
  let at = start;
  return script.steps.map((step, index) => {
    const item: AgendaItem = {
      step,
      startsAt: at,
      state: index < current ? 'done' : index === current ? 'current' : 'coming'
    };
    at += step.minutes * 60_000;
    return item;
  });
}
