import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { fetchLoginToken, loginKeysFor } from '../../src/lib/access/hubLogin.ts';
import { newRoomKey } from '../../src/lib/access/roomKeys.ts';
import { HubStartError, startHub } from '../../src/hub/startHub.ts';

// startHub as main.ts runs it, with a one-line app in place of the SvelteKit build.

let dir: string;
let buildDir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kring-hub-start-'));
  buildDir = join(dir, 'build');
  mkdirSync(buildDir);
  writeFileSync(
    join(buildDir, 'handler.js'),
    "export const handler = (req, res) => { res.setHeader('Content-Type', 'text/plain'); res.end('the app'); };\n"
  );
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('startHub', () => {
  it('serves the app, the relay and signaling on one port, and close() ends them all', async () => {
    const hub = await startHub({
      buildDir,
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dir, 'data', 'nested')
    });
    const base = `127.0.0.1:${hub.port}`;
    const keys = loginKeysFor(newRoomKey(), 'een-telefoon');

    const page = await fetch(`http://${base}/`);
    expect(await page.text()).toBe('the app');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');

    // Both log in with a challenge from the hub's API on the same port.
    const provider = new HocuspocusProvider({
      url: `ws://${base}/sync`,
      name: keys.roomId,
      token: () => fetchLoginToken(`http://${base}`, keys),
      document: new Y.Doc()
    });
    const signal = new WebSocket(`ws://${base}/signal/${keys.roomId}`);
    const signalClosed = new Promise<number>((resolve) => signal.on('close', resolve));
    const pong = new Promise((resolve) => signal.on('message', resolve));
    signal.on('open', () => {
      void fetchLoginToken(`http://${base}`, keys).then((token) => {
        signal.send(JSON.stringify({ type: 'login', token }));
        signal.send('{"type":"ping"}');
      });
    });
    try {
      expect(JSON.parse(String(await pong))).toEqual({ type: 'pong' });
      await vi.waitFor(() => expect(provider.isSynced).toBe(true));

      const relayClosed = new Promise<number>((resolve) =>
        provider.on('close', ({ event }: { event: { code: number } }) => resolve(event.code))
      );
      await hub.close();
      expect(await relayClosed).toBe(1001);
      expect(await signalClosed).toBe(1001);
    } finally {
      provider.destroy();
      signal.terminate();
      await hub.close();
    }
    await expect(fetch(`http://${base}/`)).rejects.toThrow();
  });

  it('explains a data directory it cannot use', async () => {
    const notADirectory = join(dir, 'file');
    writeFileSync(notADirectory, '');
    const start = startHub({ buildDir, port: 0, host: '127.0.0.1', dataDir: notADirectory });
    await expect(start).rejects.toBeInstanceOf(HubStartError);
    await expect(start).rejects.toThrow('--data-dir');
  });
});
