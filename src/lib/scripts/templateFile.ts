import type { Locale } from '../domain/locale.ts';
import { archiveKind, withoutByteOrderMark } from '../export/archiveKind.ts';
import { problemsOf, type EditProblem } from './problems.ts';
import { parseScript, type Script } from './schema.ts';

/*
 * A template file is the script itself as JSON: what `parseScript` reads is what a colleague
 * shares, so a file made by hand or by another version is checked by the same rules.
 */

/** Far above any real script (40 steps of 2,000 characters); refuses a wrong file early. */
export const maxTemplateFileBytes = 1_000_000;

export type TemplateFileCheck =
  | { readonly ok: true; readonly script: Script }
  | {
      readonly ok: false;
      readonly reason: 'tooBig' | 'notJson' | 'sessionArchive' | 'notScript';
    }
  | { readonly ok: false; readonly reason: 'invalid'; readonly problems: readonly EditProblem[] };

/** Reads the text of a template file; a bad file names each problem's field. */
export function readTemplateFile(file: string): TemplateFileCheck {
  const text = withoutByteOrderMark(file);
  if (text.length > maxTemplateFileBytes) return { ok: false, reason: 'tooBig' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'notJson' };
  }
  // A whole session saved from the library: say where it goes instead of listing fields.
  if ((data as { kring?: unknown } | null)?.kring === archiveKind)
    return { ok: false, reason: 'sessionArchive' };
  const check = parseScript(data);
  if (check.ok) return { ok: true, script: check.script };
  // Some other JSON file: say what it is not, rather than list every field a script lacks.
  if (!looksLikeScript(data)) return { ok: false, reason: 'notScript' };
  const problems = problemsOf(data);
  return {
    ok: false,
    reason: 'invalid',
    problems:
      problems.length > 0
        ? problems
        : check.problems.map((message) => ({ kind: 'invalid' as const, field: '', message }))
  };
}

/** Whether JSON data is meant as a script (it has steps or a script schema), even with mistakes. */
export function looksLikeScript(data: unknown): boolean {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  return 'steps' in data || 'schema' in data;
}

/** The file's contents: the script as indented JSON, readable in a text editor. */
export function templateFileText(script: Script): string {
  return `${JSON.stringify(script, null, 2)}\n`;
}

/** A file name from the title, e.g. "swot-analyse.kring.json". */
export function templateFileName(script: Script, locale: Locale): string {
  const slug = script.title[locale]
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || script.id}.kring.json`;
}
