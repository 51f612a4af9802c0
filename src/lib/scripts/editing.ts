import { locales, type Locale, type Localized } from '../domain/locale.ts';
import { cardsOf } from './cards.ts';
import { brokenReferences, problemsOf, type EditProblem, type Needs } from './problems.ts';
import {
  carryFits,
  type Activity,
  type ActivityType,
  type Column,
  type Script,
  type Step
} from './schema.ts';

/*
 * The script editor's operations as pure functions: each takes a valid script and returns
 * either a new valid script (it passes `parseScript`) or the problems that stop it, with the
 * field they are about. Text is kept as typed, so a space at the end of a word survives the
 * next keystroke; the schema trims it when the template is saved.
 */

export type EditResult =
  | { readonly ok: true; readonly script: Script }
  | { readonly ok: false; readonly problems: readonly EditProblem[] };

export type AddResult =
  | { readonly ok: true; readonly script: Script; readonly stepId: string }
  | { readonly ok: false; readonly problems: readonly EditProblem[] };

export type ScriptTextField = 'title' | 'summary';
export type StepTextField = 'title' | 'prompt' | 'facilitatorNotes';

export const activityTypes: readonly ActivityType[] = [
  'info',
  'brainstorm',
  'round',
  'cluster',
  'vote',
  'pick',
  'actions'
];

const refuse = (...problems: EditProblem[]): { ok: false; problems: EditProblem[] } => ({
  ok: false,
  problems
});

/** Accepts the candidate if it has no problems besides the given ones. */
function finish(candidate: Script, found: readonly EditProblem[] = []): EditResult {
  const problems = [...found, ...problemsOf(candidate)];
  return problems.length > 0 ? refuse(...problems) : { ok: true, script: candidate };
}

const copySuffix: Localized = { nl: ' (kopie)', en: ' (copy)' };
// The schema's limit for short text such as titles.
const maxTitle = 120;

/** A copy with a new id, titled "… (kopie)" / "… (copy)", that can be edited as one's own. */
export function copyScript(script: Script, id: string): EditResult {
  const title = mapLocales((locale) => {
    const base = script.title[locale].trim();
    const suffix = copySuffix[locale];
    return base.slice(0, maxTitle - suffix.length).trimEnd() + suffix;
  });
  return finish({ ...structuredClone(script), id, title });
}

/** Changes the title or the summary in one language. */
export function setScriptText(
  script: Script,
  field: ScriptTextField,
  locale: Locale,
  value: string
): EditResult {
  return finish({ ...script, [field]: { ...script[field], [locale]: value } });
}

/** Gives the script a new title in every language. */
export function renameScript(script: Script, title: Localized): EditResult {
  return finish({ ...script, title: { ...title } });
}

/** Changes a step's title, participant prompt or facilitator notes in one language. */
export function setStepText(
  script: Script,
  stepId: string,
  field: StepTextField,
  locale: Locale,
  value: string
): EditResult {
  return updateStep(script, stepId, (step) => ({
    ...step,
    [field]: { ...step[field], [locale]: value }
  }));
}

/** Changes a step's suggested duration. */
export function setMinutes(script: Script, stepId: string, minutes: number): EditResult {
  return updateStep(script, stepId, (step) => ({ ...step, minutes }));
}

/**
 * Replaces a step's activity (its options, or another type). Refused when later steps work
 * on this step and the new activity no longer gives them what they need.
 */
export function setActivity(script: Script, stepId: string, activity: Activity): EditResult {
  const index = script.steps.findIndex((s) => s.id === stepId);
  const step = script.steps[index];
  if (!step) return refuse({ kind: 'unknownStep', field: 'steps', id: stepId });
  const next = compact(activity);
  const field = `steps.${index}.activity`;
  const users = usersOf(script, stepId);
  if (users.length > 0 && next.type !== step.activity.type)
    return refuse({ kind: 'usedBy', field: `${field}.type`, steps: users });
  // What the step took from earlier sessions goes when the new activity has no place for it.
  const changed: Step = { ...step, activity: next };
  if (!carryFits(changed)) delete changed.carry;
  const candidate = withStep(script, index, changed);
  return finish(candidate, activityProblems(next, field));
}

/** Gives a step another activity type, with that type's default options. */
export function changeActivityType(script: Script, stepId: string, type: ActivityType): EditResult {
  const index = script.steps.findIndex((s) => s.id === stepId);
  const step = script.steps[index];
  if (!step) return refuse({ kind: 'unknownStep', field: 'steps', id: stepId });
  if (step.activity.type === type) return { ok: true, script };
  const users = usersOf(script, stepId);
  if (users.length > 0)
    return refuse({ kind: 'usedBy', field: `steps.${index}.activity.type`, steps: users });
  const activity = defaultActivity(type, script.steps.slice(0, index));
  if ('needs' in activity)
    return refuse({
      kind: 'needsEarlier',
      field: `steps.${index}.activity.type`,
      needs: activity.needs
    });
  return setActivity(script, stepId, activity);
}

