import { fromBase32 } from '../domain/ids.ts';

/*
 * The shape of a room key and of a join link, with no cryptography: the join page's first
 * screen checks a link with this before anything else loads, so it stays tiny. Whether the
 * key really belongs to the room in the link is checked once the session's code is in
 * (roomKeys.ts checkJoinLink), before any network.
 */

const keyBytes = 16;
const verifierBytes = 16;
const keyChars = Math.ceil((keyBytes * 8) / 5);
const verifierChars = Math.ceil((verifierBytes * 8) / 5);
/** Length of a room key ("K.V") as written in links. */
export const roomKeyLength = keyChars + 1 + verifierChars;
export const roomIdLength = 26;

export type RoomKeyProblem = 'missing' | 'truncated' | 'malformed';

export type RoomKeyShapeCheck =
  | { readonly ok: true; readonly roomKey: string }
  | { readonly ok: false; readonly problem: RoomKeyProblem };

/** Checks the shape of a room key as typed or taken from a link fragment. */
export function checkRoomKeyShape(text: string): RoomKeyShapeCheck {
  const roomKey = text.trim().toLowerCase();
  if (roomKey.length === 0) return { ok: false, problem: 'missing' };
  const [key = '', verifier, ...rest] = roomKey.split('.');
  if (rest.length > 0 || !fromBase32(key) || (verifier !== undefined && !fromBase32(verifier))) {
    return { ok: false, problem: 'malformed' };
  }
  if (key.length > keyChars || (verifier?.length ?? 0) > verifierChars) {
    return { ok: false, problem: 'malformed' };
  }
  if (key.length < keyChars || verifier === undefined || verifier.length < verifierChars) {
    return { ok: false, problem: 'truncated' };
  }
  return { ok: true, roomKey };
}

export type JoinLinkShapeCheck =
  | { readonly ok: true; readonly roomKey: string; readonly roomId: string }
  | { readonly ok: false; readonly problem: RoomKeyProblem | 'mismatch' };

/** A join link's room id and key, when both are well formed (not yet known to belong together). */
export function checkJoinLinkShape(roomId: string, fragment: string): JoinLinkShapeCheck {
  const key = checkRoomKeyShape(fragment.replace(/^#/, ''));
  if (!key.ok) return key;
  const id = roomId.toLowerCase();
  if (id.length !== roomIdLength || !fromBase32(id)) return { ok: false, problem: 'mismatch' };
  return { ok: true, roomKey: key.roomKey, roomId: id };
}
