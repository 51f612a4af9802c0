import { checkUpdate } from '../../../src/hub/sync/roleRules.ts';
import type { HubRules } from './world.ts';

/** The relay's role rules as the simulated hub applies them to each device's connection. */
export const roleRules: HubRules = (hub, update, device, room) => {
  const verdict = checkUpdate(
    hub,
    update,
    {
      role: device.facilitator ? 'facilitator' : 'participant',
      author: device.token,
      verifier: room.verifier
    },
    room.roomId
  );
  return verdict.ok ? undefined : verdict.reason;
};
