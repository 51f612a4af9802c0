import { sortTemplates, type TemplateRecord } from '../storage/templateRecord.ts';
import { parseScript, type Script } from '../scripts/schema.ts';
import type { KringDatabase } from './KringDatabase.ts';

/** Thrown when a script that does not pass `parseScript` is about to be stored. */
export class InvalidTemplateError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`not a valid script: ${problems.join('; ')}`);
    this.name = 'InvalidTemplateError';
    this.problems = problems;
  }
}

/** The facilitator's own scripts kept on this device. Only scripts that pass the schema are stored. */
export class TemplateLibrary {
  readonly #db: KringDatabase;

  constructor(db: KringDatabase) {
    this.#db = db;
  }

  /** Stores a new template; refuses an id that is taken, so an import never replaces one silently. */
  async add(script: Script, now: number): Promise<TemplateRecord> {
    const record = { id: script.id, script: valid(script), createdAt: now, updatedAt: now };
    await this.#db.templates.add(record);
    return record;
  }

  /** Stores a template over its earlier version (or as a new one), keeping when it was made. */
  async save(script: Script, now: number): Promise<TemplateRecord> {
    const checked = valid(script);
    return this.#db.transaction('rw', this.#db.templates, async () => {
      const earlier = await this.#db.templates.get(checked.id);
      const record = {
        id: checked.id,
        script: checked,
        createdAt: earlier?.createdAt ?? now,
        updatedAt: now
      };
      await this.#db.templates.put(record);
      return record;
    });
  }

  /** All templates, the one changed most recently first. */
  async list(): Promise<TemplateRecord[]> {
    return sortTemplates(await this.#db.templates.toArray());
  }

  async get(id: string): Promise<TemplateRecord | undefined> {
    return this.#db.templates.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.#db.templates.delete(id);
  }
}

/** The schema's output: trimmed text, as sessions will show it. */
function valid(script: Script): Script {
  const check = parseScript(script);
  if (!check.ok) throw new InvalidTemplateError(check.problems);
  return check.script;
}