/** Moves a step one place up (-1) or down (+1); refused where a step would come before the step it works on. */
export function moveStep(script: Script, stepId: string, offset: -1 | 1): EditResult {
  const index = script.steps.findIndex((s) => s.id === stepId);
  if (index < 0) return refuse({ kind: 'unknownStep', field: 'steps', id: stepId });
  const target = index + offset;
  const other = script.steps[target];
  const step = script.steps[index];
  if (!other || !step) return refuse({ kind: 'atEdge', field: `steps.${index}` });
  const steps = [...script.steps];
  steps[target] = step;
  steps[index] = other;
  const broken = brokenReferences(steps);
  if (broken.length > 0)
    return refuse(
      ...broken.map((ref) => ({
        kind: 'mustFollow' as const,
        field: `steps.${index}`,
        step: ref.step,
        source: ref.source
      }))
    );
  return finish({ ...script, steps });
}

/** Adds a step of the given type with sensible defaults, after `afterStepId` or at the end. */
export function addStep(script: Script, type: ActivityType, afterStepId?: string): AddResult {
  const after =
    afterStepId === undefined ? -1 : script.steps.findIndex((s) => s.id === afterStepId);
  if (afterStepId !== undefined && after < 0)
    return refuse({ kind: 'unknownStep', field: 'steps', id: afterStepId });
  const index = afterStepId === undefined ? script.steps.length : after + 1;
  const activity = defaultActivity(type, script.steps.slice(0, index));
  if ('needs' in activity)
    return refuse({ kind: 'needsEarlier', field: 'steps', needs: activity.needs });
  const step: Step = {
    id: freshId(
      'stap',
      script.steps.map((s) => s.id)
    ),
    title: { ...newStepText[type].title },
    prompt: { ...newStepText[type].prompt },
    facilitatorNotes: { nl: '', en: '' },
    minutes: newStepMinutes[type],
    activity
  };
  const steps = [...script.steps];
  steps.splice(index, 0, step);
  const result = finish({ ...script, steps });
  return result.ok ? { ...result, stepId: step.id } : result;
}

/** Removes a step; refused for the last one, and for a step that later steps work on. */
export function removeStep(script: Script, stepId: string): EditResult {
  const index = script.steps.findIndex((s) => s.id === stepId);
  if (index < 0) return refuse({ kind: 'unknownStep', field: 'steps', id: stepId });
  const users = usersOf(script, stepId);
  if (users.length > 0) return refuse({ kind: 'usedBy', field: `steps.${index}`, steps: users });
  if (script.steps.length === 1) return refuse({ kind: 'lastStep', field: 'steps' });
  return finish({ ...script, steps: script.steps.filter((s) => s.id !== stepId) });
}

/** Adds a column to a brainstorm with fixed columns. */
export function addColumn(script: Script, stepId: string): EditResult {
  return editColumns(script, stepId, (columns) => {
    const id = freshId(
      'kolom',
      columns.map((c) => c.id)
    );
    const number = columns.length + 1;
    return [...columns, { id, title: { nl: `Vak ${number}`, en: `Column ${number}` } }];
  });
}

/** Removes a column from a brainstorm; a brainstorm keeps at least one. */
export function removeColumn(script: Script, stepId: string, columnId: string): EditResult {
  return editColumns(script, stepId, (columns) => columns.filter((c) => c.id !== columnId));
}

/** Renames a brainstorm column in one language. */
export function setColumnTitle(
  script: Script,
  stepId: string,
  columnId: string,
  locale: Locale,
  value: string
): EditResult {
  return editColumns(script, stepId, (columns) =>
    columns.map((c) => (c.id === columnId ? { ...c, title: { ...c.title, [locale]: value } } : c))
  );
}

/** The ids of the steps that work on this step's results. */
export function usersOf(script: Script, stepId: string): string[] {
  return script.steps
    .filter((s) => {
      const a = s.activity;
      if (a.type === 'cluster' || a.type === 'vote') return a.source === stepId;
      if (a.type === 'info') return a.board === stepId;
      return a.type === 'brainstorm' && a.columnsFromPick?.step === stepId;
    })
    .map((s) => s.id);
}

/** The steps before `stepId` of the kind an activity there may work on. */
export function earlierSteps(script: Script, stepId: string, needs: Needs): Step[] {
  const index = script.steps.findIndex((s) => s.id === stepId);
  return script.steps.slice(0, Math.max(index, 0)).filter((s) => s.activity.type === needs);
}

/** Default options for a new activity; cluster and vote work on the nearest earlier brainstorm. */
export function defaultActivity(
  type: ActivityType,
  earlier: readonly Step[]
): Activity | { needs: Needs } {
  const nearest = (kind: Needs) => earlier.findLast((s) => s.activity.type === kind)?.id;
  switch (type) {
    case 'info':
    case 'actions':
      return { type };
    case 'brainstorm':
      return {
        type,
        columns: [{ id: 'ideeen', title: { nl: 'Ideeën', en: 'Ideas' } }],
        anonymous: true,
        hidden: false
      };
    case 'round':
      return { type, display: 'list' };
    case 'cluster': {
      const source = nearest('brainstorm');
      return source ? { type, source } : { needs: 'brainstorm' };
    }
    case 'vote': {
      const source = nearest('brainstorm');
      return source ? { type, source, dots: 3, maxPerItem: 1 } : { needs: 'brainstorm' };
    }
    case 'pick':
      return { type, cards: 'principles', max: 1 };
  }
}

