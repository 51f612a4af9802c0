/*
 * A phone's screens for the steps that are not a brainstorm, loaded when first needed instead
 * of with the join page: a phone that joins during a brainstorm (the usual first step) gets its
 * idea field with less code to download and run (npm run bench: join_js_gzip_kb). Once the
 * board is on screen, `preloadStepScreens` fetches the rest, so that a later step does not wait
 * for the network (which may by then be peer-to-peer only, with the hub gone).
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

/** Fetches every step screen once, after the current work (a failure is retried on need). */
export function preloadStepScreens(): Promise<unknown> {
  preloading ??= new Promise((done) => setTimeout(done, 0))
    .then(() => Promise.all(Object.values(stepScreens).map((load) => load())))
    .catch(() => (preloading = undefined));
  return preloading;
}
