import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hubNodeFlags } from '../../src/hub/nodeFlags.ts';

/*
 * The hub's Node flags are process flags, written out where a command line starts the hub;
 * these places must say the same as src/hub/nodeFlags.ts (the bench and the packaged app read
 * it directly).
 */

const root = new URL('../../', import.meta.url);

describe('the Node flags the hub runs with', () => {
  it('are on npm start', () => {
    const scripts = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.scripts['start']).toContain(`node ${hubNodeFlags.join(' ')} src/hub/main.ts`);
  });

  it('are on every hub of the hosted set-up', () => {
    const compose = readFileSync(new URL('deploy/compose.yaml', root), 'utf8');
    const starts = compose.match(/exec node [^']*src\/hub\/main\.ts/g) ?? [];
    expect(starts.length).toBeGreaterThan(0);
    for (const start of starts)
      expect(start).toBe(`exec node ${hubNodeFlags.join(' ')} src/hub/main.ts`);
  });
});