// What a new step says until the facilitator writes their own text; both languages, since
// every script must have both.
const newStepText: Record<ActivityType, { title: Localized; prompt: Localized }> = {
  info: {
    title: { nl: 'Uitleg', en: 'Explanation' },
    prompt: {
      nl: 'Schrijf hier wat de deelnemers te zien krijgen.',
      en: 'Write here what the participants see.'
    }
  },
  brainstorm: {
    title: { nl: 'Ideeën verzamelen', en: 'Collect ideas' },
    prompt: {
      nl: 'Schrijf je ideeën op, één idee per keer.',
      en: 'Write down your ideas, one idea at a time.'
    }
  },
  round: {
    title: { nl: 'Rondje', en: 'Round' },
    prompt: {
      nl: 'Hoe zit je hier vandaag? Zeg het in één woord.',
      en: 'How are you today? Say it in one word.'
    }
  },
  cluster: {
    title: { nl: 'Bundelen', en: 'Group the ideas' },
    prompt: {
      nl: 'We leggen ideeën die over hetzelfde gaan samen.',
      en: 'We put ideas about the same thing together.'
    }
  },
  vote: {
    title: { nl: 'Stemmen', en: 'Vote' },
    prompt: {
      nl: 'Zet je stippen op wat voor jou het belangrijkst is.',
      en: 'Put your dots on what matters most to you.'
    }
  },
  pick: {
    title: { nl: 'Kaarten kiezen', en: 'Pick cards' },
    prompt: {
      nl: 'Kies de kaart die jou het meest aanspreekt.',
      en: 'Pick the card that speaks to you most.'
    }
  },
  actions: {
    title: { nl: 'Afspraken', en: 'Agreements' },
    prompt: {
      nl: 'Wat spreken we af? Wie doet wat, en tegen wanneer?',
      en: 'What do we agree on? Who does what, and by when?'
    }
  }
};

const newStepMinutes: Record<ActivityType, number> = {
  info: 5,
  brainstorm: 15,
  round: 10,
  cluster: 15,
  vote: 10,
  pick: 10,
  actions: 15
};

/** Rules the schema leaves open but a session needs, checked for the activity being edited. */
function activityProblems(activity: Activity, field: string): EditProblem[] {
  if (activity.type === 'brainstorm') {
    if (activity.columnsFromPick) return [];
    if (activity.columns.length === 0) return [{ kind: 'needsColumn', field: `${field}.columns` }];
    const ids = activity.columns.map((c) => c.id);
    return ids.flatMap((id, index) =>
      ids.indexOf(id) === index
        ? []
        : [{ kind: 'duplicateId' as const, field: `${field}.columns.${index}.id`, id }]
    );
  }
  if (activity.type === 'vote' && activity.maxPerItem > activity.dots)
    return [{ kind: 'tooLarge', field: `${field}.maxPerItem`, max: activity.dots }];
  if (activity.type === 'pick') {
    // Choosing every card says nothing; at least one must be left out.
    const max = cardsOf(activity.cards).length - 1;
    if (activity.max > max) return [{ kind: 'tooLarge', field: `${field}.max`, max }];
  }
  return [];
}

function editColumns(
  script: Script,
  stepId: string,
  change: (columns: readonly Column[]) => Column[]
): EditResult {
  const step = script.steps.find((s) => s.id === stepId);
  if (!step) return refuse({ kind: 'unknownStep', field: 'steps', id: stepId });
  const a = step.activity;
  if (a.type !== 'brainstorm')
    return refuse({ kind: 'invalid', field: 'activity.type', message: 'not a brainstorm' });
  return setActivity(script, stepId, { ...a, columns: change(a.columns) });
}

function updateStep(script: Script, stepId: string, change: (step: Step) => Step): EditResult {
  const index = script.steps.findIndex((s) => s.id === stepId);
  const step = script.steps[index];
  if (!step) return refuse({ kind: 'unknownStep', field: 'steps', id: stepId });
  return finish(withStep(script, index, change(step)));
}

function withStep(script: Script, index: number, step: Step): Script {
  return { ...script, steps: script.steps.map((s, i) => (i === index ? step : s)) };
}

/** Drops options set to `undefined`, so "no limit" is an absent key as in the built-in scripts. */
function compact(activity: Activity): Activity {
  return Object.fromEntries(
    Object.entries(activity).filter(([, value]) => value !== undefined)
  ) as Activity;
}

/** `prefix-N` with the smallest N not taken. */
function freshId(prefix: string, taken: readonly string[]): string {
  let n = 1;
  while (taken.includes(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

function mapLocales(make: (locale: Locale) => string): Localized {
  return Object.fromEntries(locales.map((locale) => [locale, make(locale)])) as Localized;
}
