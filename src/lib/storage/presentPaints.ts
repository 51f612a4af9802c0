import type { StateMark } from '../domain/stateMark.ts';
import { localStore } from './localStore.ts';
import { RecentlyKept } from './recentlyKept.ts';

/*
 * The present screen's last paint per session, in localStorage: what the projector showed
 * (its markup, as the screen drew it) and what the room's copy held then. The page's inline
 * script (ui/presentPaintScript.ts) reads it synchronously, before any module has loaded, so a
 * projector window that is reopened or reloaded shows its board at once. Only the few most
 * recent sessions keep one; a session removed from the library loses its paint with it.
 */

export interface PresentPaint {
  readonly v: 1;
  /** The app's build (SvelteKit's version): its markup's style classes belong to it. */
  readonly build: string;
  /** The window's size and pixel ratio the board was laid out for. */
  readonly w: number;
  readonly h: number;
  readonly dpr: number;
  /** The room, whose copy mark (storage/copyMarks.ts) this paint must cover. */
  readonly room: string;
  /** What the doc held when the screen showed this. */
  readonly state: StateMark;
  /** The screen's markup, its live parts (timer, count of people) hidden. */
  readonly html: string;
}

/** The app's styles for a paint on a page that does not bring them (the offline shell). */
export interface PaintStyles {
  readonly build: string;
  readonly css: string;
}

export const paintKey = (sessionId: string): string => `kring-present:${sessionId}`;
export const paintIndexKey = 'kring-present';
export const paintStylesKey = 'kring-present-css';
/** Sessions that keep a paint: the ones whose projector was open last. */
export const paintsKept = 3;

const kept = new RecentlyKept(paintIndexKey, paintKey, paintsKept);

function storedStyles(store: Storage): Partial<PaintStyles> | undefined {
  try {
    return (JSON.parse(store.getItem(paintStylesKey) ?? 'null') as PaintStyles | null) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the session's paint, and the app's styles as the screen has them now (written when
 * they changed: another build, or a step whose view brought styles of its own). Storage that
 * is full or switched off keeps none: the screen then starts as it did without.
 */
export function keepPaint(sessionId: string, paint: PresentPaint, styles: string): void {
  const store = localStore();
  if (!store) return;
  try {
    kept.keep(store, sessionId, JSON.stringify(paint));
    const stored = storedStyles(store);
    if (stored?.build !== paint.build || stored.css !== styles) {
      const css: PaintStyles = { build: paint.build, css: styles };
      store.setItem(paintStylesKey, JSON.stringify(css));
    }
  } catch {
    forgetPaint(sessionId);
  }
}

/** Removes a session's paint (the session left this device, or its copy was replaced). */
export function forgetPaint(sessionId: string): void {
  const store = localStore();
  if (store) kept.forget(store, sessionId);
}

/** Removes every paint of a room whose copy on this device was cleared. */
export function forgetPaintsOfRoom(roomId: string): void {
  const store = localStore();
  if (!store) return;
  for (const id of kept.ids(store)) {
    try {
      const paint = JSON.parse(store.getItem(paintKey(id)) ?? 'null') as { room?: unknown } | null;
      if (!paint || paint.room === roomId) forgetPaint(id);
    } catch {
      forgetPaint(id);
    }
  }
}
