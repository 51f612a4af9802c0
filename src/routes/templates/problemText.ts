import { m } from '$lib/paraglide/messages.js';
import type { Locale } from '$lib/domain/locale.ts';
import type { EditProblem } from '$lib/scripts/problems.ts';
import type { Script } from '$lib/scripts/schema.ts';

const needsActivity = { brainstorm: m.activity_brainstorm, pick: m.activity_pick } as const;

/** A problem in the facilitator's words; steps are named by their title where the script has them. */
export function problemText(
  problem: EditProblem,
  script: Script | undefined,
  locale: Locale
): string {
  const title = (id: string) => script?.steps.find((s) => s.id === id)?.title[locale] ?? id;
  switch (problem.kind) {
    case 'empty':
      return m.problem_empty();
    case 'tooLong':
      return m.problem_too_long({ max: problem.max });
    case 'tooFew':
      return problem.field === 'steps'
        ? m.problem_last_step()
        : m.problem_too_few({ min: problem.min });
    case 'tooMany':
      if (problem.field === 'steps') return m.problem_too_many_steps({ max: problem.max });
      if (problem.field.endsWith('.columns'))
        return m.problem_too_many_columns({ max: problem.max });
      return m.problem_too_many({ max: problem.max });
    case 'notNumber':
      return m.problem_not_number();
    case 'notWhole':
      return m.problem_not_whole();
    case 'tooSmall':
      return m.problem_too_small({ min: problem.min });
    case 'tooLarge':
      return m.problem_too_large({ max: problem.max });
    case 'duplicateId':
      return m.problem_duplicate_id({ id: problem.id });
    case 'needsEarlier':
      return m.problem_needs_earlier({ activity: needsActivity[problem.needs]() });
    case 'usedBy':
      return m.problem_used_by({ steps: problem.steps.map(title).join('’, ‘') });
    case 'mustFollow':
      return m.problem_must_follow({ step: title(problem.step), source: title(problem.source) });
    case 'needsColumn':
      return m.problem_needs_column();
    case 'lastStep':
      return m.problem_last_step();
    case 'atEdge':
      return '';
    case 'unknownStep':
      return m.problem_unknown_step({ id: problem.id });
    case 'invalid':
      return m.problem_invalid({ message: problem.message });
  }
}
