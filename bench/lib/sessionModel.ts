import * as Y from 'yjs';
import { noteColours } from '../../src/lib/domain/board.ts';
import { randomId } from '../../src/lib/domain/ids.ts';
import { insertNote, patchNote } from '../../src/lib/sync/boardDoc.ts';
import { personalKey } from '../../src/lib/sync/sessionDoc.ts';

/*
 * A busy session as Kring's doc stores it: 80 phones (each its own Y.Doc, so its own Yjs
 * client id) add the notes, each author fixes the text of each of their notes once, the
 * facilitator moves every note once (column and position), and everyone votes: dots placed
 * one at a time, each placement rewriting that person's ballot (as LiveSession does).
 * The session's script, flow, clusters and actions are left out: they are small and
 * written by the facilitator's device, which the seeded rooms already have.
 */

export interface BoardStep {
  readonly id: string;
  readonly columns: readonly string[];
}

export interface SessionModelOptions {
  readonly notes?: number;
  readonly phones?: number;
  /** Dots placed in all, over `voteSteps` voting steps. */
  readonly votes?: number;
  readonly voteSteps?: number;
  /** Where the notes go (a brainstorm step of the session). */
  readonly step?: BoardStep;
}

export interface SessionModel {
  /** Every change as the Yjs update its device sent, in causal order. */
  readonly updates: readonly Uint8Array[];
  readonly notes: number;
  readonly edits: number;
  readonly moves: number;
  readonly votes: number;
}

const phrases = [
  'Samen met de bib een voorleesuur op woensdagnamiddag',
  'Te weinig vrijwilligers voor de zomerwerking en de kampen',
  'Gratis fietsherstelpunt aan het jeugdhuis',
  'Mensen weten niet wat er bestaat in de buurt',
  'Vervoer naar de sporthal voor wie geen auto heeft',
  'Uitpas-korting ook voor muziekles en tekenacademie',
  'Buurtfeest met scholen en woonzorgcentra',
  'Infoavond in eenvoudige taal, met tolk',
  'Speelstraat in de zomer',
  'Kinderopvang tijdens de activiteiten'
];

/** A note text of 25 to ~140 characters, like ideas typed on a phone. */
function noteText(i: number): string {
  const first = phrases[i % phrases.length] ?? '';
  const second = phrases[(i * 7 + 3) % phrases.length] ?? '';
  return i % 3 === 0 ? first : `${first}. ${second}`;
}

export function buildSessionModel(options: SessionModelOptions = {}): SessionModel {
  const noteCount = options.notes ?? 1000;
  const phoneCount = options.phones ?? 80;
  const voteCount = options.votes ?? 0;
  const voteSteps = options.voteSteps ?? 5;
  const step = options.step ?? { id: 'brainstorm', columns: ['c1', 'c2', 'c3', 'c4'] };
  const updates: Uint8Array[] = [];
  const record = (doc: Y.Doc): void => {
    doc.on('update', (update: Uint8Array) => updates.push(update));
  };
  const column = (n: number): string => step.columns[n % step.columns.length] ?? 'c1';

  const phones = Array.from({ length: phoneCount }, (_, i) => {
    const doc = new Y.Doc();
    record(doc);
    return { doc, author: randomId(), name: i % 3 === 0 ? `Deelnemer ${i}` : undefined, i };
  });

  const ids: string[] = [];
  const created = Date.now() - 3_600_000;
  for (let n = 0; n < noteCount; n++) {
    const phone = phones[n % phoneCount];
    if (!phone) continue;
    const id = randomId();
    ids.push(id);
    phone.doc.transact(() =>
      insertNote(phone.doc, {
        id,
        step: step.id,
        column: column(n),
        text: noteText(n),
        colour: noteColours[phone.i % noteColours.length] ?? 'yellow',
        author: phone.author,
        authorName: phone.name,
        position: Math.floor(n / step.columns.length) + 1,
        created: created + n * 3000
      })
    );
  }
  // Each author fixes a typo in each of their notes.
  for (const [n, id] of ids.entries()) {
    const phone = phones[n % phoneCount];
    if (phone) patchNote(phone.doc, id, { text: `${noteText(n)}!` });
  }
  // The facilitator's laptop, having received everything, moves every note once.
  const facilitator = new Y.Doc();
  for (const phone of phones) Y.applyUpdate(facilitator, Y.encodeStateAsUpdate(phone.doc));
  record(facilitator);
  for (const [n, id] of ids.entries()) {
    patchNote(facilitator, id, { column: column(n * 3 + 1), position: n / 7 });
  }
  // Dot voting: per voting step, each person places their dots on notes one at a time.
  const dotsPerBallot = Math.ceil(voteCount / Math.max(1, phoneCount * voteSteps));
  let placed = 0;
  for (let round = 0; round < voteSteps && placed < voteCount; round++) {
    for (const phone of phones) {
      const ballot: Record<string, number> = {};
      for (let dot = 0; dot < dotsPerBallot && placed < voteCount; dot++, placed++) {
        const noteId = ids[(phone.i * 13 + round * 31 + dot * 7) % ids.length] ?? '';
        ballot[noteId] = (ballot[noteId] ?? 0) + 1;
        phone.doc.getMap('ballots').set(personalKey(`stemmen-${round + 1}`, phone.author), {
          ...ballot
        });
      }
    }
  }
  for (const phone of phones) phone.doc.destroy();
  facilitator.destroy();
  return { updates, notes: noteCount, edits: ids.length, moves: ids.length, votes: placed };
}

/** The session as one doc. */
export function sessionDoc(model: SessionModel): Y.Doc {
  const doc = new Y.Doc();
  for (const update of model.updates) Y.applyUpdate(doc, update);
  return doc;
}
