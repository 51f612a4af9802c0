/** One person's dots on one vote: item id → number of dots. */
export type Ballot = Readonly<Record<string, number>>;

export interface VoteRules {
  readonly dots: number;
  readonly maxPerItem: number;
}

export type DotResult =
  | { readonly ok: true; readonly ballot: Ballot }
  | { readonly ok: false; readonly reason: 'noDotsLeft' | 'itemFull' | 'unknownItem' };

export function dotsUsed(ballot: Ballot): number {
  return Object.values(ballot).reduce((sum, count) => sum + count, 0);
}

export function dotsLeft(ballot: Ballot, rules: VoteRules): number {
  return Math.max(0, rules.dots - dotsUsed(ballot));
}

/** Puts one more dot on an item, within the person's dots and the per-item maximum. */
export function addDot(
  ballot: Ballot,
  itemId: string,
  rules: VoteRules,
  items: readonly string[]
): DotResult {
  if (!items.includes(itemId)) return { ok: false, reason: 'unknownItem' };
  if (dotsLeft(ballot, rules) === 0) return { ok: false, reason: 'noDotsLeft' };
  const current = ballot[itemId] ?? 0;
  if (current >= rules.maxPerItem) return { ok: false, reason: 'itemFull' };
  return { ok: true, ballot: { ...ballot, [itemId]: current + 1 } };
}

/** Takes one dot back from an item. */
export function removeDot(ballot: Ballot, itemId: string): Ballot {
  const current = ballot[itemId] ?? 0;
  if (current <= 1) {
    const rest = { ...ballot };
    delete rest[itemId];
    return rest;
  }
  return { ...ballot, [itemId]: current - 1 };
}

/**
 * A ballot as the rules allow it: unknown items and impossible counts dropped, per-item and
 * total limits enforced in item order. A ballot written by a modified client counts no more
 * than an honest one could.
 */
export function validBallot(raw: unknown, rules: VoteRules, items: readonly string[]): Ballot {
  if (typeof raw !== 'object' || raw === null) return {};
  const source = raw as Record<string, unknown>;
  const ballot: Record<string, number> = {};
  let left = rules.dots;
  for (const item of items) {
    const value = source[item];
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) continue;
    const count = Math.min(value, rules.maxPerItem, left);
    if (count > 0) ballot[item] = count;
    left -= count;
  }
  return ballot;
}

export interface TallyRow {
  readonly itemId: string;
  readonly dots: number;
  readonly voters: number;
}

/** Sums the ballots; ranked by dots, then number of voters, then the items' own order. */
export function tally(
  ballots: Iterable<unknown>,
  rules: VoteRules,
  items: readonly string[]
): TallyRow[] {
  const dots = new Map(items.map((item) => [item, 0]));
  const voters = new Map(items.map((item) => [item, 0]));
  for (const raw of ballots) {
    for (const [item, count] of Object.entries(validBallot(raw, rules, items))) {
      dots.set(item, (dots.get(item) ?? 0) + count);
      voters.set(item, (voters.get(item) ?? 0) + 1);
    }
  }
  const order = new Map(items.map((item, index) => [item, index]));
  return items
    .map((itemId) => ({ itemId, dots: dots.get(itemId) ?? 0, voters: voters.get(itemId) ?? 0 }))
    .sort(
      (a, b) =>
        b.dots - a.dots ||
        b.voters - a.voters ||
        (order.get(a.itemId) ?? 0) - (order.get(b.itemId) ?? 0)
    );
}
