import type { Script } from '../scripts/schema.ts';

/** A facilitator's own script, kept on this device; its key is the script's id. */
export interface TemplateRecord {
  readonly id: string;
  readonly script: Script;
  /** Milliseconds since the epoch, from this device's clock. */
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Library order: the template changed most recently first. */
export function sortTemplates(templates: readonly TemplateRecord[]): TemplateRecord[] {
  return [...templates].sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
}
