import { checkUpdate } from '../../../src/hub/sync/roleRules.ts';
import type { HubRules } from './world.ts';

/** The relay's role rules as the simulated hub applies them: device 0 is the facilitator. */
export const roleRules: HubRules = (hub, update, device) => {
  const verdict = checkUpdate(
    hub,
    update,
    {
      role: device.facilitator ? 'facilitator' : 'participant',
      author: device.token,
      verifier: 'fuzz'
    },
    'fuzz-room'
  );
  return verdict.ok ? undefined : verdict.reason;
};
