import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    // Options (output folder, locale strategy) live in project.inlang/paraglide.config.js.
    paraglideVitePlugin({ project: './project.inlang', outdir: './src/lib/paraglide' }),
    sveltekit()
  ]
});
