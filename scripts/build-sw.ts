// Generates the Workbox service worker over the client build: precache the app shell
// and every asset, answer all navigations with the shell so the app opens offline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSW } from 'workbox-build';

const root = new URL('..', import.meta.url).pathname;
const clientDir = join(root, 'build', 'client');
const { version } = JSON.parse(readFileSync(join(clientDir, '_app', 'version.json'), 'utf8')) as {
  version: string;
};

const { count, size, warnings } = await generateSW({
  globDirectory: clientDir,
  globPatterns: ['**/*.{js,css,svg,png,webmanifest,woff2,json}'],
  globIgnores: ['sw.js', 'workbox-*.js', '**/*.gz', '**/*.br'],
  swDest: join(clientDir, 'sw.js'),
  // The shell is rendered by the hub, not a file: precache it under the build version.
  additionalManifestEntries: [{ url: '/', revision: version }],
  navigateFallback: '/',
  // Hashed files need no cache-busting query.
  dontCacheBustURLsMatching: /^_app\/immutable\//,
  cleanupOutdatedCaches: true,
  clientsClaim: true,
  // Waits for the person to press "reload" (workbox-window sends SKIP_WAITING).
  skipWaiting: false,
  inlineWorkboxRuntime: true,
  sourcemap: false,
  mode: 'production'
});

for (const warning of warnings) console.warn(`workbox: ${warning}`);
console.log(`Service worker: ${count} files precached (${(size / 1024).toFixed(0)} KiB).`);
