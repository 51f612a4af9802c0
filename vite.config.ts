import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig, type Plugin } from 'vite';

const peerCrypto = fileURLToPath(new URL('./src/lib/sync/peerCrypto.ts', import.meta.url));

/**
 * Gives y-webrtc Kring's pure-JS crypto (src/lib/sync/peerCrypto.ts) in place of its own
 * crypto.subtle-based module, which does not exist on http://<lan-ip>. Same exports, so
 * y-webrtc's `password` option encrypts signaling and same-browser messages everywhere.
 */
function yWebrtcPureCrypto(): Plugin {
  return {
    name: 'kring:y-webrtc-pure-crypto',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './crypto.js' && importer && /[\\/]y-webrtc[\\/]src[\\/]/.test(importer)) {
        return peerCrypto;
      }
      return null;
    }
  };
}

export default defineConfig({
  plugins: [
    yWebrtcPureCrypto(),
    // Options (output folder, locale strategy) live in project.inlang/paraglide.config.js.
    paraglideVitePlugin({ project: './project.inlang', outdir: './src/lib/paraglide' }),
    sveltekit()
  ],
  optimizeDeps: {
    // Pre-bundling would skip the plugin above in `vite dev`; its CommonJS dependency still
    // needs converting.
    exclude: ['y-webrtc'],
    include: ['simple-peer/simplepeer.min.js']
  }
});
