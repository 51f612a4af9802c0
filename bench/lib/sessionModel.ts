import * as Y from 'yjs';
import { roomIdentity } from '../../src/lib/access/identity.ts';
import {
  deriveRoomSecrets,
  facilitatorIdentity,
  newSessionKeys
} from '../../src/lib/access/roomKeys.ts';
import { toBase32 } from '../../src/lib/domain/ids.ts';
import type { Command } from '../../src/lib/model/decide.ts';
import { swot } from '../../src/lib/scripts/builtin/swot.ts';
import { parseScript, type Script, type Step } from '../../src/lib/scripts/schema.ts';
import { SessionClient } from '../../src/lib/sync/SessionClient.ts';
import { SessionRecords } from '../../src/lib/sync/SessionRecords.ts';
import { verifyNative } from '../../src/hub/sync/nodeVerify.ts';

/*
 * A busy session as Kring's devices write it: 80 phones and the facilitator's laptop, each
 * its own Y.Doc (so its own Yjs client id) running the real session client (rules, signed
 * records, one entry per person and step). The phones add the ideas, each author fixes the
 * text of each of their ideas once, the laptop moves every idea once (column and position),
 * and everyone votes: dots placed one at a time, each placement signing that person's ballot
 * again. Devices receive what the others wrote before they need it (the ideas before voting),
 * as they would from the hub.
 *
 * Votes need vote steps on the brainstorm: the doc-size session uses the SWOT with five votes
 * of ten dots each (4,000 dots from 80 phones), the exports the SWOT as it is (one vote of
 * five dots); a room that already has a session (a page benchmark's) gets the votes its
 * script allows on that board, possibly none.
 */

export interface SessionModelOptions {
  readonly notes?: number;
  readonly phones?: number;
  /** Dots placed in all, spread over the vote steps on the brainstorm. */
  readonly votes?: number;
  /** The script of a fresh room's session (benchScript by default). */
  readonly script?: Script;
  /**
   * A room that already holds a session (its doc state), standing at the brainstorm
   * `stepId`. A fresh room with its own session (benchScript) when absent.
   */
  readonly room?: {
    readonly roomKey: string;
    readonly facilitatorKey: string;
    readonly state: Uint8Array;
    readonly stepId: string;
  };
}

export interface SessionModel {
  /** Every change as the Yjs update its device sent, in causal order. */
  readonly updates: readonly Uint8Array[];
  /** How many of the updates came before the voting (the session without its dots). */
  readonly beforeVotes: number;
  readonly roomKey: string;
  readonly facilitatorKey: string;
  readonly stepId: string;
  readonly notes: number;
  readonly edits: number;
  readonly moves: number;
  readonly votes: number;
  readonly devices: number;
}

/** The SWOT with its vote replaced by five, ten dots each: room for 4,000 dots from 80 phones. */
export const benchScript: Script = (() => {
  const steps = swot.steps.flatMap((step): Step[] =>
    step.activity.type === 'vote'
      ? [1, 2, 3, 4, 5].map((n) => ({
          ...step,
          id: `${step.id}-${n}`,
          activity: { ...step.activity, dots: 10, maxPerItem: 2 }
        }))
      : [step]
  );
  const check = parseScript({ ...swot, id: 'bench-swot', steps });
  if (!check.ok) throw new Error(`bench script: ${check.problems.join('; ')}`);
  return check.script;
})();

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

/** An idea's text of 25 to ~140 characters, like ideas typed on a phone. */
function noteText(i: number): string {
  const first = phrases[i % phrases.length] ?? '';
  const second = phrases[(i * 7 + 3) % phrases.length] ?? '';
  return i % 3 === 0 ? first : `${first}. ${second}`;
}

const network = Symbol('bench-network');

/** One device: its own doc, records and client; what it writes is recorded in `updates`. */
function device(roomKey: string, secret: string, updates: Uint8Array[], facilitatorKey?: string) {
  const { roomId, verifier } = deriveRoomSecrets(roomKey);
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== network) updates.push(update);
  });
  const records = new SessionRecords(doc, { roomId, verifier, verifyNow: verifyNative });
  const client = new SessionClient(doc, records, {
    roomId,
    role: facilitatorKey ? 'facilitator' : 'participant',
    locale: 'nl',
    identity: roomIdentity(secret, roomId),
    facilitator: facilitatorKey ? facilitatorIdentity(facilitatorKey) : undefined,
    origin: 'device'
  });
  const must = (command: Command): void => {
    const decision = client.run(command);
    if (!decision.ok) throw new Error(`${command.type} refused (${decision.reason})`);
  };
  /** Receives what another device holds (as the hub would pass it on). */
  const receive = (other: Y.Doc): void => {
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), network);
  };
  const destroy = (): void => {
    client.destroy();
    records.destroy();
    doc.destroy();
  };
  return { doc, client, must, receive, destroy };
}

