import { SvelteMap } from 'svelte/reactivity';
import type { AddResult, EditResult } from '$lib/scripts/editing.ts';
import type { EditProblem } from '$lib/scripts/problems.ts';
import type { Script, Step } from '$lib/scripts/schema.ts';

/** What was typed into a field that the script refused, with the reasons. */
export interface Pending {
  readonly raw: string;
  readonly problems: readonly EditProblem[];
}

/** The key of a script-level field ("script/title.nl"). */
export const scriptKey = (field: string): string => `script/${field}`;
/** The key of a field of a step ("stap-1/prompt.en"). */
export const stepKey = (stepId: string, field: string): string => `${stepId}/${field}`;
/** An element id for a field key. */
export const fieldId = (key: string): string => `field-${key.replace(/[^a-z0-9-]/gi, '_')}`;

/**
 * The template being edited. The script itself is always valid (every operation passes
 * `parseScript`); text the script refused stays in the field with its problems until it is
 * fixed, and saving waits for that.
 */
export class TemplateEditor {
  #script: Script;
  #selectedId: string;
  #dirty = $state(false);
  readonly #pending = new SvelteMap<string, Pending>();
  // Problems of a choice or an action that was refused; the script did not change.
  readonly #refused = new SvelteMap<string, readonly EditProblem[]>();

  constructor(script: Script) {
    this.#script = $state.raw(script);
    this.#selectedId = $state(script.steps[0]?.id ?? '');
  }

  get script(): Script {
    return this.#script;
  }

  /** Whether there are changes that are not saved yet. */
  get dirty(): boolean {
    return this.#dirty;
  }

  get selectedIndex(): number {
    return Math.max(
      0,
      this.#script.steps.findIndex((s) => s.id === this.#selectedId)
    );
  }

  get selected(): Step {
    const step = this.#script.steps[this.selectedIndex];
    if (!step) throw new Error('a script always has a step');
    return step;
  }

  select(stepId: string): void {
    this.#selectedId = stepId;
    this.#refused.clear();
  }

  /** Keys of fields whose typed text is not in the script yet, in the order they were typed. */
  get pendingKeys(): string[] {
    return [...this.#pending.keys()];
  }

  pending(key: string): Pending | undefined {
    return this.#pending.get(key);
  }

  /** What to show next to a field: the problems of its typed text or of a refused choice. */
  problems(key: string): readonly EditProblem[] {
    return this.#pending.get(key)?.problems ?? this.#refused.get(key) ?? [];
  }

  /** Applies typed text when the script accepts it; otherwise keeps it with its problems. */
  type(key: string, raw: string, result: EditResult): void {
    if (result.ok) {
      this.#pending.delete(key);
      this.#accept(result.script);
    } else {
      this.#pending.set(key, { raw, problems: result.problems });
    }
  }

  /**
   * Applies a choice or an action (move, add, remove, an option). When refused, its problems
   * show under `key`. Typed text under keys starting with `forget` belonged to something that
   * is gone now.
   */
  apply(key: string, result: EditResult | AddResult, forget?: string): boolean {
    if (!result.ok) {
      this.#refused.clear();
      this.#refused.set(key, result.problems);
      return false;
    }
    if (forget !== undefined) {
      for (const k of [...this.#pending.keys()]) if (k.startsWith(forget)) this.#pending.delete(k);
    }
    this.#accept(result.script);
    return true;
  }

  /** The template was stored as `script` (trimmed by the schema). */
  saved(script: Script): void {
    this.#script = script;
    this.#dirty = false;
  }

  #accept(script: Script): void {
    this.#script = script;
    this.#refused.clear();
    this.#dirty = true;
  }
}
