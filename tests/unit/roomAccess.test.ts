import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import {
  checkFacilitatorLink,
  checkJoinLink,
  checkRoomKey,
  deriveRoomSecrets,
  facilitatorIdentity,
  facilitatorPath,
  joinPath,
  newRoomKey,
  newSessionKeys,
  roomIdForHubToken,
  roomKeyLength
} from '../../src/lib/sync/roomAccess.ts';
import {
  authorIdOf,
  facilitatorCredentials,
  participantCredentials,
  verifyCredentials
} from '../../src/lib/sync/hubCredentials.ts';

const fixed = (byte: number) => (length: number) => new Uint8Array(length).fill(byte);

describe('room keys', () => {
  it('are 128 random bits plus the facilitator fingerprint, written "K.V"', () => {
    const key = newRoomKey();
    expect(key).toHaveLength(roomKeyLength);
    expect(key).toMatch(/^[0-9a-z]{26}\.[0-9a-z]{26}$/);
    expect(checkRoomKey(key)).toEqual({ ok: true, roomKey: key });
    expect(newRoomKey()).not.toBe(key);
  });

  it('name the facilitator whose key the session holds', () => {
    const { roomKey, facilitatorKey } = newSessionKeys();
    expect(roomKey.split('.')[1]).toBe(facilitatorIdentity(facilitatorKey).verifier);
    expect(deriveRoomSecrets(roomKey).verifier).toBe(facilitatorIdentity(facilitatorKey).verifier);
  });

  it('derive the same room id and secrets on every device, different ones per key', () => {
    const key = newRoomKey(fixed(1));
    expect(deriveRoomSecrets(key)).toEqual(deriveRoomSecrets(key));
    const other = deriveRoomSecrets(newRoomKey(fixed(2)));
    expect(other.roomId).not.toBe(deriveRoomSecrets(key).roomId);
    expect(deriveRoomSecrets(key).roomId).toMatch(/^[0-9a-z]{26}$/);
  });

  it('bind the facilitator into the room id: another fingerprint is another room', () => {
    const [k] = newRoomKey(fixed(3)).split('.');
    const a = deriveRoomSecrets(
      `${k}.${facilitatorIdentity(newSessionKeys().facilitatorKey).verifier}`
    );
    const b = deriveRoomSecrets(
      `${k}.${facilitatorIdentity(newSessionKeys().facilitatorKey).verifier}`
    );
    expect(a.roomId).not.toBe(b.roomId);
  });

  it('let the hub check a token against a room id without knowing the key', () => {
    const { roomId, hubToken, peerSecret } = deriveRoomSecrets(newRoomKey());
    expect(roomIdForHubToken(hubToken)).toBe(roomId);
    expect(roomIdForHubToken(peerSecret)).toBeUndefined();
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
    expect(checkJoinLink(roomId, key.slice(0, 40))).toEqual({ ok: false, problem: 'truncated' });
    expect(checkJoinLink(roomId, `${key}x`)).toEqual({ ok: false, problem: 'malformed' });
    expect(checkJoinLink(roomId, `${key}.x`)).toEqual({ ok: false, problem: 'malformed' });
    expect(checkJoinLink(roomId, 'ab!d')).toEqual({ ok: false, problem: 'malformed' });
    expect(checkJoinLink(roomId, newRoomKey())).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkJoinLink(roomId.slice(0, 10), key)).toEqual({ ok: false, problem: 'mismatch' });
  });
});

describe('hub credentials', () => {
  const { roomKey, facilitatorKey } = newSessionKeys();
  const { roomId, hubToken } = deriveRoomSecrets(roomKey);
  const now = 1_800_000_000_000;

  it('admit a participant as the author its device secret stands for', () => {
    expect(
      verifyCredentials(participantCredentials(hubToken, 'secretsecret0001'), roomId, now)
    ).toEqual({
      roomId,
      role: 'participant',
      author: authorIdOf('secretsecret0001')
    });
    expect(authorIdOf('secretsecret0001')).not.toBe(authorIdOf('secretsecret0002'));
  });

  it('admit a facilitator only with a fresh signature by the room’s facilitator key', () => {
    const token = facilitatorCredentials(hubToken, roomId, 'secretsecret0001', facilitatorKey, now);
    expect(verifyCredentials(token, roomId, now)?.role).toBe('facilitator');
    expect(verifyCredentials(token, roomId, now + 11 * 60_000)).toBeUndefined();
    const impostor = facilitatorCredentials(
      hubToken,
      roomId,
      'secretsecret0001',
      newSessionKeys().facilitatorKey,
      now
    );
    expect(verifyCredentials(impostor, roomId, now)).toBeUndefined();
    const parts = token.split('.');
    parts[6] = parts[6]?.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) ?? '';
    expect(verifyCredentials(parts.join('.'), roomId, now)).toBeUndefined();
  });

  it('refuse credentials for another room or without a device secret', () => {
    const other = deriveRoomSecrets(newRoomKey());
    expect(
      verifyCredentials(participantCredentials(other.hubToken, 'secretsecret0001'), roomId, now)
    ).toBeUndefined();
    expect(verifyCredentials(hubToken, roomId, now)).toBeUndefined();
    expect(verifyCredentials(`${hubToken}.p.`, roomId, now)).toBeUndefined();
    expect(verifyCredentials(`${hubToken}.x.secretsecret0001`, roomId, now)).toBeUndefined();
    expect(verifyCredentials('x'.repeat(1000), roomId, now)).toBeUndefined();
  });

  it('uses Ed25519 signatures the hub can check', () => {
    const identity = facilitatorIdentity(facilitatorKey);
    const message = new TextEncoder().encode('hello');
    expect(
      ed25519.verify(ed25519.sign(message, identity.secretKey), message, identity.publicKey)
    ).toBe(true);
  });
});

describe('co-facilitator links', () => {
  const { roomKey, facilitatorKey } = newSessionKeys();
  const { roomId } = deriveRoomSecrets(roomKey);

  it('carry the room key and the facilitator key that belongs to it', () => {
    const path = facilitatorPath(roomKey, facilitatorKey);
    expect(path).toBe(`/f/${roomId}#${roomKey}.${facilitatorKey}`);
    expect(checkFacilitatorLink(roomId, `#${roomKey}.${facilitatorKey}`)).toEqual({
      ok: true,
      roomKey,
      facilitatorKey,
      roomId
    });
  });

  it('refuse a participant link, a cut-off key or another facilitator’s key', () => {
    expect(checkFacilitatorLink(roomId, roomKey)).toEqual({ ok: false, problem: 'truncated' });
    expect(checkFacilitatorLink(roomId, `${roomKey}.${facilitatorKey.slice(0, 10)}`)).toEqual({
      ok: false,
      problem: 'truncated'
    });
    expect(checkFacilitatorLink(roomId, `${roomKey}.${newSessionKeys().facilitatorKey}`)).toEqual({
      ok: false,
      problem: 'mismatch'
    });
    expect(checkFacilitatorLink(roomId, `${roomKey}.${facilitatorKey}x`)).toMatchObject({
      ok: false
    });
  });
});
