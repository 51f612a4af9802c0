// What every hosted spec file shares: one hosted Kring for the file's tests (skipped, with the
// install command, where Postgres, Redis or HAProxy are missing) and a wait for events.
import { test } from '@playwright/test';
import { hostedTools } from '../support/hostedServices.ts';
import { startHostedStack, type HostedStack } from '../support/hostedStack.ts';

/** Starts the stack before the file's tests, stops it after; returns the way to reach it. */
export function useHostedStack(before: () => void = () => undefined): () => HostedStack {
  const tools = hostedTools();
  test.skip(!tools.ok, tools.ok ? '' : tools.missing);
  test.describe.configure({ mode: 'serial' });
  let stack: HostedStack | undefined;
  test.beforeAll(async () => {
    before();
    stack = await startHostedStack({ certificatePem: process.env['KRING_TEST_TLS_PEM'] ?? '' });
  });
  test.afterAll(async () => {
    await stack?.stop();
  });
  return () => {
    if (!stack) throw new Error('the hosted stack is not running');
    return stack;
  };
}

/** Waits until `done()` holds, checking every 20 ms; throws with `what` after `timeoutMs`. */
export async function until(
  what: string,
  done: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
  explain: () => Promise<string> | string = () => ''
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${await explain()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
