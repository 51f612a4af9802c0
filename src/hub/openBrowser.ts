import { spawn } from 'node:child_process';

/** The command that opens a URL in the person's default browser on this platform. */
export function browserCommand(
  platform: NodeJS.Platform,
  url: string
): { readonly command: string; readonly args: readonly string[] } {
  // rundll32 takes the URL as one argument: no cmd.exe quoting, and no extra window.
  if (platform === 'win32')
    return { command: 'rundll32.exe', args: ['url.dll,FileProtocolHandler', url] };
  if (platform === 'darwin') return { command: 'open', args: [url] };
  return { command: 'xdg-open', args: [url] };
}

/**
 * Opens the URL in the default browser. Resolves false when that could not be started (no
 * desktop, no opener installed): the address is printed anyway, so the person can type it.
 */
export function openBrowser(url: string, platform: NodeJS.Platform = process.platform) {
  const { command, args } = browserCommand(platform, url);
  return new Promise<boolean>((resolve) => {
    try {
      const child = spawn(command, [...args], { detached: true, stdio: 'ignore' });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
