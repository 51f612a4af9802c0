// The downloaded Linux file, as a facilitator runs it: copied alone into an empty folder
// (no node_modules, no Node on its PATH), started, used by a laptop and a phone, stopped.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import { versionCheckPath } from '../../scripts/package/seaBlob.ts';
import { blobNodes, targets } from '../../scripts/package/targets.ts';
import { defaultPort } from '../../src/hub/options.ts';
import { openUpdateStore } from '../../src/hub/sync/updateStore.ts';
import { startHubProcess } from '../support/hubProcess.ts';
import {
  addIdea,
  createSession,
  goToStep,
  joinOnPhone,
  newDevice,
  noteTexts,
  phoneShowsStep
} from '../support/workshop.ts';
import { roots } from '../../src/lib/model/records.ts';

const built = join(import.meta.dirname, '..', '..', 'dist', 'kring-linux-x64');
const e2ePort = Number(process.env['KRING_E2E_PORT'] ?? 4621);

let dir: string;
let program: string;
let home: string;
/** A PATH with nothing on it but a stand-in for xdg-open that writes down the URL it gets. */
let pathDir: string;
let openedLog: string;

test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kring-executable-'));
  for (const sub of ['bin', 'download', 'home']) mkdirSync(join(dir, sub));
  program = join(dir, 'download', 'kring-linux-x64');
  copyFileSync(built, program);
  home = join(dir, 'home');
  pathDir = join(dir, 'bin');
  openedLog = join(dir, 'opened.txt');
  writeFileSync(join(pathDir, 'xdg-open'), `#!/bin/sh\necho "$1" >> '${openedLog}'\n`);
  chmodSync(join(pathDir, 'xdg-open'), 0o755);
});

test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The URLs the program asked the desktop to open. */
function openedUrls(): string[] {
  return existsSync(openedLog) ? readFileSync(openedLog, 'utf8').trim().split('\n') : [];
}

interface ProgramRun {
  readonly output: () => string;
  readonly exited: Promise<number | null>;
  /** Resolves with the first match of `pattern` in the output. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  stop(): Promise<number | null>;
}

/** Starts the copied program as a double-click would: its own folder, a bare environment. */
function runProgram(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {}
): ProgramRun {
  const child = spawn(program, [...args], {
    cwd: join(dir, 'download'),
    env: { PATH: pathDir, HOME: home, LANG: 'en_US.UTF-8', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    output: () => output,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(output);
          if (match) {
            listeners.delete(check);
            resolve(match);
          }
        };
        listeners.add(check);
        check();
        void exited.then((code) =>
          reject(new Error(`exited with ${code} before ${pattern}:\n${output}`))
        );
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    }
  };
}

// The Linux file, and the same hub script and app files on the Node versions the macOS
// files carry (a Linux program with their blob, staged by the packager).
const linuxVersion = targets.find((target) => target.id === 'linux-x64')?.node.version;
const programs = [
  { name: 'the Linux file', source: built },
  ...blobNodes
    .filter((node) => node.version !== linuxVersion)
    .map((node) => ({
      name: `the macOS files' hub on Node ${node.version}`,
      source: versionCheckPath(join(import.meta.dirname, '..', '..', '.package'), node.version)
    }))
];

for (const { name, source } of programs) {
  test(`${name} runs Kring on its own: a phone joins, a note syncs, the room stays on disk`, async ({
    browser
  }) => {
    copyFileSync(source, program);
    const dataDir = join(dir, 'rooms');
    const hub = await startHubProcess({
      command: [program],
      cwd: join(dir, 'download'),
      port: e2ePort,
      args: ['--data-dir', dataDir, '--no-open'],
      env: { PATH: pathDir }
    });
    let stopped = false;
    try {
      const facilitator = await newDevice(browser);
      await facilitator.page.goto(`${hub.url}/`);
      await expect(facilitator.page.getByRole('heading', { level: 1 })).toBeVisible();
      const { joinUrl } = await createSession(facilitator.page, hub.url, { paths: 'relay' });
      // The first script's open brainstorm, where every idea shows at once.
      const introductions = 'Kennismaken: wat ik meebreng';
      await goToStep(facilitator.page, introductions);
      const phone = await joinOnPhone(browser, new URL(joinUrl, hub.url).toString());
      await phoneShowsStep(phone.page, introductions);
      await addIdea(phone.page, 'Een wandeling langs de Schelde');
      await expect(noteTexts(facilitator.page)).toHaveText(['Een wandeling langs de Schelde']);

      expect(await hub.stop()).toBe(0);
      stopped = true;
      const room = /\/j\/([0-9a-z]{26})/.exec(joinUrl)?.[1] ?? '';
      const store = openUpdateStore(dataDir);
      try {
        const doc = new Y.Doc();
        for (const update of store.updates(room)) Y.applyUpdate(doc, update);
        // The idea is in its writer's signed entry for the step.
        expect(JSON.stringify(doc.getMap(roots.entries).toJSON())).toContain(
          'Een wandeling langs de Schelde'
        );
      } finally {
        store.close();
      }
    } finally {
      if (!stopped) await hub.stop();
    }
  });
}

/** Status and the headers that must match, for one path (the values that vary per run left out). */
function headersOf(port: number, path: string): Promise<Record<string, string | number>> {
  const varying = new Set([
    'date',
    'etag',
    'last-modified',
    'content-length',
    'keep-alive',
    'connection'
  ]);
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port, path, headers: { 'accept-encoding': 'gzip' } },
      (response) => {
        response.resume();
        const headers: Record<string, string | number> = { status: response.statusCode ?? 0 };
        for (const [name, value] of Object.entries(response.headers)) {
          if (!varying.has(name)) headers[name] = String(value);
        }
        resolve(headers);
      }
    );
    request.on('error', reject);
  });
}

