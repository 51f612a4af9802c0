import { bannerLocale } from '../banner.ts';

type Locale = 'nl' | 'en';

const text = {
  nl: {
    alreadyRunning: (url: string) =>
      `Kring draait al op deze computer, op ${url}\nJe browser opent die Kring nu.`,
    portMoved: (wanted: number, port: number) =>
      `Poort ${wanted} is bezet door een ander programma; Kring gebruikt poort ${port}.`,
    openYourself: (url: string) => `Open Kring in je browser: ${url}`,
    pressEnter: 'Druk op Enter om dit venster te sluiten.'
  },
  en: {
    alreadyRunning: (url: string) =>
      `Kring is already running on this computer, at ${url}\nYour browser opens that Kring now.`,
    portMoved: (wanted: number, port: number) =>
      `Port ${wanted} is taken by another program; Kring uses port ${port}.`,
    openYourself: (url: string) => `Open Kring in your browser: ${url}`,
    pressEnter: 'Press Enter to close this window.'
  }
} as const;

/**
 * The executable's language: the terminal's (LANG and friends) when set, as with npm start,
 * else the system's. A double-clicked program on Windows or macOS has no LANG.
 */
export function consoleLocale(
  env: Readonly<Record<string, string | undefined>>,
  systemLocale: string
): Locale {
  if (env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG']) return bannerLocale(env);
  return systemLocale.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

/** The executable's own sentences (the banner has the rest). */
export function consoleText(locale: Locale) {
  return text[locale];
}
