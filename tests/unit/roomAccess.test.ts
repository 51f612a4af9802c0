import { describe, expect, it } from 'vitest';
import {
  checkJoinLink,
  checkRoomKey,
  deriveRoomSecrets,
  joinPath,
  newRoomKey,
  roomIdForHubToken,
  roomKeyLength
} from '../../src/lib/sync/roomAccess.ts';

const fixed = (byte: number) => (length: number) => new Uint8Array(length).fill(byte);

describe('room keys', () => {
  it('are 128 random bits written in 26 base32 characters', () => {
    const key = newRoomKey();
    expect(key).toHaveLength(roomKeyLength);
    expect(checkRoomKey(key)).toEqual({ ok: true, roomKey: key });
    expect(newRoomKey()).not.toBe(key);
  });

  it('derive the same room id and secrets on every device, different ones per key', () => {
    const key = newRoomKey(fixed(1));
    expect(deriveRoomSecrets(key)).toEqual(deriveRoomSecrets(key));
    const other = deriveRoomSecrets(newRoomKey(fixed(2)));
    expect(other.roomId).not.toBe(deriveRoomSecrets(key).roomId);
    expect(deriveRoomSecrets(key).roomId).toMatch(/^[0-9a-z]{26}$/);
  });

  it('let the hub check a token against a room id without knowing the key', () => {
    const { roomId, hubToken, peerSecret } = deriveRoomSecrets(newRoomKey());
    expect(roomIdForHubToken(hubToken)).toBe(roomId);
    expect(roomIdForHubToken(peerSecret)).not.toBe(roomId);
    expect(roomIdForHubToken(roomId)).toBeUndefined();
    expect(roomIdForHubToken('')).toBeUndefined();
    expect(roomIdForHubToken('not base32 !')).toBeUndefined();
  });

  it('keep the hub token, peer secret and key apart', () => {
    const key = newRoomKey();
    const secrets = deriveRoomSecrets(key);
    expect(new Set([key, secrets.roomId, secrets.hubToken, secrets.peerSecret]).size).toBe(4);
  });
});

describe('join links', () => {
  const key = newRoomKey(fixed(7));
  const { roomId } = deriveRoomSecrets(key);

  it('accept the link the present screen shows', () => {
    expect(joinPath(key)).toBe(`/j/${roomId}#${key}`);
    expect(checkJoinLink(roomId, `#${key}`)).toMatchObject({ ok: true, roomKey: key });
    expect(checkJoinLink(roomId.toUpperCase(), key.toUpperCase())).toMatchObject({ ok: true });
  });

  it('say what is wrong with a damaged link', () => {
    expect(checkJoinLink(roomId, '')).toEqual({ ok: false, problem: 'missing' });
    expect(checkJoinLink(roomId, '#')).toEqual({ ok: false, problem: 'missing' });
    expect(checkJoinLink(roomId, key.slice(0, 20))).toEqual({ ok: false, problem: 'truncated' });
    expect(checkJoinLink(roomId, `${key}x`)).toEqual({ ok: false, problem: 'malformed' });
    expect(checkJoinLink(roomId, 'ab!d')).toEqual({ ok: false, problem: 'malformed' });
    expect(checkJoinLink(roomId, newRoomKey())).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkJoinLink(roomId.slice(0, 10), key)).toEqual({ ok: false, problem: 'mismatch' });
  });
});
