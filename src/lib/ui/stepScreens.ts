/*
 * A phone's screens for the steps that are not a brainstorm, loaded when first needed instead
 * of with the join page: a phone that joins during a brainstorm (the usual first step) gets its
 * idea field with less code to download and run (npm run bench: join_js_gzip_kb). Soon after
 * the board is on screen, `preloadStepScreens` fetches the rest, so that a later step does not
 * wait for the network (which may by then be peer-to-peer only, with the hub gone).
 */
export const stepScreens = {
  round: () => import('./RoundAnswer.svelte'),
  vote: () => import('./VoteBallot.svelte'),
  pick: () => import('./PickCards.svelte'),
  cluster: () => import('./ClusterView.svelte'),
  actions: () => import('./ActionsList.svelte'),
  carried: () => import('./CarriedItems.svelte')
};

let preloading: Promise<unknown> | undefined;

/*
 * Not at once: a phone at a quarter of a laptop's speed spends ~0.2 s running them, which held
 * up a first idea typed right after the board showed (npm run bench: first_idea_ms_cpu4x).
 */
const preloadDelayMs = 2000;

/** Fetches every step screen once, a moment after the board (a failure is retried on need). */
export function preloadStepScreens(): Promise<unknown> {
  preloading ??= new Promise((done) => setTimeout(done, preloadDelayMs))
    .then(() => Promise.all(Object.values(stepScreens).map((load) => load())))
    .catch(() => (preloading = undefined));
  return preloading;
}
