/*
 * A Yjs state vector (client → clock) as plain data: what a copy of a room holds. Every change
 * Kring shows is a new value in the doc (notes, flow, removals are records), so the state
 * vector grows with each of them; pure deletions only prune old flow states. One state
 * `covers` another when it holds everything the other does.
 */

export type StateMark = Readonly<Record<string, number>>;

/** Whether `state` holds everything `mark` says (every client's clock as far). */
export function covers(state: StateMark, mark: StateMark): boolean {
  for (const [client, clock] of Object.entries(mark)) {
    if ((state[client] ?? 0) < clock) return false;
  }
  return true;
}

/** Whether two states hold the same. */
export function sameMark(a: StateMark, b: StateMark): boolean {
  return covers(a, b) && covers(b, a);
}

/** The mark with `state` merged in (the larger clock of each client), or undefined when it adds nothing. */
export function mergedMark(mark: StateMark, state: StateMark): StateMark | undefined {
  let merged: Record<string, number> | undefined;
  for (const [client, clock] of Object.entries(state)) {
    if ((mark[client] ?? 0) >= clock) continue;
    merged ??= { ...mark };
    merged[client] = clock;
  }
  return merged;
}

/** A stored mark, or an empty one when there is none or it is damaged. */
export function parseMark(raw: string | null): StateMark {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    const mark: Record<string, number> = {};
    for (const [client, clock] of Object.entries(value)) {
      if (Number.isSafeInteger(clock) && (clock as number) >= 0) mark[client] = clock as number;
    }
    return mark;
  } catch {
    return {};
  }
}
