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

type Edits = Readonly<Record<string, number>> | undefined;

/** The later of two versions by time, ties by the given key (the same on every device). */
function laterBy<T>(a: T, ta: number, b: T, tb: number, key: (item: T) => string): T {
  if (ta !== tb) return ta > tb ? a : b;
  return key(a) >= key(b) ? a : b;
}

/**
 * Two versions of an idea: its column and place from the one with the later time (its fifth
 * element: written or moved), its words from the later change of words (`edits`: idea ->
 * time; words never changed count as the oldest; with no such time on either side, as
 * earlier versions wrote them, the later idea's). Each half is decided on its own, so the
 * merge stays the same in any order.
 */
function mergeNote(a: NoteItem, aEdits: Edits, b: NoteItem, bEdits: Edits): NoteItem {
  const placed = laterBy(a, a[4], b, b[4], (item) => item[1]);
  const ea = aEdits?.[a[0]];
  const eb = bEdits?.[b[0]];
  const worded =
    ea === undefined && eb === undefined
      ? laterBy(a, a[4], b, b[4], (item) => item[2]) // as written before words had their time
      : laterBy(a, ea ?? 0, b, eb ?? 0, (item) => item[2]);
  return placed[2] === worded[2]
    ? placed
    : (Object.assign([...placed], { 2: worded[2] }) as NoteItem);
}

function mergeNotes(
  a: readonly NoteItem[] | undefined,
  aEdits: Edits,
  b: readonly NoteItem[] | undefined,
  bEdits: Edits,
  removed: ReadonlySet<string>
): NoteItem[] | undefined {
  if (!a && !b) return undefined;
  const byId = new Map<string, NoteItem>();
  for (const item of a ?? []) if (!removed.has(item[0])) byId.set(item[0], item);
  for (const item of b ?? []) {
    if (removed.has(item[0])) continue;
    const known = byId.get(item[0]);
    byId.set(item[0], known ? mergeNote(known, aEdits, item, bEdits) : item);
  }
  return [...byId.values()].sort((x, y) => x[4] - y[4] || x[0].localeCompare(y[0]));
}

/** The times of changed words, the latest of each (none kept for an idea taken back). */
function mergeEdits(
  a: Edits,
  b: Edits,
  removed: ReadonlySet<string>
): Record<string, number> | undefined {
  if (!a && !b) return undefined;
  const out: Record<string, number> = {};
  for (const table of [a, b]) {
    for (const [key, time] of Object.entries(table ?? {})) {
      if (!removed.has(key)) out[key] = Math.max(out[key] ?? 0, time);
    }
  }
  return out;
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
  const taken = new Set(x);
  return compact({
    n: mergeNotes(a.n, a.e, b.n, b.e, taken),
    x,
    e: mergeEdits(a.e, b.e, taken),
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
    fn: mergeNotes(a.fn, a.fe, b.fn, b.fe, new Set()),
    fe: mergeEdits(a.fe, b.fe, new Set()),
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
