import { canonicalJson } from '../domain/canonicalJson.ts';
import type { BoardData, EntryData, NoteItem } from './records.ts';

/*
 * Two versions of one record written at once (two tabs of one phone, two facilitator
 * laptops) each hold a change the other lacks; Yjs keeps one of them. The device whose
 * version lost merges both and writes the result (sync/SessionClient.ts). Merging is item by
 * item: the later Lamport time wins (ties by content, so every device picks the same), and a
 * removal is kept for good. It is commutative, associative and idempotent, so devices that
 * merge at the same time write the same record.
 */

type Timed = readonly unknown[];

/** The later of two versions of an item (its last element is its time). */
function later<T extends Timed>(a: T, b: T): T {
  const ta = a.at(-1) as number;
  const tb = b.at(-1) as number;
  if (ta !== tb) return ta > tb ? a : b;
  return canonicalJson(a) >= canonicalJson(b) ? a : b;
}

/** The later of two versions of an idea: its time is its fifth element (a name may follow). */
function laterNote(a: NoteItem, b: NoteItem): NoteItem {
  if (a[4] !== b[4]) return a[4] > b[4] ? a : b;
  return canonicalJson(a) >= canonicalJson(b) ? a : b;
}

function mergeTables<T extends Timed>(
  a: Readonly<Record<string, T>> | undefined,
  b: Readonly<Record<string, T>> | undefined
): Record<string, T> | undefined {
  if (!a && !b) return undefined;
  const out: Record<string, T> = { ...a };
  for (const [key, value] of Object.entries(b ?? {})) {
    const mine = out[key];
    out[key] = mine ? later(mine, value) : value;
  }
  return out;
}

function union(
  a: readonly string[] | undefined,
  b: readonly string[] | undefined
): string[] | undefined {
  if (!a && !b) return undefined;
  return [...new Set([...(a ?? []), ...(b ?? [])])].sort();
}

function mergeNotes(
  a: readonly NoteItem[] | undefined,
  b: readonly NoteItem[] | undefined,
  removed: ReadonlySet<string>
): NoteItem[] | undefined {
  if (!a && !b) return undefined;
  const byId = new Map<string, NoteItem>();
  for (const item of [...(a ?? []), ...(b ?? [])]) {
    if (removed.has(item[0])) continue;
    const known = byId.get(item[0]);
    byId.set(item[0], known ? laterNote(known, item) : item);
  }
  return [...byId.values()].sort((x, y) => x[4] - y[4] || x[0].localeCompare(y[0]));
}

type CarriedItem = NonNullable<BoardData['ci']>[number];

/** Carried items by id, the later version of each (time last), in time order. */
function mergeCarried(
  a: readonly CarriedItem[] | undefined,
  b: readonly CarriedItem[] | undefined
): CarriedItem[] | undefined {
  if (!a && !b) return undefined;
  const byId = new Map<string, CarriedItem>();
  for (const item of [...(a ?? []), ...(b ?? [])]) {
    const known = byId.get(item[0]);
    byId.set(item[0], known ? later(known, item) : item);
  }
  return [...byId.values()].sort((x, y) => x[5] - y[5] || x[0].localeCompare(y[0]));
}

/** Labels written once per id (where a carried idea came from): either version, the same on every device. */
function mergeLabels(
  a: Readonly<Record<string, string>> | undefined,
  b: Readonly<Record<string, string>> | undefined
): Record<string, string> | undefined {
  if (!a && !b) return undefined;
  const out: Record<string, string> = { ...a };
  for (const [key, value] of Object.entries(b ?? {})) out[key] = pick(out[key], value) ?? value;
  return out;
}

/** Whole values with no time of their own (a ballot, picks, an answer): one version wins. */
function pick<T>(a: T | undefined, b: T | undefined): T | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return canonicalJson(a) >= canonicalJson(b) ? a : b;
}

const compact = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;

export function mergeEntries(a: EntryData, b: EntryData): EntryData {
  const x = union(a.x, b.x);
  return compact({
    n: mergeNotes(a.n, b.n, new Set(x)),
    x,
    b: pick(a.b, b.b),
    p: pick(a.p, b.p),
    t: pick(a.t, b.t)
  });
}

export function mergeBoards(a: BoardData, b: BoardData): BoardData {
  return compact({
    pl: mergeTables(a.pl, b.pl),
    gm: mergeTables(a.gm, b.gm),
    g: mergeTables(a.g, b.g),
    xn: union(a.xn, b.xn),
    xg: union(a.xg, b.xg),
    fn: mergeNotes(a.fn, b.fn, new Set()),
    ag: mergeTables(a.ag, b.ag),
    xa: union(a.xa, b.xa),
    ci: mergeCarried(a.ci, b.ci),
    cn: mergeLabels(a.cn, b.cn),
    as: mergeTables(a.as, b.as)
  });
}

/** Whether `whole` already holds everything `part` says (so nothing needs writing). */
export function covers<T>(whole: T, part: T, merge: (a: T, b: T) => T): boolean {
  // Compared in merged (normal) form: the order a writer kept its items in does not count.
  return canonicalJson(merge(whole, part)) === canonicalJson(merge(whole, whole));
}
