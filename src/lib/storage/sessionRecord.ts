import type { Script } from '../scripts/schema.ts';
import type { Locale } from '../domain/locale.ts';

/** A session as the device's library knows it: the card on the library screen. */
export interface SessionRecord {
  readonly id: string;
  readonly title: string;
  readonly scriptId: string;
  /**
   * The script as it was when the session was made (built-in or own template), so later
   * edits or deleting the template never change a session; absent in older records.
   */
  readonly script?: Script;
  readonly locale: Locale;
  /** Opens the room: shared with participants through the join link's fragment. */
  readonly roomKey: string;
  /** Steers the session; never in a participant's link. */
  readonly facilitatorKey: string;
  /** Milliseconds since the epoch, from this device's clock. */
  readonly createdAt: number;
  readonly lastOpenedAt: number;
}

export interface NewSessionInput {
  readonly id: string;
  readonly title: string;
  readonly scriptId: string;
  readonly script?: Script;
  readonly locale: Locale;
  readonly roomKey: string;
  readonly facilitatorKey: string;
  readonly now: number;
}

/** Builds the library record of a freshly created session. */
export function newSession(input: NewSessionInput): SessionRecord {
  return {
    id: input.id,
    title: input.title,
    scriptId: input.scriptId,
    ...(input.script ? { script: input.script } : {}),
    locale: input.locale,
    roomKey: input.roomKey,
    facilitatorKey: input.facilitatorKey,
    createdAt: input.now,
    lastOpenedAt: input.now
  };
}

/** Library order: the session used most recently first, then the newest. */
export function sortForLibrary(sessions: readonly SessionRecord[]): SessionRecord[] {
  return [...sessions].sort(
    (a, b) =>
      b.lastOpenedAt - a.lastOpenedAt || b.createdAt - a.createdAt || a.id.localeCompare(b.id)
  );
}
