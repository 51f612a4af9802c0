import { posix, win32 } from 'node:path';

/**
 * The folder where the downloaded Kring keeps its rooms: the person's own application-data
 * folder, so rooms survive moving or re-downloading the program and never need write access
 * next to it (a managed laptop's Downloads or Program Files).
 */
export function appDataDir(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  home: string
): string {
  if (platform === 'win32') {
    return win32.join(env['APPDATA'] || win32.join(home, 'AppData', 'Roaming'), 'Kring');
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'Kring');
  // XDG: a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env['XDG_DATA_HOME'];
  const base = xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.local', 'share');
  return posix.join(base, 'kring');
}
