import { guardSession } from '../../../src/hub/sync/sessionGuard.ts';
import type { HubRules } from './world.ts';

/** The relay's session guard, installed on the simulated hub's document as relay.ts does. */
export const roleRules: HubRules = (hub, room, fromFacilitator, onRepair) =>
  guardSession(hub, { roomId: room.roomId, verifier: room.verifier, fromFacilitator, onRepair });
