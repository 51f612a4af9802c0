/**
 * A small seeded generator (mulberry32): the same seed gives the same case on every machine,
 * so a failing seed reproduces exactly.
 */
export class Prng {
  #state: number;

  constructor(seed: number) {
    // Mix the seed so neighbouring seeds start far apart.
    this.#state = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight; entries with weight 0 are never picked. */
  weighted<T extends { readonly weight: number }>(items: readonly T[]): T | undefined {
    const total = items.reduce((sum, item) => sum + item.weight, 0);
    let roll = this.next() * total;
    for (const item of items) {
      roll -= item.weight;
      if (roll < 0) return item;
    }
    return undefined;
  }

  /** A 32-bit unsigned integer, e.g. for a Y.Doc clientID. */
  uint32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }
}
