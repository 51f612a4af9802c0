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
      /**
       * Light phones (hub capacity): a raw WebSocket speaking the sync protocol, logging in
       * as a phone does, sending updates prepared before their moment and reading nothing
       * of what the room sends. Otherwise a phone runs Hocuspocus's provider on a Y.Doc
       * that applies everything the room sends.
       */
      readonly light?: boolean;
    }
  | { readonly type: 'add'; readonly intervalMs: number; readonly durationMs: number }
  | { readonly type: 'leave' };

/** Replies of a participants process. */
export type FromParticipants =
  | { readonly type: 'joined'; readonly count: number }
  /** Notes sent, per room key: each note's id and when it was sent (ms since the epoch). */
  | { readonly type: 'added'; readonly sent: Readonly<Record<string, readonly Sent[]>> }
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

/** A note sent: its id and when (ms since the epoch; every bench process reads one clock). */
export type Sent = readonly [id: string, sentAt: number];

/** A realistic idea's text. */
export function noteText(index: number): string {
  return ideas[index % ideas.length] ?? '';
}
