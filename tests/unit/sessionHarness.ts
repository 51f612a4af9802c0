import * as Y from 'yjs';
import { roomIdentity } from '../../src/lib/access/identity.ts';
import {
  deriveRoomSecrets,
  facilitatorIdentity,
  newSessionKeys
} from '../../src/lib/access/roomKeys.ts';
import { verifyInJs } from '../../src/lib/access/signatures.ts';
import { toBase32 } from '../../src/lib/domain/ids.ts';
import type { Command, Decision } from '../../src/lib/model/decide.ts';
import type { FlowAction } from '../../src/lib/model/flow.ts';
import type { ViewerRole } from '../../src/lib/model/view.ts';
import type { Script } from '../../src/lib/scripts/schema.ts';
import { ownRecords, SessionClient } from '../../src/lib/sync/SessionClient.ts';
import { SessionRecords } from '../../src/lib/sync/SessionRecords.ts';

/*
 * A session for unit tests: one room, its facilitator and any number of people, each a real
 * SessionClient with its own device secret, all on one shared doc (a network that delivers at
 * once). Commands go through the real rules and signatures.
 */

export interface Person {
  readonly client: SessionClient;
  readonly records: SessionRecords;
  readonly secret: string;
  run(command: Command): Decision;
  /** Runs a command that must be accepted. */
  must(command: Command): void;
}

export interface Room {
  readonly doc: Y.Doc;
  readonly roomKey: string;
  readonly facilitatorKey: string;
  readonly roomId: string;
  readonly verifier: string;
  readonly facilitator: Person;
  /** A device in the room (made on first use, by name). */
  person(name: string, role?: ViewerRole): Person;
  /** Steers as the facilitator. */
  steer(action: FlowAction): void;
  goTo(stepId: string): void;
}

export function newRoom(script: Script, options: { title?: string; doc?: Y.Doc } = {}): Room {
  const { roomKey, facilitatorKey } = newSessionKeys();
  const { roomId, verifier } = deriveRoomSecrets(roomKey);
  const doc = options.doc ?? new Y.Doc();
  const facilitatorIdentityOf = facilitatorIdentity(facilitatorKey);
  const people = new Map<string, Person>();

  const makePerson = (name: string, role: ViewerRole): Person => {
    const secret = `device-${name}`;
    const identity = roomIdentity(secret, roomId);
    const records = new SessionRecords(doc, {
      roomId,
      verifier,
      verifyNow: verifyInJs,
      ownRecord: ownRecords(identity, role === 'facilitator')
    });
    const client = new SessionClient(doc, records, {
      roomId,
      role,
      locale: 'nl',
      identity,
      facilitator: role === 'participant' ? undefined : facilitatorIdentityOf,
      origin: `local:${name}`
    });
    const run = (command: Command): Decision => client.run(command);
    return {
      client,
      records,
      secret,
      run,
      must(command) {
        const decision = run(command);
        if (!decision.ok) throw new Error(`${name}: ${command.type} refused (${decision.reason})`);
      }
    };
  };

  const facilitator = makePerson('facilitator', 'facilitator');
  facilitator.must({
    type: 'start',
    title: options.title ?? 'Testsessie',
    script,
    facilitatorKey: toBase32(facilitatorIdentityOf.publicKey)
  });
  const room: Room = {
    doc,
    roomKey,
    facilitatorKey,
    roomId,
    verifier,
    facilitator,
    person(name, role = 'participant') {
      let person = people.get(name);
      if (!person) people.set(name, (person = makePerson(name, role)));
      return person;
    },
    steer(action) {
      const decision = facilitator.run({ type: 'steer', action, now: Date.UTC(2025, 2, 12, 10) });
      if (!decision.ok && decision.reason !== 'noChange') {
        throw new Error(`steer ${action.type} refused (${decision.reason})`);
      }
    },
    goTo(stepId) {
      room.steer({ type: 'goTo', stepId });
    }
  };
  return room;
}
