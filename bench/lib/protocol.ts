/** Commands from the bench to a participants process (bench/lib/participants.ts). */
export type ToParticipants =
  | {
      readonly type: 'join';
      readonly url: string;
      /** Room keys: each phone derives its own login keys, as a real phone does. */
      readonly rooms: readonly string[];
      /** The step (and its columns) the phones write their notes in. */
      readonly step: NoteStep;
      readonly count: number;
      /** Index of this process's first participant across all processes (spreads rooms). */
      readonly firstIndex: number;
    }
  | { readonly type: 'add'; readonly intervalMs: number; readonly durationMs: number }
  | { readonly type: 'leave' };

/** Replies of a participants process. */
export type FromParticipants =
  | { readonly type: 'joined'; readonly count: number }
  /** Notes sent, per room key. */
  | { readonly type: 'added'; readonly sentByRoom: Readonly<Record<string, number>> }
  | { readonly type: 'left' }
  | { readonly type: 'failed'; readonly message: string };

/** A step of the session's script, with the ids of its board's columns. */
export interface NoteStep {
  readonly id: string;
  readonly columns: readonly string[];
}

/** Where phones put their ideas in load tests (any step: the hub checks signatures, not steps). */
export const loadStep: NoteStep = { id: 'bench', columns: ['c1', 'c2', 'c3', 'c4'] };

const ideas = [
  'Samen met de bib een voorleesuur op woensdagnamiddag',
  'Te weinig vrijwilligers voor de zomerwerking',
  'Een gratis fietsherstelpunt aan het jeugdhuis',
  'Mensen weten niet wat er allemaal bestaat in de buurt',
  'Vervoer naar de sporthal voor wie geen auto heeft',
  'Uitpas-korting ook voor muziekles',
  'Buurtfeest met de scholen en de woonzorgcentra',
  'Infoavond in eenvoudige taal'
];

/**
 * Note text that carries its send time in front (ms since the epoch, to 0.01 ms: every bench
 * process reads the same clock), then a realistic idea.
 */
export function timedNoteText(sentAt: number, index: number): string {
  return `${sentAt.toFixed(2)} ${ideas[index % ideas.length] ?? ''}`;
}

/** The send time a timed note carries, or undefined for any other note. */
export function sentAtOf(text: string): number | undefined {
  const value = Number(text.slice(0, text.indexOf(' ')));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
