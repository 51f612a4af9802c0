/** A step's countdown. Times are milliseconds on the facilitator's clock. */
export interface TimerState {
  readonly stepId: string;
  readonly durationMs: number;
  /** When it was last started; null while paused or not yet started. */
  readonly runningSince: number | null;
  /** Time used before the last start. */
  readonly elapsedMs: number;
}

export function newTimer(stepId: string, minutes: number): TimerState {
  return { stepId, durationMs: minutes * 60_000, runningSince: null, elapsedMs: 0 };
}

export function startTimer(timer: TimerState, now: number): TimerState {
  return timer.runningSince === null ? { ...timer, runningSince: now } : timer;
}

export function pauseTimer(timer: TimerState, now: number): TimerState {
  if (timer.runningSince === null) return timer;
  return {
    ...timer,
    runningSince: null,
    elapsedMs: timer.elapsedMs + Math.max(0, now - timer.runningSince)
  };
}

export function addMinute(timer: TimerState): TimerState {
  return { ...timer, durationMs: timer.durationMs + 60_000 };
}

/** Milliseconds left; negative once time is up (the screens show the overrun). */
export function remainingMs(timer: TimerState, now: number): number {
  const running = timer.runningSince === null ? 0 : Math.max(0, now - timer.runningSince);
  return timer.durationMs - timer.elapsedMs - running;
}

/** "12:05", or "-0:30" when time is up. */
export function formatClock(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const total = Math.ceil(Math.abs(ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${sign}${minutes}:${String(seconds).padStart(2, '0')}`;
}
