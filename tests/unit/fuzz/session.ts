import { roomIdentity, type RoomIdentity } from '../../../src/lib/access/identity.ts';
import {
  deriveRoomSecrets,
  facilitatorIdentity,
  newSessionKeys,
  type FacilitatorIdentity
} from '../../../src/lib/access/roomKeys.ts';
import { toBase32, type RandomBytes } from '../../../src/lib/domain/ids.ts';
import { parseScript, type Script } from '../../../src/lib/scripts/schema.ts';
import type { Prng } from './prng.ts';

/*
 * The session a fuzz case runs: real room and facilitator keys and device secrets (from the
 * case's seed), a script with every activity that takes input, and who is who: one or two
 * facilitator laptops holding the facilitator key, participants' phones, and sometimes a phone
 * with a modified app (hostile.ts).
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
      hidden: true,
      maxNotesPerPerson: 4,
      maxLength: 40
    }),
    step('clusteren', { type: 'cluster', source: 'brainstorm' }),
    step('stemmen', { type: 'vote', source: 'brainstorm', dots: 3, maxPerItem: 2 }),
    step('kiezen', { type: 'pick', cards: 'principles', max: 2 }),
    step('met-naam', {
      type: 'brainstorm',
      columns: [{ id: 'n1', title: text('Ideeën', 'Ideas') }],
      anonymous: false,
      hidden: false
    }),
    step('nog-eens-stemmen', { type: 'vote', source: 'met-naam', dots: 5, maxPerItem: 1 }),
    step('rondje', { type: 'round', display: 'cloud', maxLength: 30 }),
    step('afspraken', { type: 'actions' })
  ]
});
if (!parsed.ok) throw new Error(`the fuzz script is invalid: ${parsed.problems.join('; ')}`);

/** The script every case runs (checked by the real schema). */
export const fuzzScript: Script = parsed.script;

export type Role = 'facilitator' | 'participant' | 'hostile';

/** The session of one case: its keys, and who is who. */
export interface SessionSetup {
  readonly roomKey: string;
  readonly roomId: string;
  readonly verifier: string;
  readonly facilitatorKey: string;
  readonly facilitator: FacilitatorIdentity;
  /** The facilitator's public key as the session record names it. */
  readonly facilitatorPublic: string;
  /** A facilitator key that is not the room's: what a modified app signs with. */
  readonly impostor: FacilitatorIdentity;
  readonly script: Script;
  readonly title: string;
  /** Each device's role: 0 is the facilitator's laptop, sometimes 1 a co-facilitator's. */
  readonly roles: readonly Role[];
  /** Each device's secret (localStorage): its author keys per room and step come from it. */
  readonly secrets: readonly string[];
  /** Each device's identity in the room. */
  readonly identities: readonly RoomIdentity[];
}

/** Random bytes from the case's generator, so keys (and signatures) are seeded too. */
export function seededBytes(rng: Prng): RandomBytes {
  return (length) => {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) bytes[i] = rng.int(0, 255);
    return bytes;
  };
}

export function newSessionSetup(rng: Prng, devices: number, hostile: boolean): SessionSetup {
  const random = seededBytes(rng);
  const { roomKey, facilitatorKey } = newSessionKeys(random);
  const { roomId, verifier } = deriveRoomSecrets(roomKey);
  const facilitator = facilitatorIdentity(facilitatorKey);
  const roles: Role[] = Array.from({ length: devices }, (_, i): Role => {
    if (i === 0) return 'facilitator';
    if (i === 1 && rng.chance(0.4)) return 'facilitator';
    return hostile && i === devices - 1 ? 'hostile' : 'participant';
  });
  const secrets = roles.map(() => toBase32(random(16)));
  return {
    roomKey,
    roomId,
    verifier,
    facilitatorKey,
    facilitator,
    facilitatorPublic: toBase32(facilitator.publicKey),
    impostor: facilitatorIdentity(newSessionKeys(random).facilitatorKey),
    script: fuzzScript,
    title: 'Werkgroep fuzz',
    roles,
    secrets,
    identities: secrets.map((secret) => roomIdentity(secret, roomId))
  };
}

/** A facilitator's clock: one second per case step, so timers are seeded too. */
export const clockAt = (step: number): number => 1_700_000_000_000 + step * 1000;
