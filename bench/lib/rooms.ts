import { loginKeysFor, type LoginKeys } from '../../src/lib/access/hubLogin.ts';
import { deriveRoomSecrets, newRoomKey } from '../../src/lib/access/roomKeys.ts';
import { randomId } from '../../src/lib/domain/ids.ts';
import { presenceIdOf } from '../../src/lib/access/presenceId.ts';

/*
 * How a bench client gets into a Kring room, as a device does: it derives its login keys from
 * the room key and a device secret of its own, and signs a fresh challenge from the hub on
 * every connect (src/lib/access/hubLogin.ts). What it may write is decided by signatures, not
 * by the login: a phone signs its own entries, the facilitator key signs boards and the flow.
 */

export function freshRoomKey(): string {
  return newRoomKey();
}

/** A device of a room: its secret and the keys it logs in with. */
export interface Device {
  readonly roomKey: string;
  readonly deviceSecret: string;
  readonly login: LoginKeys;
  /** On a facilitator's laptop. */
  readonly facilitatorKey?: string | undefined;
  /** How it shows itself in the room's presence (as RoomConnection announces it). */
  readonly presenceId: string;
}

/** A new participant device (phone) for the room with this key. */
export function participantDevice(roomKey: string): Device {
  const deviceSecret = randomId();
  return {
    roomKey,
    deviceSecret,
    login: loginKeysFor(roomKey, deviceSecret),
    presenceId: presenceIdOf(deviceSecret, deriveRoomSecrets(roomKey).roomId)
  };
}

/** A facilitator device: signs the flow and boards with the facilitator key. */
export function facilitatorDevice(roomKey: string, facilitatorKey: string): Device {
  const deviceSecret = randomId();
  return {
    roomKey,
    deviceSecret,
    facilitatorKey,
    login: loginKeysFor(roomKey, deviceSecret, facilitatorKey),
    presenceId: presenceIdOf(deviceSecret, deriveRoomSecrets(roomKey).roomId)
  };
}