test('it answers every kind of request with the same status and headers as npm start', async () => {
  const fromSource = await startHubProcess({ args: ['--data-dir', join(dir, 'source-rooms')] });
  const packaged = await startHubProcess({
    command: [program],
    cwd: join(dir, 'download'),
    args: ['--data-dir', join(dir, 'rooms'), '--no-open'],
    env: { PATH: pathDir }
  });
  try {
    const shell = await (await fetch(`${fromSource.url}/`)).text();
    const hashed = /\/_app\/immutable\/entry\/start\.[\w-]+\.js/.exec(shell)?.[0] ?? '';
    expect(hashed).not.toBe('');
    const paths = [
      '/',
      '/j',
      '/s/0123456789abcdefghjkmnpqrs/present',
      hashed,
      '/sw.js',
      '/manifest.webmanifest',
      '/icons/icon-192.png',
      '/_app/version.json',
      '/api/hub',
      '/no-such-file.js',
      '/data/kring-hub.sqlite',
      '/../package.json'
    ];
    for (const path of paths) {
      const [expected, actual] = await Promise.all([
        headersOf(fromSource.port, path),
        headersOf(packaged.port, path)
      ]);
      expect({ path, ...actual }).toEqual({ path, ...expected });
    }
  } finally {
    await Promise.all([fromSource.stop(), packaged.stop()]);
  }
});

test('a double-click opens the browser, keeps rooms in the app-data folder, and a second start opens the running Kring', async () => {
  const xdgData = join(dir, 'xdg-data');
  const env = { XDG_DATA_HOME: xdgData };
  const first = runProgram(['--host', '127.0.0.1', '--port', '0'], env);
  try {
    const [, url = ''] = await first.waitFor(/On this laptop:\s+(http:\/\/127\.0\.0\.1:\d+\/)/);
    await first.waitFor(/close this window/);
    expect(first.output()).toContain(`Sessions are kept in: ${join(xdgData, 'kring')}`);
    expect(existsSync(join(xdgData, 'kring', 'kring-hub.sqlite'))).toBe(true);
    await expect.poll(openedUrls).toEqual([url]);

    const second = runProgram(['--host', '127.0.0.1', '--port', '0'], env);
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain(`Kring is already running on this computer, at ${url}`);
    expect(openedUrls()).toEqual([url, url]);
    // The first one still serves.
    expect((await fetch(url)).status).toBe(200);
  } finally {
    expect(await first.stop()).toBe(0);
  }
  // Stopped cleanly, it leaves no sign of running: the next start runs Kring again.
  const again = runProgram(['--host', '127.0.0.1', '--port', '0', '--no-open'], env);
  await again.waitFor(/close this window/);
  expect(await again.stop()).toBe(0);
});

test('a taken default port moves Kring to the next free one; a chosen port that is taken is refused', async () => {
  // Hold the default port (if another program on this machine holds it, that does as well).
  const blocker = net.createServer();
  await new Promise<void>((resolve) => {
    blocker.once('error', () => resolve());
    blocker.listen(defaultPort, '127.0.0.1', () => resolve());
  });
  try {
    const moved = runProgram(['--host', '127.0.0.1', '--no-open'], {
      XDG_DATA_HOME: join(dir, 'a')
    });
    try {
      const [, port = ''] = await moved.waitFor(/On this laptop:\s+http:\/\/127\.0\.0\.1:(\d+)\//);
      expect(Number(port)).toBeGreaterThan(defaultPort);
      await moved.waitFor(
        new RegExp(`Port ${defaultPort} is taken by another program; Kring uses port ${port}\\.`)
      );
    } finally {
      await moved.stop();
    }

    const refused = runProgram(
      ['--host', '127.0.0.1', '--port', String(defaultPort), '--no-open'],
      {
        XDG_DATA_HOME: join(dir, 'b')
      }
    );
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain(`Port ${defaultPort} is already in use`);
    expect(refused.output()).toContain(`kring-linux-x64 --port ${defaultPort + 1}`);
    expect(refused.output()).not.toMatch(/\n\s+at /);
  } finally {
    blocker.close();
  }
});
