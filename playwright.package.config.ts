import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/support/chromium.ts';

// `npm run test:package`: the single executables that `npm run package` just built into
// dist/. Each test starts its own executable; no shared web server, no room network.
export default defineConfig({
  testDir: 'tests/package',
  outputDir: 'test-results/package',
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    ...devices['Desktop Chrome'],
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure'
  }
});
