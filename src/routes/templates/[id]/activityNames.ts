import { m } from '$lib/paraglide/messages.js';
import type { ActivityType } from '$lib/scripts/schema.ts';

/** The name of each activity type, as the agenda shows it. */
export const activityNames: Record<ActivityType, () => string> = {
  info: m.activity_info,
  brainstorm: m.activity_brainstorm,
  round: m.activity_round,
  cluster: m.activity_cluster,
  vote: m.activity_vote,
  pick: m.activity_pick,
  actions: m.activity_actions
};
