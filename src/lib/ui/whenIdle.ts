/**
 * Resolves once the page has a moment with nothing to do (a screen that is opening has shown
 * what it had to), or after `timeoutMs` at the latest. Browsers without requestIdleCallback
 * (Safari) wait a short while instead.
 */
export function whenIdle(timeoutMs = 3000): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') {
      requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    } else {
      setTimeout(resolve, Math.min(timeoutMs, 1000));
    }
  });
}
