import { randomId } from '../../src/lib/domain/ids.ts';
import {
  authorIdOf,
  facilitatorCredentials,
  participantCredentials
} from '../../src/lib/sync/hubCredentials.ts';
import { presenceIdOf } from '../../src/lib/sync/presenceId.ts';
import { deriveRoomSecrets, newRoomKey } from '../../src/lib/sync/roomAccess.ts';
import type { RoomTicket } from './protocol.ts';

/*
 * How a bench client gets into a Kring room, as a device does: the doc name is the room id,
 * the token is the device's hub credentials (src/lib/sync/hubCredentials.ts), and the notes
 * it writes carry the author id those credentials prove (the hub refuses anything else from
 * a participant).
 */

export function freshRoomKey(): string {
  return newRoomKey();
}

/** A device's way into a room: its ticket for the relay and the author id its notes carry. */
export interface Device {
  readonly ticket: RoomTicket;
  readonly author: string;
  /** How it shows itself in the room's presence (as RoomConnection announces it). */
  readonly presenceId: string;
}

/** A new participant device (phone) for the room with this key. */
export function participantDevice(roomKey: string): Device {
  const { roomId, hubToken } = deriveRoomSecrets(roomKey);
  const secret = randomId();
  return {
    ticket: { name: roomId, token: participantCredentials(hubToken, secret) },
    author: authorIdOf(secret),
    presenceId: presenceIdOf(secret, roomId)
  };
}

/** A facilitator device: may write anything, e.g. seed a board with everyone's notes. */
export function facilitatorDevice(roomKey: string, facilitatorKey: string): Device {
  const { roomId, hubToken } = deriveRoomSecrets(roomKey);
  const secret = randomId();
  return {
    ticket: {
      name: roomId,
      token: facilitatorCredentials(hubToken, roomId, secret, facilitatorKey, Date.now())
    },
    author: authorIdOf(secret),
    presenceId: presenceIdOf(secret, roomId)
  };
}
