import { stepIndex } from '../model/flow.ts';
import type { SessionData } from '../model/sessionData.ts';

/*
 * How far a session of a track is, for the track's list: not started, at which step, or at
 * its last step (where a facilitator ends a session; Kring has no "closed" state).
 */

export type SessionState =
  | { readonly kind: 'new' }
  | { readonly kind: 'running'; readonly step: number; readonly count: number }
  | { readonly kind: 'lastStep' };

export function sessionState(data: SessionData): SessionState {
  const script = data.session?.script;
  const flow = data.flow;
  if (!script || !flow) return { kind: 'new' };
  const index = stepIndex(script, flow);
  const count = script.steps.length;
  if (index >= count - 1 && count > 1) return { kind: 'lastStep' };
  if (flow.seq <= 1 && flow.timer.runningSince === null && flow.timer.elapsedMs === 0)
    return { kind: 'new' };
  return { kind: 'running', step: index + 1, count };
}
