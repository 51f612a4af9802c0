import { build } from 'esbuild';
import { join } from 'node:path';

/**
 * Bundles the executable's hub into one CommonJS script (what Node's SEA runs): the packaged
 * entry with SvelteKit's server build, which renders the app shell, and every dependency.
 */
export async function bundleHub(root: string, outfile: string): Promise<void> {
  const kitServer = join(root, '.svelte-kit', 'output', 'server');
  const entry = [
    `import { Server } from ${JSON.stringify(join(kitServer, 'index.js'))};`,
    `import { manifest } from ${JSON.stringify(join(kitServer, 'manifest.js'))};`,
    `import { runPackaged } from ${JSON.stringify(join(root, 'src', 'hub', 'packaged', 'main.ts'))};`,
    'void runPackaged({ Server, manifest });'
  ].join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: root, sourcefile: 'kring-executable.ts', loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    minify: true,
    legalComments: 'eof',
    logLevel: 'warning'
  });
  if (result.errors.length > 0) throw new Error('esbuild failed');
}
