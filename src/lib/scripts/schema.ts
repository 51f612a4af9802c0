import * as v from 'valibot';
import type { Localized } from '../domain/locale.ts';
import { referencesPointBack } from './references.ts';

/*
 * A guided script as data: a list of steps, each with one activity. Built-in scripts and
 * facilitators' own templates share this schema; a template file is validated against it
 * when it is loaded, and every problem names the field it is about. A session's own copy of
 * its script, read back out of the doc, is checked against the same schema (model/signedRecords.ts).
 */

export const scriptSchemaVersion = 1;

const text = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(2000, 'is too long')
);
const shortText = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(120, 'is too long')
);
const optionalText = v.pipe(v.string(), v.maxLength(4000, 'is too long'));
const id = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lowercase letters, digits and dashes')
);

const localized = <T extends v.GenericSchema<string, string>>(schema: T) =>
  v.strictObject({ nl: schema, en: schema });

const column = v.strictObject({ id, title: localized(shortText) });

const card = v.strictObject({
  id,
  title: localized(shortText),
  explanation: localized(text)
});

const count = (min: number, max: number) =>
  v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(min), v.maxValue(max));

const activity = v.variant('type', [
  v.strictObject({
    type: v.literal('info'),
    /** An earlier brainstorm whose board this step shows (e.g. "reveal and clarify"). */
    board: v.optional(id)
  }),
  v.strictObject({
    type: v.literal('brainstorm'),
    /** Fixed columns, or (with `columnsFromPick`) the most-picked cards of a pick step. */
    columns: v.pipe(v.array(column), v.maxLength(8, 'has more than 8 columns')),
    columnsFromPick: v.optional(v.strictObject({ step: id, top: count(1, 6) })),
    anonymous: v.boolean(),
    hidden: v.boolean(),
    maxNotesPerPerson: v.optional(count(1, 50)),
    maxLength: v.optional(count(10, 280))
  }),
  v.strictObject({
    type: v.literal('round'),
    display: v.picklist(['list', 'cloud']),
    maxLength: v.optional(count(5, 140))
  }),
  v.strictObject({ type: v.literal('cluster'), source: id }),
  v.strictObject({
    type: v.literal('vote'),
    source: id,
    dots: count(1, 20),
    maxPerItem: count(1, 20)
  }),
  v.strictObject({
    type: v.literal('pick'),
    /** A built-in deck ('principles', 'roles') or the script's own cards. */
    cards: v.union([
      v.picklist(['principles', 'roles']),
      v.pipe(v.array(card), v.minLength(2), v.maxLength(20))
    ]),
    max: count(1, 5)
  }),
  v.strictObject({ type: v.literal('actions') })
]);

/**
 * What a step takes from earlier sessions of the same track (tracks/carry.ts): an info step
 * shows the carried items (agreements with their follow-up), a brainstorm starts with them as
 * ideas in one of its columns (the first when none is named).
 */
export const carryKinds = ['ranked', 'picks', 'answers', 'agreements'] as const;
export type CarryKind = (typeof carryKinds)[number];

const carry = v.strictObject({
  kinds: v.pipe(
    v.array(v.picklist(carryKinds)),
    v.minLength(1, 'needs at least one kind'),
    v.check((kinds) => new Set(kinds).size === kinds.length, 'names a kind twice')
  ),
  column: v.optional(id)
});

const step = v.pipe(
  v.strictObject({
    id,
    title: localized(shortText),
    prompt: localized(text),
    facilitatorNotes: localized(optionalText),
    minutes: count(1, 240),
    activity,
    carry: v.optional(carry)
  }),
  v.check(
    (step) => carryFits(step),
    'carry: only an info step or a brainstorm takes carried results; a brainstorm takes no agreements, and its column must be one of its own'
  )
);

export const scriptSchema = v.pipe(
  v.strictObject({
    schema: v.literal(scriptSchemaVersion, `must be ${scriptSchemaVersion}`),
    id,
    title: localized(shortText),
    summary: localized(text),
    steps: v.pipe(
      v.array(step),
      v.minLength(1, 'needs at least one step'),
      v.maxLength(40, 'has more than 40 steps')
    )
  }),
  v.check(
    (script) => new Set(script.steps.map((s) => s.id)).size === script.steps.length,
    'steps: two steps have the same id'
  ),
  v.check(
    (script) => referencesPointBack(script.steps),
    'steps: an activity refers to a step that does not come before it'
  )
);

export type Script = v.InferOutput<typeof scriptSchema>;
export type Step = Script['steps'][number];
export type Activity = Step['activity'];
export type ActivityType = Activity['type'];
export type Column = v.InferOutput<typeof column>;
export type Card = v.InferOutput<typeof card>;
export type { Localized };

/** Where carried results may go: an info step shows them, a brainstorm starts with them as ideas. */
export function carryFits(step: {
  activity: { type: string; columns?: readonly { id: string }[] };
  carry?: { kinds: readonly string[]; column?: string | undefined } | undefined;
}): boolean {
  const carried = step.carry;
  if (!carried) return true;
  if (step.activity.type === 'info') return carried.column === undefined;
  if (step.activity.type !== 'brainstorm') return false;
  if (carried.kinds.includes('agreements')) return false;
  return (
    carried.column === undefined ||
    (step.activity.columns ?? []).some((column) => column.id === carried.column)
  );
}

export type ScriptCheck = { ok: true; script: Script } | { ok: false; problems: string[] };

/** Validates unknown data (a built-in script, a template file) and names each problem's field. */
export function parseScript(data: unknown): ScriptCheck {
  const result = v.safeParse(scriptSchema, data);
  if (result.success) return { ok: true, script: result.output };
  return {
    ok: false,
    problems: result.issues.map((issue) => {
      const path = v.getDotPath(issue);
      return path ? `${path}: ${issue.message}` : issue.message;
    })
  };
}
