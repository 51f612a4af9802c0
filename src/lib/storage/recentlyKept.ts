/*
 * Things kept in localStorage for the few most recent ids only (the projector's paints, the
 * facilitate screen's snapshots): each under a key of its own, with an index of the ids kept,
 * the most recent first.
 */

/** The index with `id` first, and the ids that fall out of it. */
export function withRecent(
  index: readonly string[],
  id: string,
  limit: number
): { index: string[]; dropped: string[] } {
  const all = [id, ...index.filter((other) => other !== id)];
  return { index: all.slice(0, limit), dropped: all.slice(limit) };
}

export class RecentlyKept {
  readonly #indexKey: string;
  readonly #keyOf: (id: string) => string;
  readonly #limit: number;

  constructor(indexKey: string, keyOf: (id: string) => string, limit: number) {
    this.#indexKey = indexKey;
    this.#keyOf = keyOf;
    this.#limit = limit;
  }

  /** The ids kept, the most recent first (none when the index is damaged). */
  ids(store: Storage): string[] {
    try {
      const value: unknown = JSON.parse(store.getItem(this.#indexKey) ?? '[]');
      return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
    } catch {
      return [];
    }
  }

  /** Keeps `value` for `id`, which becomes the most recent; throws when storage refuses it. */
  keep(store: Storage, id: string, value: string): void {
    const { index, dropped } = withRecent(this.ids(store), id, this.#limit);
    for (const old of dropped) store.removeItem(this.#keyOf(old));
    store.setItem(this.#keyOf(id), value);
    store.setItem(this.#indexKey, JSON.stringify(index));
  }

  /** Removes what is kept for `id`. */
  forget(store: Storage, id: string): void {
    try {
      store.removeItem(this.#keyOf(id));
      store.setItem(
        this.#indexKey,
        JSON.stringify(this.ids(store).filter((other) => other !== id))
      );
    } catch {
      // nothing more to do
    }
  }
}
