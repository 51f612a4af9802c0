import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig, type Plugin } from 'vite';

const peerCrypto = fileURLToPath(new URL('./src/lib/sync/peerCrypto.ts', import.meta.url));

/**
 * Swaps two of y-webrtc's imports:
 * - its crypto.subtle-based module for Kring's pure-JS crypto (src/lib/sync/peerCrypto.ts),
 *   since crypto.subtle does not exist on http://<lan-ip>. Same exports, so y-webrtc's
 *   `password` option encrypts signaling and same-browser messages everywhere;
 * - simple-peer's browserified bundle (Node's Buffer and streams, 99 KB) for simple-peer-light,
 *   the same Peer class without the stream API, which y-webrtc does not use. Evaluating the
 *   bundle was the projector's longest frame when peer-to-peer starts (docs/BENCHMARKS.md).
 */
function yWebrtcBrowserParts(): Plugin {
  return {
    name: 'kring:y-webrtc-browser-parts',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !/[\\/]y-webrtc[\\/]src[\\/]/.test(importer)) return null;
      if (source === './crypto.js') return peerCrypto;
      if (source === 'simple-peer/simplepeer.min.js')
        return this.resolve('simple-peer-light', importer);
      return null;
    }
  };
}

export default defineConfig({
  plugins: [
    yWebrtcBrowserParts(),
    // Options (output folder, locale strategy) live in project.inlang/paraglide.config.js.
    paraglideVitePlugin({ project: './project.inlang', outdir: './src/lib/paraglide' }),
    sveltekit()
  ],
  optimizeDeps: {
    // Pre-bundling would skip the plugin above in `vite dev`.
    exclude: ['y-webrtc'],
    include: ['simple-peer-light']
  }
});
