import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions, roomChromiumLaunchOptions } from './tests/support/chromium.ts';
import { roomNamespaceFor, roomNamespaceVariable } from './tests/support/roomNetwork.ts';

const port = Number(process.env['KRING_E2E_PORT'] ?? 4610);

// One room network per run, named after the runner's pid. The runner loads this file first
// and its workers (and the browsers they start) inherit the variable, so `??=` keeps the
// runner's name when a worker loads the config again.
process.env[roomNamespaceVariable] ??= roomNamespaceFor(process.pid);

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  outputDir: 'test-results/playwright',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  // A guard against hangs, not a speed check. Tests with two or three browser contexts have
  // finished their last assertion after 28 s here (load average 21 on 2 cores).
  timeout: 60_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure'
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: '**/room/**',
      use: { ...devices['Desktop Chrome'], launchOptions: chromiumLaunchOptions }
    },
    // The room network (DESIGN.md §3) is a set-up project rather than part of globalSetup,
    // so it is only created when room tests are selected: `--project chromium` keeps working
    // without root, and a machine that cannot make it fails the "room-network" step with a
    // message saying what is needed, while the room tests are skipped.
    {
      name: 'room-network',
      testDir: 'tests/e2e/room',
      testMatch: 'roomNetwork.setup.ts',
      teardown: 'room-network-teardown'
    },
    {
      name: 'room-network-teardown',
      testDir: 'tests/e2e/room',
      testMatch: 'roomNetwork.teardown.ts'
    },
    {
      // Hub and Chromium both inside the room network, as phones in a workshop.
      name: 'room',
      testDir: 'tests/e2e/room',
      dependencies: ['room-network'],
      // Limits that fit what a room test does, as guards against hangs: it starts a hub and
      // opens up to five devices, each a browser context loading the app and joining (3 to
      // 10 s apiece on this 2-core machine when others' builds and tests share it), and its
      // assertions wait for changes to travel between browsers. Tests doing more say so.
      timeout: 90_000,
      expect: { timeout: 15_000 },
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: roomChromiumLaunchOptions,
        // The loopback web server below lives outside the room: room tests start their own
        // hub with startRoomHub() and use its url.
        baseURL: undefined
      }
    }
  ],
  webServer: {
    command: `node src/hub/main.ts --host 127.0.0.1 --port ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe'
  }
});
