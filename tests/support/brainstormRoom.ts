import { afterEach, beforeEach, expect, vi } from 'vitest';
import { newTestRoom, poll, SyncTestKit, type SyncServer, type TestRoom } from './syncServer.ts';
import { startSession, type TestDevice } from './testDevice.ts';

/** A fresh hub for each test, one room, and its facilitator's laptop when asked for. */
export interface BrainstormRoom {
  readonly room: TestRoom;
  readonly kit: SyncTestKit;
  readonly hub: SyncServer;
  /** The facilitator's laptop, synced, with the SWOT started at its brainstorm. */
  laptopAtBrainstorm(): Promise<TestDevice>;
}

/** For each test of the block it is called in: a hub started and cleaned up again. */
export function brainstormRoomForEachTest(): BrainstormRoom {
  const room = newTestRoom();
  let kit: SyncTestKit | undefined;
  let hub: SyncServer | undefined;
  beforeEach(async () => {
    kit = new SyncTestKit();
    hub = await kit.start();
  });
  afterEach(async () => {
    await kit?.cleanup();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('only inside a test');
    return value;
  };
  return {
    room,
    get kit() {
      return started(kit);
    },
    get hub() {
      return started(hub);
    },
    async laptopAtBrainstorm() {
      const laptop = started(kit).device(started(hub), room, { role: 'facilitator' });
      await vi.waitFor(() => expect(laptop.provider.isSynced).toBe(true), poll);
      startSession(laptop, room.facilitatorKey, 'Netwerkdag');
      return laptop;
    }
  };
}
