import { describe, expect, it } from 'vitest';
import { builtinScripts } from '../../src/lib/scripts/builtin/index.ts';
import { parseScript } from '../../src/lib/scripts/schema.ts';
import { readScriptShape } from '../../src/lib/scripts/scriptShape.ts';

/*
 * readScriptShape (how every device reads the script out of a session's doc, without
 * valibot) must give the same answer as the schema for anything a peer could write there.
 */

type Path = (string | number)[];

/** Every path to a value inside `value`, the root included. */
function pathsOf(value: unknown, path: Path = []): Path[] {
  const found: Path[] = [path];
  if (Array.isArray(value)) value.forEach((item, i) => found.push(...pathsOf(item, [...path, i])));
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) found.push(...pathsOf(item, [...path, key]));
  return found;
}

function changed(root: unknown, path: Path, change: (parent: never, key: never) => void): unknown {
  const copy: unknown = structuredClone(root);
  if (path.length === 0) return copy;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  change(parent as never, path.at(-1) as never);
  return copy;
}

const replacements: readonly unknown[] = [
  undefined,
  null,
  0,
  1.5,
  -1,
  999,
  Number.NaN,
  '',
  '   ',
  'x'.repeat(121),
  'x'.repeat(2001),
  'x'.repeat(4001),
  'Bad Id',
  'brainstorm',
  'principles',
  true,
  [],
  {},
  { nl: 'a', en: 'b' }
];

/** Whether the schema accepted it (so that a test can tell it tried both answers). */
function sameAnswer(data: unknown): boolean {
  const schema = parseScript(data);
  const shape = readScriptShape(data);
  if (schema.ok) expect(shape).toEqual(schema.script);
  else expect(shape, schema.problems.join('; ')).toBeUndefined();
  return schema.ok;
}

describe('reading a script from a doc', () => {
  it.each(builtinScripts.map((script) => [script.id, script] as const))(
    'reads built-in %s exactly as the schema does',
    (_, script) => {
      expect(readScriptShape(script)).toEqual(parseScript(script).ok && script);
    }
  );

  it('trims text as the schema does', () => {
    const script = structuredClone(builtinScripts[0]) as unknown as {
      title: { nl: string };
    };
    script.title.nl = `  ${script.title.nl}  `;
    sameAnswer(script);
    expect(readScriptShape(script)?.title.nl).toBe(builtinScripts[0]?.title.nl);
  });

  it('agrees with the schema on every field replaced, removed or added', () => {
    let cases = 0;
    let accepted = 0;
    for (const script of builtinScripts) {
      for (const path of pathsOf(script)) {
        for (const replacement of replacements) {
          const ok = sameAnswer(
            changed(script, path, (parent: Record<string | number, unknown>, key: string) => {
              parent[key] = replacement;
            })
          );
          cases += 1;
          if (ok) accepted += 1;
        }
        sameAnswer(
          changed(script, path, (parent: Record<string | number, unknown>, key: string) => {
            if (Array.isArray(parent)) parent.splice(Number(key), 1);
            else delete parent[key];
          })
        );
        sameAnswer(
          changed(script, path, (parent: Record<string | number, unknown>, key: string) => {
            const value = parent[key];
            if (typeof value === 'object' && value !== null && !Array.isArray(value))
              (value as Record<string, unknown>)['extra'] = 1;
          })
        );
        cases += 2;
      }
    }
    expect(cases).toBeGreaterThan(1000);
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(cases / 2);
  });

  it('refuses duplicate step ids and references to later or missing steps', () => {
    const swot = builtinScripts.find((script) =>
      script.steps.some((s) => s.activity.type === 'vote')
    );
    if (!swot) throw new Error('no built-in script with a vote step');
    const steps = swot.steps;
    const duplicate = { ...swot, steps: [...steps, steps[0]] };
    const reversed = { ...swot, steps: [...steps].reverse() };
    for (const data of [duplicate, reversed, { ...swot, schema: 2 }, 'script', null]) {
      sameAnswer(data);
      expect(readScriptShape(data)).toBeUndefined();
    }
  });
});
