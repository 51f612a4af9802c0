/*
 * SvelteKit saves the page's scroll position (and snapshots) on `beforeunload`, and again
 * whenever the page turns hidden. When the page is left (a reload, another page), that
 * second save comes after the browser has hidden the page, which leaves the style of the
 * whole document to be worked out again: Kit's read of the scroll position then lays out
 * the old page in full (~65 ms with a board of 1,000 ideas on a 2-core laptop), while the
 * next page waits to start. It only repeats the save `beforeunload` has just made, so while
 * the page is leaving the event is kept from Kit's listener (on the window). Hidden any
 * other way (another tab, a locked phone, a page left without `beforeunload`), Kit saves
 * as before. Kring's own listeners for it are on the document and still hear it.
 */

/** Where the page is in leaving: Kit has saved on `beforeunload`, then the page went. */
export interface LeaveState {
  readonly saved: boolean;
  readonly leaving: boolean;
}

export const staying: LeaveState = { saved: false, leaving: false };

/** The state after one of the page's lifecycle events. */
export function nextLeaveState(
  state: LeaveState,
  event: 'beforeunload' | 'pagehide' | 'pageshow'
): LeaveState {
  switch (event) {
    case 'beforeunload':
      return { saved: true, leaving: false };
    // A cancelled `beforeunload` is never followed by `pagehide`, so the page stays.
    case 'pagehide':
      return { saved: state.saved, leaving: state.saved };
    // Back from the back/forward cache: the next leave saves afresh.
    case 'pageshow':
      return staying;
  }
}

/** Whether a `visibilitychange` should reach Kit: not the one of a page leaving. */
export function kitShouldSave(state: LeaveState, visibility: DocumentVisibilityState): boolean {
  return !(visibility === 'hidden' && state.leaving);
}

/** Installs the listeners; returns their removal. */
export function skipRepeatedSaveOnLeave(
  win: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
  doc: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'> = document
): () => void {
  let state = staying;
  const lifecycle = (event: Event): void => {
    state = nextLeaveState(state, event.type as 'beforeunload' | 'pagehide' | 'pageshow');
  };
  const visibility = (event: Event): void => {
    if (!kitShouldSave(state, doc.visibilityState)) event.stopPropagation();
  };
  const events = ['beforeunload', 'pagehide', 'pageshow'] as const;
  for (const type of events) win.addEventListener(type, lifecycle);
  doc.addEventListener('visibilitychange', visibility);
  return () => {
    for (const type of events) win.removeEventListener(type, lifecycle);
    doc.removeEventListener('visibilitychange', visibility);
  };
}
