import type { Locale } from '../../lib/domain/locale.ts';
import type { StepPreview } from '../../lib/domain/stepPreview.ts';
import type { SessionData } from '../../lib/model/sessionData.ts';
import { project } from '../../lib/model/view.ts';

/**
 * What a joining phone's first screen shows (domain/stepPreview.ts), from a room's checked
 * records as the hub holds them: the current step when it is a brainstorm that takes ideas;
 * undefined otherwise (the phone then waits for its own session).
 */
export function stepPreviewOf(data: SessionData, locale: Locale): StepPreview | undefined {
  const view = project(data, { role: 'participant', locale, authorOf: () => undefined });
  const step = view.step;
  if (!view.title || !step || step.activity.type !== 'brainstorm') return undefined;
  if (!view.acceptsInput(step)) return undefined;
  const columns = view.columnsOf(step);
  if (columns.length === 0) return undefined;
  return {
    title: view.title,
    at: view.flow?.seq ?? 0,
    clock: view.clock,
    step: {
      id: step.id,
      title: step.title[locale],
      prompt: step.prompt[locale],
      columns: columns.map(({ id, title }) => ({ id, title })),
      maxLength: view.maxLengthOf(step),
      anonymous: step.activity.anonymous
    }
  };
}
