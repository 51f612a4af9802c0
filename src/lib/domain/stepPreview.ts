import type { Column } from './board.ts';

/*
 * The first screen of a phone that joins: what the hub says the room's current step asks,
 * before the phone has loaded Yjs and the session (its own copy, the records' signatures).
 * Only a brainstorm that takes ideas is previewed: that is the step a person can act on at
 * once (type an idea). The phone's own session takes over as soon as it has loaded, and
 * checks everything again; the preview is only ever shown, never trusted for a decision.
 */

export interface StepPreview {
  /** The session's title. */
  readonly title: string;
  /**
   * What a first idea sent from this screen is signed with (model/firstIdea.ts), as the
   * session would: the flow state the step is open in, and the room's clock (the newest idea's
   * time) that the idea's time follows.
   */
  readonly at: number;
  readonly clock: number;
  readonly step: {
    readonly id: string;
    readonly title: string;
    readonly prompt: string;
    readonly columns: readonly Column[];
    readonly maxLength: number;
    /** Whether ideas show without their writer's name. */
    readonly anonymous: boolean;
  };
}

// Checked by hand, not with the scripts' valibot schemas: this runs on the join page's first
// screen, before the session's code (valibot with it) has loaded.
const maxTextLength = 4000;

const isText = (value: unknown, max = maxTextLength): value is string =>
  typeof value === 'string' && value.length <= max;

function parseColumns(value: unknown): Column[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > 8) return undefined;
  const columns: Column[] = [];
  for (const item of value as unknown[]) {
    const { id, title } = (item ?? {}) as Record<string, unknown>;
    if (!isText(id, 64) || id === '' || !isText(title, 200)) return undefined;
    columns.push({ id, title });
  }
  return columns;
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * The hub's answer read as a preview; undefined for anything else (no step to preview, or a
 * malformed answer): the phone then simply waits for its session, as without a preview.
 */
export function parseStepPreview(json: unknown): StepPreview | undefined {
  const { title, at, clock, step } = (json ?? {}) as Record<string, unknown>;
  if (!isText(title) || !isCount(at) || !isCount(clock)) return undefined;
  if (typeof step !== 'object' || step === null) return undefined;
  const {
    id,
    title: stepTitle,
    prompt,
    columns,
    maxLength,
    anonymous
  } = step as Record<string, unknown>;
  const parsedColumns = parseColumns(columns);
  if (
    !isText(id, 64) ||
    id === '' ||
    !isText(stepTitle) ||
    !isText(prompt) ||
    !parsedColumns ||
    typeof maxLength !== 'number' ||
    !Number.isInteger(maxLength) ||
    maxLength < 1 ||
    maxLength > 1000 ||
    typeof anonymous !== 'boolean'
  ) {
    return undefined;
  }
  return {
    title,
    at,
    clock,
    step: { id, title: stepTitle, prompt, columns: parsedColumns, maxLength, anonymous }
  };
}
