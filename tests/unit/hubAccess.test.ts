import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import {
  challengePath,
  fetchLoginToken,
  loginToken,
  type LoginKeys
} from '../../src/lib/access/hubLogin.ts';
import { deriveRoomSecrets, newSessionKeys, roomIdLength } from '../../src/lib/access/roomKeys.ts';
import { toBase32 } from '../../src/lib/domain/ids.ts';
import { decryptJson, deriveKey, encryptJson } from '../../src/lib/sync/peerCrypto.ts';
import { Challenges } from '../../src/hub/sync/challenges.ts';
import {
  newTestRoom,
  poll,
  SyncTestKit,
  type Login,
  type SyncServer,
  type TestRoom
} from '../support/syncServer.ts';
import { addIdea, startSession } from '../support/testDevice.ts';

// Who gets into a room, end to end through the hub: guessed and look-alike room ids, logins
// sniffed off the wire and replayed, and peer (signaling) messages that are replayed,
// tampered with or sealed for another room. (Token checks one by one: badInput.test.ts and
// access.test.ts.)

let kit: SyncTestKit;

beforeEach(() => {
  kit = new SyncTestKit();
});

afterEach(async () => {
  await kit.cleanup();
  vi.restoreAllMocks();
});

/** Connects with a login and resolves with what the hub answered: the reason, or 'synced'. */
async function attempt(hub: SyncServer, roomId: string, login: Login): Promise<string> {
  const provider = kit.connect(hub, roomId, login, { reconnect: false });
  const messages: unknown[] = [];
  provider.on('message', (message: unknown) => messages.push(message));
  const outcome = await new Promise<string>((resolve) => {
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => resolve(reason));
    provider.on('synced', () => resolve('synced'));
  });
  if (outcome !== 'synced') {
    // The refusal is all it ever got: no document content.
    expect(messages).toHaveLength(1);
    expect(provider.document.share.size).toBe(0);
  }
  provider.destroy();
  return outcome;
}

/** A challenge the hub issued for a room id (any well-formed id gets one). */
async function challengeFor(hub: SyncServer, roomId: string): Promise<string> {
  const response = await fetch(`${hub.origin}${challengePath(roomId)}`);
  return ((await response.json()) as { challenge: string }).challenge;
}

/** A signaling socket that sends `token` as its login; resolves with how the hub answered. */
async function signalLogin(
  hub: SyncServer,
  roomId: string,
  token: string,
  before: readonly unknown[] = []
): Promise<'in' | string> {
  const ws = await kit.raw(hub.url(`/signal/${roomId}`));
  for (const message of before) ws.send(JSON.stringify(message));
  ws.send(JSON.stringify({ type: 'login', token }));
  ws.send('{"type":"ping"}');
  return new Promise((resolve) => {
    ws.on('message', (data: Buffer) => {
      if ((JSON.parse(data.toString()) as { type?: string }).type === 'pong') resolve('in');
    });
    ws.once('close', (_code, reason) => resolve(reason.toString()));
  });
}

/** A room the hub holds, with the session started and one idea in it. */
async function occupiedRoom(hub: SyncServer): Promise<TestRoom> {
  const room = newTestRoom();
  const owner = kit.device(hub, room, { role: 'facilitator' });
  await vi.waitFor(() => expect(owner.provider.isSynced).toBe(true), poll);
  startSession(owner, room.facilitatorKey);
  addIdea(owner, 'alleen voor de groep');
  await vi.waitFor(() => expect(owner.provider.hasUnsyncedChanges).toBe(false), poll);
  return room;
}

/** A WebSocket class (for the provider) that keeps a copy of every frame it sends. */
function sniffingWebSocket(frames: Uint8Array[]): typeof globalThis.WebSocket {
  return class Sniffed extends globalThis.WebSocket {
    override send(data: Parameters<globalThis.WebSocket['send']>[0]): void {
      if (ArrayBuffer.isView(data)) {
        frames.push(new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice());
      }
      super.send(data);
    }
  };
}

/** The login token in a Hocuspocus auth frame, if the frame is one. */
function tokenIn(frame: Uint8Array): string | undefined {
  try {
    const decoder = decoding.createDecoder(frame);
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== 2 || decoding.readVarUint(decoder) !== 0) return;
    return decoding.readVarString(decoder);
  } catch {
    return undefined;
  }
}

