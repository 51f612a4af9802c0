import * as v from 'valibot';
import { scriptSchema, type Script, type Step } from './schema.ts';

/*
 * What is wrong with a script, as data the editor can place next to a field and translate.
 * The schema stays the one source of limits: its issues are mapped, not re-checked, so a
 * limit changed in schema.ts changes the editor's messages too.
 */

/** Which kind of earlier step an activity works on. */
export type Needs = 'brainstorm' | 'pick';

/** One problem with a script; `field` is a dot path as in `parseScript` ("steps.2.title.nl"). */
export type EditProblem =
  | { readonly kind: 'empty'; readonly field: string }
  | { readonly kind: 'tooLong'; readonly field: string; readonly max: number }
  | { readonly kind: 'tooFew'; readonly field: string; readonly min: number }
  | { readonly kind: 'tooMany'; readonly field: string; readonly max: number }
  | { readonly kind: 'notNumber'; readonly field: string }
  | { readonly kind: 'notWhole'; readonly field: string }
  | { readonly kind: 'tooSmall'; readonly field: string; readonly min: number }
  | { readonly kind: 'tooLarge'; readonly field: string; readonly max: number }
  | { readonly kind: 'duplicateId'; readonly field: string; readonly id: string }
  /** The activity works on an earlier step of this kind, and there is none. */
  | { readonly kind: 'needsEarlier'; readonly field: string; readonly needs: Needs }
  /** These later steps work on this step's results. */
  | { readonly kind: 'usedBy'; readonly field: string; readonly steps: readonly string[] }
  /** Moving would put `step` before `source`, whose results it works on. */
  | {
      readonly kind: 'mustFollow';
      readonly field: string;
      readonly step: string;
      readonly source: string;
    }
  | { readonly kind: 'needsColumn'; readonly field: string }
  | { readonly kind: 'lastStep'; readonly field: string }
  | { readonly kind: 'atEdge'; readonly field: string }
  | { readonly kind: 'unknownStep'; readonly field: string; readonly id: string }
  /** Anything else the schema refuses, with its own (English) message. */
  | { readonly kind: 'invalid'; readonly field: string; readonly message: string };

/** A step that works on another one, and the step it works on. */
export interface Reference {
  readonly step: string;
  readonly source: string;
  readonly needs: Needs;
  /** Path of the referring field, relative to the step. */
  readonly field: string;
}

/** The earlier step each activity works on (clusters, votes and a shown board: a brainstorm; dynamic columns: a pick). */
export function referencesOf(step: Step): Reference[] {
  const a = step.activity;
  if (a.type === 'cluster' || a.type === 'vote')
    return [{ step: step.id, source: a.source, needs: 'brainstorm', field: 'activity.source' }];
  if (a.type === 'info' && a.board !== undefined)
    return [{ step: step.id, source: a.board, needs: 'brainstorm', field: 'activity.board' }];
  if (a.type === 'brainstorm' && a.columnsFromPick)
    return [
      {
        step: step.id,
        source: a.columnsFromPick.step,
        needs: 'pick',
        field: 'activity.columnsFromPick.step'
      }
    ];
  return [];
}

/** References that do not point to an earlier step of the right kind. */
export function brokenReferences(steps: readonly Step[]): Reference[] {
  return steps.flatMap((step, index) =>
    referencesOf(step).filter(
      (ref) => steps.slice(0, index).find((s) => s.id === ref.source)?.activity.type !== ref.needs
    )
  );
}

/** Every problem of a candidate script, or none when `parseScript` would accept it. */
export function problemsOf(data: unknown): EditProblem[] {
  const result = v.safeParse(scriptSchema, data);
  const issues = result.success ? [] : result.issues;
  // The schema's whole-script checks carry no field; the same rules are re-stated below
  // with one.
  const problems = issues.filter((issue) => issue.type !== 'check').map(fromIssue);
  // Only when every value has the right type is it safe to read the data as a script.
  if (issues.every((issue) => issue.kind !== 'schema'))
    problems.push(...ruleProblems(data as Script));
  // Never let the schema refuse without saying why.
  if (!result.success && problems.length === 0)
    problems.push(
      ...issues.map((issue) => ({
        kind: 'invalid' as const,
        field: v.getDotPath(issue) ?? '',
        message: issue.message
      }))
    );
  return problems;
}

function ruleProblems(script: Script): EditProblem[] {
  const problems: EditProblem[] = [];
  const seen = new Set<string>();
  script.steps.forEach((step, index) => {
    if (seen.has(step.id))
      problems.push({ kind: 'duplicateId', field: `steps.${index}.id`, id: step.id });
    seen.add(step.id);
  });
  for (const ref of brokenReferences(script.steps)) {
    const index = script.steps.findIndex((s) => s.id === ref.step);
    problems.push({ kind: 'needsEarlier', field: `steps.${index}.${ref.field}`, needs: ref.needs });
  }
  return problems;
}

function fromIssue(issue: v.BaseIssue<unknown>): EditProblem {
  const field = v.getDotPath(issue) ?? '';
  const limit = typeof issue.requirement === 'number' ? issue.requirement : undefined;
  const isText = typeof issue.input === 'string';
  switch (issue.type) {
    case 'min_length':
      if (isText && limit === 1) return { kind: 'empty', field };
      if (!isText && limit !== undefined) return { kind: 'tooFew', field, min: limit };
      break;
    case 'max_length':
      if (limit !== undefined)
        return isText
          ? { kind: 'tooLong', field, max: limit }
          : { kind: 'tooMany', field, max: limit };
      break;
    case 'number':
      return { kind: 'notNumber', field };
    case 'integer':
      return { kind: 'notWhole', field };
    case 'min_value':
      if (limit !== undefined) return { kind: 'tooSmall', field, min: limit };
      break;
    case 'max_value':
      if (limit !== undefined) return { kind: 'tooLarge', field, max: limit };
      break;
  }
  return { kind: 'invalid', field, message: issue.message };
}
