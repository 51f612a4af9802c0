import type * as Y from 'yjs';
import type { FlowState } from '../../../src/lib/model/flow.ts';
import type { RandomBytes } from '../../../src/lib/domain/ids.ts';
import { parseScript, type Script } from '../../../src/lib/scripts/schema.ts';
import { canonicalJson } from '../../../src/lib/domain/canonicalJson.ts';
import {
  deriveRoomSecrets,
  facilitatorIdentity,
  newSessionKeys,
  type FacilitatorIdentity
} from '../../../src/lib/sync/roomAccess.ts';
import { trustedFlow } from '../../../src/lib/sync/trustedFlow.ts';
import type { Prng } from './prng.ts';

/*
 * The guided session a case runs: real room and facilitator keys (from the case's seed), a
 * script with every activity that takes input, and which devices are facilitators and which
 * one is hostile. Each device follows the flow as LiveSession does: trustedFlow over its doc,
 * with the state it followed so far as `current`, recomputed whenever the flow or the session
 * part of its doc changes, and starting afresh when the page reloads.
 */

const text = (nl: string, en: string) => ({ nl, en });

function step(id: string, activity: unknown, minutes = 5) {
  return {
    id,
    title: text(`Stap ${id}`, `Step ${id}`),
    prompt: text(`Wat denk je over ${id}?`, `What do you think of ${id}?`),
    facilitatorNotes: text('', ''),
    minutes,
    activity
  };
}

const parsed = parseScript({
  schema: 1,
  id: 'fuzz',
  title: text('Fuzzsessie', 'Fuzz session'),
  summary: text('Elke activiteit die input vraagt.', 'Every activity that takes input.'),
  steps: [
    step('welkom', { type: 'info' }),
    step('brainstorm', {
      type: 'brainstorm',
      columns: [
        { id: 'c1', title: text('Kansen', 'Chances') },
        { id: 'c2', title: text('Zorgen', 'Worries') }
      ],
      anonymous: true,
      hidden: true
    }),
    step('clusteren', { type: 'cluster', source: 'brainstorm' }),
    step('stemmen', { type: 'vote', source: 'brainstorm', dots: 3, maxPerItem: 2 }),
    step('kiezen', { type: 'pick', cards: 'principles', max: 2 }),
    step('nog-eens-stemmen', { type: 'vote', source: 'brainstorm', dots: 5, maxPerItem: 1 }),
    step('rondje', { type: 'round', display: 'cloud', maxLength: 30 }),
    step('afspraken', { type: 'actions' })
  ]
});
if (!parsed.ok) throw new Error(`the fuzz script is invalid: ${parsed.problems.join('; ')}`);

/** The script every guided case runs (checked by the real schema). */
export const fuzzScript: Script = parsed.script;

/** The guided session of one case: its keys, and who is who. */
export interface SessionSetup {
  readonly roomId: string;
  readonly verifier: string;
  readonly identity: FacilitatorIdentity;
  /** A key that is not the room's: what a participant forging a signature has. */
  readonly impostor: FacilitatorIdentity;
  readonly script: Script;
  readonly title: string;
  /** Devices with the facilitator key (0 always; sometimes a co-facilitator's laptop too). */
  readonly facilitators: ReadonlySet<number>;
  /** A participant's device with a modified app that forges and replays flow states. */
  readonly hostile: number | undefined;
}

/** Random bytes from the case's generator, so keys (and signatures) are seeded too. */
export function seededBytes(rng: Prng): RandomBytes {
  return (length) => {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) bytes[i] = rng.int(0, 255);
    return bytes;
  };
}

export function newSessionSetup(rng: Prng, devices: number): SessionSetup {
  const random = seededBytes(rng);
  const { roomKey, facilitatorKey } = newSessionKeys(random);
  const { roomId, verifier } = deriveRoomSecrets(roomKey);
  const facilitators = new Set([0]);
  if (rng.chance(0.4)) facilitators.add(1);
  const hostile = rng.chance(0.6) ? devices - 1 : undefined;
  return {
    roomId,
    verifier,
    identity: facilitatorIdentity(facilitatorKey),
    impostor: facilitatorIdentity(newSessionKeys(random).facilitatorKey),
    script: fuzzScript,
    title: 'Werkgroep fuzz',
    facilitators,
    hostile
  };
}

/** One state a device followed, for the oracle. */
export interface Followed {
  readonly state: FlowState;
  readonly canonical: string;
  /** Bumped when the device crashes: it may then lose states it had not stored yet. */
  readonly epoch: number;
  readonly incarnation: number;
  /** The case step at which the device started following it. */
  readonly step: number;
}

/** What a device's screen follows, as LiveSession computes it. */
export class FlowView {
  current: FlowState | undefined;
  readonly history: Followed[] = [];
  epoch = 0;
}

/**
 * Follows the flow in `doc` as LiveSession does from the moment a page opens it: at once, and
 * after every change. trustedFlow reads only the flow and the session maps, so changes to
 * those are all that can change its answer (LiveSession recomputes after any session change;
 * the result is the same).
 */
export function followFlow(
  doc: Y.Doc,
  view: FlowView,
  setup: SessionSetup,
  incarnation: number,
  now: () => number
): void {
  view.current = undefined;
  const read = (): void => {
    const next = trustedFlow(doc, setup.roomId, setup.verifier, view.current);
    if (next === view.current || !next) return;
    const canonical = canonicalJson(next);
    const last = view.history.at(-1);
    view.current = next;
    if (last && last.canonical === canonical && last.incarnation === incarnation) return;
    view.history.push({ state: next, canonical, epoch: view.epoch, incarnation, step: now() });
  };
  read();
  doc.getMap('flow').observe(read);
  doc.getMap('session').observe(read);
}
