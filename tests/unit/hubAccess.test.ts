import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toBase32 } from '../../src/lib/domain/ids.ts';
import { facilitatorCredentials } from '../../src/lib/sync/hubCredentials.ts';
import { decryptJson, deriveKey, encryptJson } from '../../src/lib/sync/peerCrypto.ts';
import { newSessionKeys, deriveRoomSecrets, roomIdLength } from '../../src/lib/sync/roomAccess.ts';
import { insertNote } from '../../src/lib/sync/boardDoc.ts';
import {
  newTestRoom,
  poll,
  signalStatus,
  SyncTestKit,
  type SyncServer
} from '../support/syncServer.ts';

// Who gets into a room, beyond the token checks in hubSync.test.ts: guessed room ids,
// look-alike room ids, stale facilitator credentials, and peer (signaling) messages that are
// replayed, tampered with or sealed for another room.

let kit: SyncTestKit;

beforeEach(() => {
  kit = new SyncTestKit();
});

afterEach(async () => {
  await kit.cleanup();
  vi.restoreAllMocks();
});

/** Connects with a token and resolves with what the hub answered: the reason, or 'synced'. */
async function attempt(hub: SyncServer, roomId: string, token: string): Promise<string> {
  const provider = kit.connect(hub, roomId, token, { reconnect: false });
  const messages: unknown[] = [];
  provider.on('message', (message: unknown) => messages.push(message));
  const outcome = await new Promise<string>((resolve) => {
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => resolve(reason));
    provider.on('synced', () => resolve('synced'));
  });
  if (outcome !== 'synced') {
    // The refusal is all it ever got: no document content.
    expect(messages).toHaveLength(1);
    expect(provider.document.getMap('notes').size).toBe(0);
  }
  provider.destroy();
  return outcome;
}

/** A room the hub holds, with one note in it. */
async function occupiedRoom(hub: SyncServer) {
  const room = newTestRoom();
  const owner = kit.connect(hub, room.roomId, room.facilitator);
  insertNote(owner.document, {
    id: 'secret-note',
    step: 's1',
    column: 'c1',
    text: 'alleen voor de groep',
    colour: 'yellow',
    author: 'owner',
    position: 1,
    created: 1
  });
  await vi.waitFor(() => expect(owner.hasUnsyncedChanges).toBe(false), poll);
  return room;
}

describe('room access', () => {
  it('gives nothing for guessed room ids, even to someone with a valid key of their own', async () => {
    const hub = await kit.start();
    await occupiedRoom(hub);
    const attacker = newTestRoom();
    for (let i = 0; i < 10; i++) {
      const guess = toBase32(crypto.getRandomValues(new Uint8Array(17))).slice(0, roomIdLength);
      expect(await attempt(hub, guess, attacker.facilitator)).toBe('permission-denied');
      expect(await attempt(hub, guess, attacker.hubToken)).toBe('permission-denied');
      expect(await signalStatus(hub.url(`/signal?room=${guess}&token=${attacker.hubToken}`))).toBe(
        401
      );
    }
  });

  it('treats a room id that differs in case, spacing or look-alike letters as another room', async () => {
    const hub = await kit.start();
    const room = await occupiedRoom(hub);
    const lookAlikes = [
      room.roomId.toUpperCase(),
      ` ${room.roomId}`,
      `${room.roomId} `,
      room.roomId.replace(/0/g, 'o').replace(/1/g, 'l'),
      `${room.roomId.slice(0, -1)}\u0430` // Cyrillic a
    ].filter((id) => id !== room.roomId);
    for (const id of lookAlikes) {
      expect(await attempt(hub, id, room.facilitator), JSON.stringify(id)).toBe(
        'permission-denied'
      );
    }
    // The real one still opens.
    expect(await attempt(hub, room.roomId, room.facilitator)).toBe('synced');
  });

  it('refuses facilitator credentials that are stale, for another room, or re-signed by someone else', async () => {
    const hub = await kit.start();
    const { roomKey, facilitatorKey } = newSessionKeys();
    const room = deriveRoomSecrets(roomKey);
    const device = 'device0000000000000';
    const at = (minutesAgo: number, key = facilitatorKey, roomId = room.roomId) =>
      facilitatorCredentials(room.hubToken, roomId, device, key, Date.now() - minutesAgo * 60_000);
    // A captured credential replayed long after (the signature names the minute).
    expect(await attempt(hub, room.roomId, at(60))).toBe('permission-denied');
    // Signed for another room id.
    const other = deriveRoomSecrets(newSessionKeys().roomKey);
    expect(await attempt(hub, room.roomId, at(0, facilitatorKey, other.roomId))).toBe(
      'permission-denied'
    );
    // Signed by a key that is not this room's facilitator.
    expect(await attempt(hub, room.roomId, at(0, newSessionKeys().facilitatorKey))).toBe(
      'permission-denied'
    );
    expect(await attempt(hub, room.roomId, at(0))).toBe('synced');
  });
});

describe('peer (signaling) messages', () => {
  it('open only once, unaltered, with the room’s own key', async () => {
    const { peerSecret, roomId } = deriveRoomSecrets(newSessionKeys().roomKey);
    const key = await deriveKey(peerSecret, roomId);
    const offer = { type: 'signal', from: 'peer-a', to: 'peer-b', signal: { sdp: 'v=0' } };
    const sealed = await encryptJson(offer, key);
    expect(await decryptJson(sealed, key)).toEqual(offer);

    // The same bytes again: someone on the signaling path replaying a captured message.
    await expect(decryptJson(sealed, key)).rejects.toThrow('replayed');
    // One byte changed anywhere.
    for (const index of [0, 20, sealed.length - 1]) {
      const tampered = sealed.slice();
      tampered[index] = (tampered[index] ?? 0) ^ 0x40;
      await expect(decryptJson(tampered, key)).rejects.toThrow();
    }
    // Sealed for another room (another room key, or the same secret for another room id).
    const other = deriveRoomSecrets(newSessionKeys().roomKey);
    const foreign = await encryptJson(offer, await deriveKey(other.peerSecret, other.roomId));
    await expect(decryptJson(foreign, key)).rejects.toThrow();
    const sameSecretOtherRoom = await encryptJson(offer, await deriveKey(peerSecret, other.roomId));
    await expect(decryptJson(sameSecretOtherRoom, key)).rejects.toThrow();
  });

  it('cannot be injected or replayed into a room by anyone without its token', async () => {
    const hub = await kit.start();
    const room = newTestRoom();
    const other = newTestRoom();
    for (const query of [
      `room=${room.roomId}`,
      `room=${room.roomId}&token=`,
      `room=${room.roomId}&token=${other.hubToken}`,
      `room=${room.roomId}&token=${room.roomId}`,
      // Another room's credentials, and a facilitator credential of another room.
      `room=${room.roomId}&token=${encodeURIComponent(other.facilitator)}`,
      `room=${room.roomId.toUpperCase()}&token=${room.hubToken}`
    ]) {
      expect(await signalStatus(hub.url(`/signal?${query}`)), query).toBe(401);
    }
    expect(await signalStatus(hub.url(`/signal?room=${room.roomId}&token=${room.hubToken}`))).toBe(
      'open'
    );
  });
});
