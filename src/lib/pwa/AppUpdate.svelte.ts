import type { Workbox } from 'workbox-window';

/** Whether this page may run a service worker: only in a secure context (https or localhost). */
export function serviceWorkerPossible(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator && window.isSecureContext;
}

/**
 * Registers Kring's Workbox service worker and tells the UI when a new version waits.
 * Phones on http://<lan-ip> have no service worker at all; then this does nothing.
 */
export class AppUpdate {
  #waiting = $state(false);
  #workbox: Workbox | undefined;

  /** A new version is installed and waits for the person to reload. */
  get waiting(): boolean {
    return this.#waiting;
  }

  async register(scriptUrl = '/sw.js'): Promise<void> {
    if (!serviceWorkerPossible()) return;
    // Loaded on demand so the join page on a phone never downloads it.
    const { Workbox } = await import('workbox-window');
    const workbox = new Workbox(scriptUrl);
    workbox.addEventListener('waiting', () => {
      this.#waiting = true;
    });
    this.#workbox = workbox;
    try {
      await workbox.register();
    } catch (error) {
      // Blocked by policy or storage settings: Kring still works, only without offline start.
      this.#workbox = undefined;
      console.warn('Kring: service worker not registered', error);
    }
  }

  /** Activates the waiting version and reloads once it controls the page. */
  apply(): void {
    const workbox = this.#workbox;
    if (!workbox) return;
    workbox.addEventListener('controlling', () => window.location.reload());
    workbox.messageSkipWaiting();
  }
}
