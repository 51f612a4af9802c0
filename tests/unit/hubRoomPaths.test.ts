import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncRoute } from '../../src/hub/sync/roomPaths.ts';
import { newTestRoom, signalStatus, SyncTestKit, type SyncServer } from '../support/syncServer.ts';

// The room id in the WebSocket paths (/sync/<room>, /signal/<room>), which a balancer in front
// of several hubs routes by; the bare paths stay for earlier clients on a laptop hub.

let kit: SyncTestKit;

beforeEach(() => {
  kit = new SyncTestKit();
});

afterEach(async () => {
  await kit.cleanup();
});

/** Connects on a path and resolves with the hub's answer: the refusal's reason, or 'synced'. */
function outcome(hub: SyncServer, path: string, room: string, token: string): Promise<string> {
  const provider = kit.connect(hub, room, token, { reconnect: false, path });
  return new Promise((resolve) => {
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => resolve(reason));
    provider.on('synced', () => resolve('synced'));
  });
}

describe('room id in the path', () => {
  it('reads the endpoint and room from a path, and nothing else', () => {
    expect(syncRoute('/sync')).toEqual({ kind: 'relay', room: undefined });
    expect(syncRoute('/sync/abc123')).toEqual({ kind: 'relay', room: 'abc123' });
    expect(syncRoute('/signal/abc123')).toEqual({ kind: 'signaling', room: 'abc123' });
    expect(syncRoute('/signal')).toEqual({ kind: 'signaling', room: undefined });
    for (const path of ['/sync/', '/sync/ABC', '/sync/a/b', '/sync/a%20b', '/syncx', '/api/sync'])
      expect(syncRoute(path), path).toBeUndefined();
  });

  it('serves a room on /sync/<its id> and refuses any other room on that path', async () => {
    const hub = await kit.start();
    const room = newTestRoom();
    const other = newTestRoom();
    expect(await outcome(hub, `/sync/${room.roomId}`, room.roomId, room.participant)).toBe(
      'synced'
    );
    // A valid token for another room, sent on this room's path: the balancer routed it here.
    expect(await outcome(hub, `/sync/${room.roomId}`, other.roomId, other.participant)).toBe(
      'permission-denied'
    );
    // The bare path still works for clients of earlier versions.
    expect(await outcome(hub, '/sync', other.roomId, other.participant)).toBe('synced');
  });

  it('opens signaling on /signal/<room id> only with that room’s token', async () => {
    const hub = await kit.start();
    const room = newTestRoom();
    const other = newTestRoom();
    expect(await signalStatus(hub.url(`/signal/${room.roomId}?token=${room.hubToken}`))).toBe(
      'open'
    );
    expect(await signalStatus(hub.url(`/signal/${room.roomId}?token=${other.hubToken}`))).toBe(401);
    expect(
      await signalStatus(
        hub.url(`/signal/${room.roomId}?room=${other.roomId}&token=${other.hubToken}`)
      )
    ).toBe(401);
    expect(await signalStatus(hub.url(`/signal?room=${room.roomId}&token=${room.hubToken}`))).toBe(
      'open'
    );
  });
});
