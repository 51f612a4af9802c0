/** The current time as reactive state, ticking while a screen shows a timer. */
export class Clock {
  #now = $state(Date.now());
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(intervalMs = 500) {
    this.#timer = setInterval(() => (this.#now = Date.now()), intervalMs);
  }

  get now(): number {
    return this.#now;
  }

  destroy(): void {
    clearInterval(this.#timer);
  }
}
