export type PickResult =
  | { readonly ok: true; readonly picked: readonly string[] }
  | { readonly ok: false; readonly reason: 'tooMany' };

/** Picks or un-picks a card. With one pick allowed a new card replaces the old; otherwise a pick over `max` is refused. */
export function togglePick(picked: readonly string[], cardId: string, max: number): PickResult {
  if (picked.includes(cardId)) return { ok: true, picked: picked.filter((id) => id !== cardId) };
  if (max === 1) return { ok: true, picked: [cardId] };
  if (picked.length >= max) return { ok: false, reason: 'tooMany' };
  return { ok: true, picked: [...picked, cardId] };
}

/** Keeps known cards only, once each, at most `max`: what a modified client can count for. */
export function validPicks(raw: unknown, cards: readonly string[], max: number): string[] {
  if (!Array.isArray(raw)) return [];
  const known = new Set(cards);
  const picked: string[] = [];
  for (const value of raw) {
    if (typeof value === 'string' && known.has(value) && !picked.includes(value))
      picked.push(value);
    if (picked.length === max) break;
  }
  return picked;
}

export interface PickCount {
  readonly cardId: string;
  readonly count: number;
}

/** How often each card was picked; most picked first, ties in the deck's order. */
export function countPicks(
  selections: Iterable<unknown>,
  cards: readonly string[],
  max: number
): PickCount[] {
  const counts = new Map(cards.map((card) => [card, 0]));
  for (const raw of selections) {
    for (const card of validPicks(raw, cards, max)) counts.set(card, (counts.get(card) ?? 0) + 1);
  }
  return cards
    .map((cardId, index) => ({ cardId, count: counts.get(cardId) ?? 0, index }))
    .sort((a, b) => b.count - a.count || a.index - b.index)
    .map(({ cardId, count }) => ({ cardId, count }));
}

/** The `top` most-picked cards that were picked at all (for columns built from a pick). */
export function topPicked(counts: readonly PickCount[], top: number): string[] {
  return counts
    .filter((row) => row.count > 0)
    .slice(0, top)
    .map((row) => row.cardId);
}