describe('room access', () => {
  it('gives nothing for guessed room ids, even to someone with a valid room of their own', async () => {
    const hub = await kit.start();
    await occupiedRoom(hub);
    const attacker = newTestRoom();
    for (let i = 0; i < 10; i++) {
      const guess = toBase32(crypto.getRandomValues(new Uint8Array(17))).slice(0, roomIdLength);
      // Its own room's login, and the hub's challenge for the guessed room signed with its keys.
      expect(await attempt(hub, guess, attacker.facilitator)).toBe('permission-denied');
      const signed = loginToken(attacker.participant, await challengeFor(hub, guess));
      expect(await attempt(hub, guess, signed)).toBe('permission-denied');
      expect(await signalLogin(hub, guess, signed)).toBe('login refused');
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

  it('sends nothing secret, and a login sniffed off the wire opens nothing again', async () => {
    const hub = await kit.start();
    const room = newTestRoom();
    const secret = 'apparaat-geheim-van-de-laptop';
    const frames: Uint8Array[] = [];
    const laptop = kit.device(hub, room, {
      role: 'facilitator',
      deviceSecret: secret,
      webSocket: sniffingWebSocket(frames)
    });
    await vi.waitFor(() => expect(laptop.provider.isSynced).toBe(true), poll);
    startSession(laptop, room.facilitatorKey);
    addIdea(laptop, 'een idee');
    await vi.waitFor(() => expect(laptop.provider.hasUnsyncedChanges).toBe(false), poll);

    // Everything the laptop sent: no room key (or its K part), facilitator key or device secret.
    const wire = Buffer.concat(frames).toString('latin1');
    for (const value of [room.roomKey, room.roomKey.split('.')[0], room.facilitatorKey, secret]) {
      expect(wire).not.toContain(value);
    }

    // Someone on the wifi replays the login they saw, on the relay and on signaling.
    const sniffed = frames.map(tokenIn).find((token) => token !== undefined);
    expect(sniffed).toBeDefined();
    expect(await attempt(hub, room.roomId, sniffed ?? '')).toBe('permission-denied');
    expect(await signalLogin(hub, room.roomId, sniffed ?? '')).toBe('login refused');
    // The laptop itself logs in again with a fresh challenge whenever it reconnects.
    laptop.provider.disconnect();
    await laptop.provider.connect();
    await vi.waitFor(() => expect(laptop.provider.isSynced).toBe(true), poll);
  });

  it('refuses a challenge that expired, was issued for another room or by another hub', async () => {
    let now = Date.now();
    const hub = await kit.start({ challenges: new Challenges({ now: () => now }) });
    const room = newTestRoom();
    const other = newTestRoom();
    const signedFor = async (roomId: string, keys: LoginKeys = room.facilitator) =>
      loginToken(keys, await challengeFor(hub, roomId));

    const late = await signedFor(room.roomId);
    now += 61_000;
    expect(await attempt(hub, room.roomId, late)).toBe('permission-denied');
    expect(await attempt(hub, room.roomId, await signedFor(other.roomId))).toBe(
      'permission-denied'
    );
    const elsewhere = loginToken(room.facilitator, new Challenges().issue(room.roomId));
    expect(await attempt(hub, room.roomId, elsewhere)).toBe('permission-denied');
    expect(await attempt(hub, room.roomId, await signedFor(room.roomId))).toBe('synced');
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

  it('cannot be injected into a room by anyone without a fresh login for it', async () => {
    const hub = await kit.start();
    const room = newTestRoom();
    const other = newTestRoom();
    // A member of the room listens.
    const member = await kit.raw(hub.url(`/signal/${room.roomId}`));
    const heard: string[] = [];
    member.on('message', (data: Buffer) => heard.push(data.toString()));
    member.send(
      JSON.stringify({ type: 'login', token: await fetchLoginToken(hub.origin, room.participant) })
    );
    member.send(JSON.stringify({ type: 'subscribe', topics: [room.roomId] }));

    // Intruders subscribe and publish first (held back), then log in with what they have.
    const sniffed = await fetchLoginToken(hub.origin, room.participant);
    expect(await signalLogin(hub, room.roomId, sniffed)).toBe('in');
    const early = [
      { type: 'subscribe', topics: [room.roomId] },
      { type: 'publish', topic: room.roomId, data: 'ingespoten' }
    ];
    for (const token of [
      sniffed,
      await fetchLoginToken(hub.origin, other.participant),
      await fetchLoginToken(hub.origin, other.facilitator),
      '',
      room.roomKey
    ]) {
      expect(await signalLogin(hub, room.roomId, token, early)).toBe('login refused');
    }
    // The member heard none of it; a logged-in publisher still reaches it.
    const publisher = new WebSocket(hub.url(`/signal/${room.roomId}`));
    kit.defer(() => publisher.terminate());
    await new Promise((resolve) => publisher.once('open', resolve));
    publisher.send(
      JSON.stringify({ type: 'login', token: await fetchLoginToken(hub.origin, room.facilitator) })
    );
    publisher.send(JSON.stringify({ type: 'publish', topic: room.roomId, data: 'echt' }));
    await vi.waitFor(() => expect(heard).toHaveLength(1), poll);
    expect(JSON.parse(heard[0] ?? '')).toMatchObject({ data: 'echt' });
  });
});
