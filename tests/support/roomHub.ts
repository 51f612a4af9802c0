import { test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HubProcess } from './hubProcess.ts';
import { startRoomHub } from './roomNetwork.ts';

/**
 * A fresh hub in the room network for each test of the file calling this, with its own
 * data folder, stopped and removed after the test. Read `.process` inside a test.
 */
export function hubForEachTest(): { readonly process: HubProcess } {
  let hub: HubProcess | undefined;
  let dataDir = '';
  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kring-hub-data-'));
    hub = await startRoomHub({ args: ['--data-dir', dataDir] });
  });
  test.afterEach(async () => {
    await hub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get process(): HubProcess {
      if (!hub) throw new Error('the hub starts before each test');
      return hub;
    }
  };
}
