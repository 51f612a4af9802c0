// The e2e tests drive Debian's Chromium (Playwright's own browser download cannot run
// here). Installs it when missing and we are root; otherwise says how.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

if (!existsSync(chromiumPath)) {
  if (process.getuid?.() === 0) {
    console.log(`Chromium is missing at ${chromiumPath}: installing it with apt-get…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    // The emoji font makes screenshots show emoji as phones do, instead of empty boxes.
    execFileSync('apt-get', ['install', '-y', 'chromium', 'fonts-noto-color-emoji'], {
      stdio: 'inherit',
      env
    });
  } else {
    console.error(
      `Chromium is missing at ${chromiumPath}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium), ` +
        'or set CHROMIUM_PATH to a Chromium binary.'
    );
    process.exit(1);
  }
}
