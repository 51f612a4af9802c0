import { untrack } from 'svelte';

/*
 * Which ideas have just arrived on a board, to play their arrival animation. Ideas on the
 * board by the time the device has caught up with the room (its own copy and the hub's) were
 * already there: hundreds of them animating at once would cost more than drawing them
 * (npm run bench: present_render_500_ms, load_from_idb_ms_1000). Until then nothing arrives.
 * Create it while a component initialises (it uses an effect).
 */
export class Arrivals {
  #known: ReadonlySet<string> | undefined = $state.raw();

  constructor(caughtUp: () => boolean, notes: () => readonly { readonly id: string }[]) {
    $effect(() => {
      if (this.#known !== undefined || !caughtUp()) return;
      // A snapshot, taken once and never changed: nothing to react to inside it.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      this.#known = untrack(() => new Set(notes().map((note) => note.id)));
    });
  }

  /** Whether the idea came in after the board had caught up. */
  arriving(id: string): boolean {
    return this.#known !== undefined && !this.#known.has(id);
  }
}
