import type { Localized } from '../domain/locale.ts';
import { builtinScripts } from './builtin/index.ts';
import type { Script } from './schema.ts';

/** What the library shows of a guided script before it is opened. */
export interface ScriptSummary {
  readonly id: string;
  readonly title: Localized;
  readonly summary: Localized;
  readonly minutes: number;
}

function summarise(script: Script): ScriptSummary {
  return {
    id: script.id,
    title: script.title,
    summary: script.summary,
    minutes: script.steps.reduce((sum, step) => sum + step.minutes, 0)
  };
}

/** The built-in scripts, as the library lists them. */
export const scriptCatalog: readonly ScriptSummary[] = builtinScripts.map(summarise);

/** Finds a built-in script's summary by id. */
export function findScript(id: string): ScriptSummary | undefined {
  return scriptCatalog.find((script) => script.id === id);
}

/** The full built-in script with this id. */
export function builtinScript(id: string): Script | undefined {
  return builtinScripts.find((script) => script.id === id);
}
