import type { Action } from '../domain/actions.ts';
import type { Note } from '../domain/board.ts';
import type { Cluster } from '../domain/clusters.ts';
import type { Locale } from '../domain/locale.ts';
import type { Script } from '../scripts/schema.ts';

/*
 * A session as plain data: what the exports read, with nothing of Yjs in it. The session
 * model's reader fills it from the doc (readSessionData.ts until then); tests build it
 * directly. Author ids are here because counting people needs them; the snapshot drops them.
 */

/** One person's entry for a step: a ballot, a pick or a round answer, as stored (unchecked). */
export interface PersonalEntry {
  readonly stepId: string;
  readonly author: string;
  readonly value: unknown;
}

export interface SessionData {
  readonly title: string;
  /** When the session was made (milliseconds since the epoch). */
  readonly createdAt: number;
  readonly locale: Locale;
  readonly script: Script | undefined;
  readonly notes: readonly Note[];
  readonly clusters: readonly Cluster[];
  readonly actions: readonly Action[];
  readonly ballots: readonly PersonalEntry[];
  readonly picks: readonly PersonalEntry[];
  readonly answers: readonly PersonalEntry[];
}

/** The values of one step's personal entries. */
export function entriesOf(entries: readonly PersonalEntry[], stepId: string): unknown[] {
  return entries.filter((entry) => entry.stepId === stepId).map((entry) => entry.value);
}
