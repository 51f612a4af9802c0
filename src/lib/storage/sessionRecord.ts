import type { Script } from '../scripts/schema.ts';
import type { PlacedCarry } from '../tracks/carry.ts';
import type { Locale } from '../domain/locale.ts';
import { stripInvisible } from '../domain/text.ts';

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
  /** What the facilitator added for the report; kept on this device (and in its archive). */
  readonly report?: ReportExtras;
  /** The track this session belongs to (tracks/trackRecord.ts), if any. */
  readonly trackId?: string;
  /**
   * What the facilitator chose to bring from the track's earlier sessions: written into the
   * session's signed records when it starts, and how a carried agreement finds its history.
   */
  readonly carry?: readonly PlacedCarry[];
}

/**
 * The report's own text, typed by the facilitator after the session: who took part
 * (partners, organisations) and a short conclusion. Both may stay empty.
 */
export interface ReportExtras {
  readonly partners: string;
  readonly conclusion: string;
}

export const reportExtrasLimits = { partners: 600, conclusion: 2000 } as const;

/** Report text as typed: invisible characters out, line ends unified, trimmed, within the limits. */
export function cleanReportExtras(raw: { partners: string; conclusion: string }): ReportExtras {
  const clean = (text: string, limit: number): string =>
    [
      ...stripInvisible(text.replace(/\r\n?/g, '\n'))
        .replace(/[ \t]+\n/g, '\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim()
    ]
      .slice(0, limit)
      .join('')
      .trim();
  return {
    partners: clean(raw.partners, reportExtrasLimits.partners),
    conclusion: clean(raw.conclusion, reportExtrasLimits.conclusion)
  };
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
  readonly trackId?: string | undefined;
  readonly carry?: readonly PlacedCarry[] | undefined;
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
    lastOpenedAt: input.now,
    ...(input.trackId ? { trackId: input.trackId } : {}),
    ...(input.carry && input.carry.length > 0 ? { carry: input.carry } : {})
  };
}

/** Library order: the session used most recently first, then the newest. */
export function sortForLibrary(sessions: readonly SessionRecord[]): SessionRecord[] {
  return [...sessions].sort(
    (a, b) =>
      b.lastOpenedAt - a.lastOpenedAt || b.createdAt - a.createdAt || a.id.localeCompare(b.id)
  );
}
