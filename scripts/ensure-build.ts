// Builds the app when the build is missing or older than its sources, so `npm start`
// and the e2e tests always serve what is in the working tree.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'build', 'client', 'sw.js');
const inputs = [
  'src',
  'static',
  'messages',
  'project.inlang/settings.json',
  'svelte.config.js',
  'vite.config.ts',
  'package-lock.json',
  'scripts/build-sw.ts'
];
// The hub runs from source; changing it never needs a rebuild of the app.
const ignored = new Set([join(root, 'src', 'hub'), join(root, 'src', 'lib', 'paraglide')]);

function newestMtime(path: string): number {
  if (ignored.has(path) || !existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const changed = Math.max(...inputs.map((input) => newestMtime(join(root, input))));
if (built > changed) {
  console.log('Kring is built and up to date.');
} else {
  console.log(
    built
      ? 'Sources changed since the last build: building Kring…'
      : 'Building Kring (first start)…'
  );
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
