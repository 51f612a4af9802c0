import type { Activity, Card, Column, Script, Step } from './schema.ts';

/*
 * Reading a script back out of a session's doc, without valibot. Every device reads the
 * script from the doc (phones included), where any peer could have written anything, so the
 * same rules as the schema apply; but valibot and the schema built from it are 3 KiB of the
 * join page for data that a facilitator's device already validated. Template files and
 * imports keep the schema (parseScript in schema.ts), whose problems name their field; this
 * only says yes (a cleaned copy, strings trimmed as the schema trims them) or no.
 * tests/unit/scriptShape.test.ts holds the two to the same answers.
 */

type Plain = Record<string, unknown>;

/** Thrown inside the check only; caught at its top. */
class NotAScript extends Error {}

function fail(): never {
  throw new NotAScript();
}

function record(value: unknown, keys: readonly string[], optional: readonly string[] = []): Plain {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail();
  const plain = value as Plain;
  for (const key of Object.keys(plain)) if (!keys.includes(key)) fail();
  for (const key of keys) if (!optional.includes(key) && !(key in plain)) fail();
  return plain;
}

function trimmed(value: unknown, max: number): string {
  if (typeof value !== 'string') fail();
  const text = value.trim();
  if (text.length < 1 || text.length > max) fail();
  return text;
}

function longText(value: unknown): string {
  return trimmed(value, 2000);
}

function shortText(value: unknown): string {
  return trimmed(value, 120);
}

function optionalText(value: unknown): string {
  if (typeof value !== 'string' || value.length > 4000) fail();
  return value;
}

const idPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

function id(value: unknown): string {
  if (typeof value !== 'string' || !idPattern.test(value)) fail();
  return value;
}

function localized(value: unknown, text: (value: unknown) => string): { nl: string; en: string } {
  const plain = record(value, ['nl', 'en']);
  return { nl: text(plain['nl']), en: text(plain['en']) };
}

function count(value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) fail();
  return value;
}

function optionalCount(value: unknown, min: number, max: number): number | undefined {
  return value === undefined ? undefined : count(value, min, max);
}

function bool(value: unknown): boolean {
  if (typeof value !== 'boolean') fail();
  return value;
}

function list<T>(value: unknown, min: number, max: number, item: (value: unknown) => T): T[] {
  if (!Array.isArray(value) || value.length < min || value.length > max) fail();
  return value.map(item);
}

function column(value: unknown): Column {
  const plain = record(value, ['id', 'title']);
  return { id: id(plain['id']), title: localized(plain['title'], shortText) };
}

function card(value: unknown): Card {
  const plain = record(value, ['id', 'title', 'explanation']);
  return {
    id: id(plain['id']),
    title: localized(plain['title'], shortText),
    explanation: localized(plain['explanation'], longText)
  };
}

/** Keeps an optional field out of the copy when it is absent, as the schema does. */
function withOptional<T extends Plain>(base: T, extra: Plain): T {
  for (const [key, value] of Object.entries(extra))
    if (value !== undefined) base[key as keyof T] = value as T[keyof T];
  return base;
}

