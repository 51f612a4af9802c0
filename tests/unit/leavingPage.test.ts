import { describe, expect, it } from 'vitest';
import {
  kitShouldSave,
  nextLeaveState,
  skipRepeatedSaveOnLeave,
  staying,
  type LeaveState
} from '../../src/lib/ui/leavingPage.ts';

const after = (...events: ('beforeunload' | 'pagehide' | 'pageshow')[]): LeaveState =>
  events.reduce(nextLeaveState, staying);

describe("Kit's second save of a page that is leaving", () => {
  it('is skipped once beforeunload has saved and the page has gone', () => {
    expect(kitShouldSave(after('beforeunload', 'pagehide'), 'hidden')).toBe(false);
  });

  it('still happens when the page is hidden without leaving (another tab, a locked phone)', () => {
    expect(kitShouldSave(staying, 'hidden')).toBe(true);
    // beforeunload cancelled (the page asked to stay): no pagehide follows.
    expect(kitShouldSave(after('beforeunload'), 'hidden')).toBe(true);
  });

  it('still happens when the page goes without a beforeunload (a phone closing the tab)', () => {
    expect(kitShouldSave(after('pagehide'), 'hidden')).toBe(true);
  });

  it('happens again after the page comes back from the back/forward cache', () => {
    expect(kitShouldSave(after('beforeunload', 'pagehide', 'pageshow'), 'hidden')).toBe(true);
    expect(kitShouldSave(after('beforeunload', 'pagehide', 'pageshow', 'pagehide'), 'hidden')).toBe(
      true
    );
  });

  it('never holds back the page becoming visible', () => {
    expect(kitShouldSave(after('beforeunload', 'pagehide'), 'visible')).toBe(true);
  });

  it('stops the event at the document, so window listeners miss it, and can be removed', () => {
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'hidden' as const });
    const remove = skipRepeatedSaveOnLeave(win, doc);
    const hidden = (): Event => {
      const event = new Event('visibilitychange', { bubbles: true });
      doc.dispatchEvent(event);
      return event;
    };
    expect(hidden().cancelBubble).toBe(false);
    win.dispatchEvent(new Event('beforeunload'));
    win.dispatchEvent(new Event('pagehide'));
    expect(hidden().cancelBubble).toBe(true);
    remove();
    expect(hidden().cancelBubble).toBe(false);
  });
});