export function buildSessionModel(options: SessionModelOptions = {}): SessionModel {
  const noteCount = options.notes ?? 1000;
  const phoneCount = options.phones ?? 80;
  const voteCount = options.votes ?? 0;
  const { roomKey, facilitatorKey } = options.room ?? newSessionKeys();
  const stepId = options.room?.stepId ?? 'swot';
  const updates: Uint8Array[] = [];

  // The facilitator's laptop: starts the session, or takes the room's as it is.
  const laptop = device(roomKey, 'bench-laptop', updates, facilitatorKey);
  if (options.room) Y.applyUpdate(laptop.doc, options.room.state, network);
  else {
    laptop.must({
      type: 'start',
      title: 'Benchmark SWOT',
      script: options.script ?? benchScript,
      facilitatorKey: toBase32(facilitatorIdentity(facilitatorKey).publicKey)
    });
    laptop.must({ type: 'steer', action: { type: 'goTo', stepId }, now: Date.now() });
  }
  const view = laptop.client.view;
  const step = view.stepById(stepId);
  if (!step || step.activity.type !== 'brainstorm') throw new Error(`${stepId} is no brainstorm`);
  const columns = view.columnsOf(step).map((column) => column.id);
  const column = (n: number): string => columns[n % columns.length] ?? '';

  const phones = Array.from({ length: phoneCount }, (_, i) => {
    const phone = device(roomKey, `bench-phone-${i}`, updates);
    phone.receive(laptop.doc);
    return { ...phone, i, name: i % 3 === 0 ? `Deelnemer ${i}` : undefined };
  });

  // Ideas, one at a time, round the room; then each author fixes each of theirs once.
  const ids: string[] = [];
  const started = Date.now() - 3_600_000;
  for (let n = 0; n < noteCount; n++) {
    const phone = phones[n % phoneCount];
    if (!phone) continue;
    const id = `idee${n.toString(36).padStart(4, '0')}`;
    ids.push(id);
    phone.must({
      type: 'addNote',
      stepId,
      id,
      column: column(n),
      text: noteText(n),
      name: phone.name,
      now: started + n * 3000
    });
  }
  for (const [n, id] of ids.entries()) {
    phones[n % phoneCount]?.must({ type: 'editNote', noteId: id, text: `${noteText(n)}!` });
  }

  // The laptop, having received everything, moves every idea once.
  for (const phone of phones) laptop.receive(phone.doc);
  for (const [n, id] of ids.entries()) {
    laptop.must({ type: 'moveNote', noteId: id, column: column(n * 3 + 1), position: n / 7 });
  }

  // Dot voting on every vote step about this brainstorm: each person places their dots one
  // at a time, as the phone's screen does.
  const voteSteps = (laptop.client.view.script?.steps ?? []).filter(
    (s) => s.activity.type === 'vote' && s.activity.source === stepId
  );
  let placed = 0;
  const beforeVotes = updates.length;
  if (voteCount > 0 && voteSteps.length > 0) {
    for (const phone of phones) phone.receive(laptop.doc);
    const perBallot = Math.ceil(voteCount / (phoneCount * voteSteps.length));
    for (const [round, vote] of voteSteps.entries()) {
      if (placed >= voteCount) break;
      laptop.must({ type: 'steer', action: { type: 'goTo', stepId: vote.id }, now: Date.now() });
      laptop.must({ type: 'steer', action: { type: 'openVote' }, now: Date.now() });
      for (const phone of phones) {
        phone.receive(laptop.doc);
        for (let dot = 0, k = 0; dot < perBallot && placed < voteCount && k < ids.length; k++) {
          const itemId = ids[(phone.i * 13 + round * 31 + k * 7) % ids.length] ?? '';
          if (phone.client.run({ type: 'addDot', stepId: vote.id, itemId }).ok) {
            dot += 1;
            placed += 1;
          }
        }
      }
      laptop.must({ type: 'steer', action: { type: 'closeVote' }, now: Date.now() });
    }
    // Back to the board, where the screens that are measured look.
    laptop.must({ type: 'steer', action: { type: 'goTo', stepId }, now: Date.now() });
  }

  for (const phone of phones) phone.destroy();
  laptop.destroy();
  return {
    updates,
    beforeVotes,
    roomKey,
    facilitatorKey,
    stepId,
    notes: ids.length,
    edits: ids.length,
    moves: ids.length,
    votes: placed,
    devices: phoneCount + 1
  };
}

/** The session as one doc; `upTo` updates only when given (e.g. before the voting). */
export function sessionDoc(model: SessionModel, upTo = model.updates.length): Y.Doc {
  const doc = new Y.Doc();
  for (const update of model.updates.slice(0, upTo)) Y.applyUpdate(doc, update);
  return doc;
}
