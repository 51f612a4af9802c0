/*
 * Places in a result (votes, picks): equal scores share a place and the next place skips
 * ("1, 1, 3"), so a tie reads as a tie. Only places 1–3 with a score above zero are the
 * "top three" a screen emphasises.
 */

export interface Placed<T> {
  readonly item: T;
  /** 1-based; equal scores share it. */
  readonly place: number;
  /** Another item has the same score. */
  readonly tied: boolean;
  /** Among the first three places, with a score above zero. */
  readonly top: boolean;
}

/** Places for items already sorted from the highest score down. */
export function placesOf<T>(sorted: readonly T[], score: (item: T) => number): Placed<T>[] {
  const scores = sorted.map(score);
  return sorted.map((item, index) => {
    const own = scores[index] ?? 0;
    const place = scores.findIndex((value) => value === own) + 1;
    const tied = scores.filter((value) => value === own).length > 1;
    return { item, place, tied, top: place <= 3 && own > 0 };
  });
}
