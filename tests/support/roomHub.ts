import { test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HubProcess } from './hubProcess.ts';
import { startRoomHub } from './roomNetwork.ts';

/** The hub of the current test, in the room network. */
export interface RoomHub extends HubProcess {
  /** Starts it again on the same address with the same data, e.g. after a crash. */
  restart(): Promise<void>;
}

/**
 * Gives every test of the calling spec file a fresh hub in the room network, with a data
 * directory of its own that is removed afterwards. Call at the top level of a spec file.
 */
export function roomHubForEachTest(): RoomHub {
  let current: HubProcess | undefined;
  let dataDir = '';
  const hub = (): HubProcess => {
    if (!current) throw new Error('the room hub exists only inside a test');
    return current;
  };
  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kring-hub-data-'));
    current = await startRoomHub({ args: ['--data-dir', dataDir] });
  });
  test.afterEach(async () => {
    await current?.stop();
    current = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get url() {
      return hub().url;
    },
    get port() {
      return hub().port;
    },
    get pid() {
      return hub().pid;
    },
    output: () => hub().output(),
    stop: (signal) => hub().stop(signal),
    async restart() {
      current = await startRoomHub({ port: hub().port, args: ['--data-dir', dataDir] });
    }
  };
}
