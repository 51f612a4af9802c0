import { characterCount, stripInvisible } from './text.ts';

/** An agreement the group recorded: what, who, by when. */
export interface Action {
  readonly id: string;
  readonly stepId: string;
  readonly what: string;
  readonly who: string;
  /** Free text ("voor de zomer", "15 maart"): groups agree on moments, not timestamps. */
  readonly when: string;
  readonly position: number;
}

export const actionLimits = { what: 200, who: 80, when: 40 } as const;

export type ActionCheck =
  | { readonly ok: true; readonly action: Pick<Action, 'what' | 'who' | 'when'> }
  | {
      readonly ok: false;
      readonly field: 'what' | 'who' | 'when';
      readonly error: 'empty' | 'tooLong';
    };

const clean = (text: string): string => stripInvisible(text).replace(/\s+/g, ' ').trim();

/** An action needs a "what"; who and when may stay open but have length limits. */
export function checkAction(input: { what: string; who: string; when: string }): ActionCheck {
  const action = { what: clean(input.what), who: clean(input.who), when: clean(input.when) };
  if (!action.what) return { ok: false, field: 'what', error: 'empty' };
  for (const field of ['what', 'who', 'when'] as const) {
    if (characterCount(action[field]) > actionLimits[field])
      return { ok: false, field, error: 'tooLong' };
  }
  return { ok: true, action };
}
