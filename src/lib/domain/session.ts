import type { Script } from '../scripts/schema.ts';
import type { Locale } from './locale.ts';
import { stripInvisible } from './text.ts';

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

export const maxTitleLength = 120;

export type TitleCheck =
  | { readonly ok: true; readonly title: string }
  | { readonly ok: false; readonly error: 'empty' | 'tooLong' };

/** Trims and checks a session title typed by the facilitator. */
export function checkTitle(raw: string): TitleCheck {
  const title = stripInvisible(raw).replace(/\s+/g, ' ').trim();
  if (title.length === 0) return { ok: false, error: 'empty' };
  if ([...title].length > maxTitleLength) return { ok: false, error: 'tooLong' };
  return { ok: true, title };
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
