import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/support/chromium.ts';
import { makeTestCertificate } from './tests/support/testCertificate.ts';

// `npm run test:hosted`: a hosted Kring (Postgres, Redis, HAProxy with TLS, three hubs) started
// by the tests themselves (tests/hosted/). One certificate per run, made when the runner loads
// this file; its workers inherit the variables (Node reads NODE_EXTRA_CA_CERTS at start, so the
// Node phones trust it, and Chromium trusts it through its public key's hash).
if (!process.env['KRING_TEST_TLS_PEM']) {
  const certificate = makeTestCertificate();
  process.env['KRING_TEST_TLS_PEM'] = certificate.pem;
  process.env['KRING_TEST_TLS_SPKI'] = certificate.spki;
  process.env['NODE_EXTRA_CA_CERTS'] = certificate.cert;
}

export default defineConfig({
  testDir: 'tests/hosted',
  outputDir: 'test-results/hosted',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  timeout: 180_000,
  expect: { timeout: 15_000 },
  use: {
    ...devices['Desktop Chrome'],
    launchOptions: {
      ...chromiumLaunchOptions,
      args: [
        ...(chromiumLaunchOptions.args ?? []),
        `--ignore-certificate-errors-spki-list=${process.env['KRING_TEST_TLS_SPKI'] ?? ''}`
      ]
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure'
  }
});