function activity(value: unknown): Activity {
  const type = (value as Plain | null)?.['type'];
  switch (type) {
    case 'info': {
      const plain = record(value, ['type', 'board'], ['board']);
      return withOptional(
        { type },
        { board: plain['board'] === undefined ? undefined : id(plain['board']) }
      ) as Activity;
    }
    case 'actions':
      record(value, ['type']);
      return { type };
    case 'brainstorm': {
      const plain = record(
        value,
        [
          'type',
          'columns',
          'columnsFromPick',
          'anonymous',
          'hidden',
          'maxNotesPerPerson',
          'maxLength'
        ],
        ['columnsFromPick', 'maxNotesPerPerson', 'maxLength']
      );
      const fromPick =
        plain['columnsFromPick'] === undefined
          ? undefined
          : record(plain['columnsFromPick'], ['step', 'top']);
      return withOptional(
        {
          type,
          columns: list(plain['columns'], 0, 8, column),
          anonymous: bool(plain['anonymous']),
          hidden: bool(plain['hidden'])
        },
        {
          columnsFromPick: fromPick && {
            step: id(fromPick['step']),
            top: count(fromPick['top'], 1, 6)
          },
          maxNotesPerPerson: optionalCount(plain['maxNotesPerPerson'], 1, 50),
          maxLength: optionalCount(plain['maxLength'], 10, 280)
        }
      ) as Activity;
    }
    case 'round': {
      const plain = record(value, ['type', 'display', 'maxLength'], ['maxLength']);
      const display = plain['display'];
      if (display !== 'list' && display !== 'cloud') fail();
      return withOptional(
        { type, display },
        { maxLength: optionalCount(plain['maxLength'], 5, 140) }
      ) as Activity;
    }
    case 'cluster': {
      const plain = record(value, ['type', 'source']);
      return { type, source: id(plain['source']) };
    }
    case 'vote': {
      const plain = record(value, ['type', 'source', 'dots', 'maxPerItem']);
      return {
        type,
        source: id(plain['source']),
        dots: count(plain['dots'], 1, 20),
        maxPerItem: count(plain['maxPerItem'], 1, 20)
      };
    }
    case 'pick': {
      const plain = record(value, ['type', 'cards', 'max']);
      const deck = plain['cards'];
      const cards = deck === 'principles' || deck === 'roles' ? deck : list(deck, 2, 20, card);
      return { type, cards, max: count(plain['max'], 1, 5) } as Activity;
    }
    default:
      return fail();
  }
}

function step(value: unknown): Step {
  const plain = record(value, ['id', 'title', 'prompt', 'facilitatorNotes', 'minutes', 'activity']);
  return {
    id: id(plain['id']),
    title: localized(plain['title'], shortText),
    prompt: localized(plain['prompt'], longText),
    facilitatorNotes: localized(plain['facilitatorNotes'], optionalText),
    minutes: count(plain['minutes'], 1, 240),
    activity: activity(plain['activity'])
  };
}

/** What referencesPointBack looks at (spelled out: the schema's own types come from a check that uses it). */
interface StepReferences {
  readonly id: string;
  readonly activity: {
    readonly type: string;
    readonly source?: string;
    readonly board?: string | undefined;
    readonly columnsFromPick?: { readonly step: string } | undefined;
  };
}

/**
 * Clusters and votes work on an earlier brainstorm, and so does an info step that shows a
 * board; dynamic columns on an earlier pick.
 */
export function referencesPointBack(steps: readonly StepReferences[]): boolean {
  return steps.every((current, index) => {
    const earlier = steps.slice(0, index);
    const find = (stepId: string) => earlier.find((s) => s.id === stepId);
    const { activity: a } = current;
    if (a.type === 'cluster' || a.type === 'vote')
      return a.source !== undefined && find(a.source)?.activity.type === 'brainstorm';
    if (a.type === 'info' && a.board !== undefined)
      return find(a.board)?.activity.type === 'brainstorm';
    if (a.type === 'brainstorm' && a.columnsFromPick) {
      return find(a.columnsFromPick.step)?.activity.type === 'pick';
    }
    return true;
  });
}

/**
 * The script stored in a doc, if it satisfies the script schema (version 1); undefined for
 * anything else.
 */
export function readScriptShape(data: unknown): Script | undefined {
  try {
    const plain = record(data, ['schema', 'id', 'title', 'summary', 'steps']);
    if (plain['schema'] !== 1) fail();
    const script: Script = {
      schema: 1,
      id: id(plain['id']),
      title: localized(plain['title'], shortText),
      summary: localized(plain['summary'], longText),
      steps: list(plain['steps'], 1, 40, step)
    };
    if (new Set(script.steps.map((s) => s.id)).size !== script.steps.length) return undefined;
    return referencesPointBack(script.steps) ? script : undefined;
  } catch (error) {
    if (error instanceof NotAScript) return undefined;
    throw error;
  }
}
