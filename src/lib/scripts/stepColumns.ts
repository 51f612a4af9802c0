import type { Column } from '../domain/board.ts';
import type { Locale } from '../domain/locale.ts';
import { topPicked, type PickCount } from '../domain/picks.ts';
import { cardsOf } from './cards.ts';
import type { Script, Step } from './schema.ts';

/**
 * The columns of a brainstorm step in one language: the script's own, or the most-picked
 * cards of an earlier pick step when the script says so (the first cards of the deck while
 * nobody has picked). `pickCounts` gives a pick step's counts (countPicks) from wherever the
 * caller reads them: the live doc on screen, a snapshot in the exports.
 */
export function brainstormColumns(
  script: Script | undefined,
  step: Step,
  locale: Locale,
  pickCounts: (pickStep: Step) => readonly PickCount[]
): Column[] {
  const activity = step.activity;
  if (activity.type !== 'brainstorm') return [];
  const fromPick = activity.columnsFromPick;
  const pickStep = fromPick && script?.steps.find((s) => s.id === fromPick.step);
  if (fromPick && pickStep?.activity.type === 'pick') {
    const cards = cardsOf(pickStep.activity.cards);
    const top = topPicked(pickCounts(pickStep), fromPick.top);
    const chosen = top.length > 0 ? top : cards.slice(0, fromPick.top).map((card) => card.id);
    return chosen.map((id) => ({
      id,
      title: cards.find((card) => card.id === id)?.title[locale] ?? id
    }));
  }
  return activity.columns.map((column) => ({ id: column.id, title: column.title[locale] }));
}
