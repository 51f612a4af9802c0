// Shared by the Vite plugin and the CLI (npm run check), so both compile the same runtime.
export default {
  outdir: './src/lib/paraglide',
  // Dutch unless the person chose English on this device; never guessed from the browser.
  strategy: ['localStorage', 'baseLocale']
};
