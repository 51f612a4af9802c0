import { createHash } from 'node:crypto';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { heldSubmitScript } from './src/lib/ui/heldSubmit.ts';
import { presentPaintScript } from './src/lib/ui/presentPaintScript.ts';

// Kring's own inline scripts: the join page's (rendered on the server), and the present
// screen's first paint (in every other page, hooks.server.ts).
const scriptHash = (script) => `sha256-${createHash('sha256').update(script).digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter({ precompress: true }),
    // Absolute asset paths make the HTML shell route-independent, so the service
    // worker can answer every navigation with the one precached shell.
    paths: { relative: false },
    // The one page rendered on the server (the join page's name step) brings its styles in
    // the HTML: seven small stylesheets fetched before the first paint cost a phone more than
    // their bytes (npm run bench: join_ready_ms_cpu4x).
    inlineStyleThreshold: 8192,
    // The hub and Workbox own the service worker; SvelteKit's is not used.
    serviceWorker: { register: false },
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self', scriptHash(heldSubmitScript), scriptHash(presentPaintScript)],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'worker-src': ['self'],
        'manifest-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['none'],
        'form-action': ['self'],
        'frame-ancestors': ['none']
      }
    }
  }
};

export default config;
