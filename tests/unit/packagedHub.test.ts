import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveEmbeddedFiles, type EmbeddedFile } from '../../src/hub/packaged/embeddedFiles.ts';
import { startOnFreePort } from '../../src/hub/packaged/freePort.ts';
import {
  findRunningHub,
  instanceFile,
  removeInstance,
  writeInstance
} from '../../src/hub/packaged/runningHub.ts';
import { HubStartError, startHub, type RunningHub } from '../../src/hub/startHub.ts';

// The single executable's start-up rules, on real hubs and real sockets.

let dir: string;
const running: RunningHub[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kring-packaged-'));
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((hub) => hub.close()));
  rmSync(dir, { recursive: true, force: true });
});

const appHandler = (_req: http.IncomingMessage, res: http.ServerResponse): void => {
  res.end('the app');
};

async function hubOn(port: number, dataDir = join(dir, 'data')): Promise<RunningHub> {
  const hub = await startHub({ buildDir: '', appHandler, port, host: '127.0.0.1', dataDir });
  running.push(hub);
  return hub;
}

const portTaken = (error: unknown): boolean => error instanceof HubStartError && error.portInUse;

describe('startOnFreePort', () => {
  it('moves to the next port while one is taken', async () => {
    const first = await hubOn(0);
    const second = await startOnFreePort(
      first.port,
      (port) => hubOn(port, join(dir, 'b')),
      portTaken
    );
    expect(second.port).toBeGreaterThan(first.port);
  });

  it('gives up after its attempts, and passes any other failure on at once', async () => {
    const first = await hubOn(0);
    await expect(
      startOnFreePort(first.port, (port) => hubOn(port, join(dir, 'b')), portTaken, 1)
    ).rejects.toThrow(`Port ${first.port} is already in use`);
    const tries: number[] = [];
    await expect(
      startOnFreePort(
        4500,
        (port) => {
          tries.push(port);
          return Promise.reject(new HubStartError('Kring cannot keep its data here.'));
        },
        portTaken
      )
    ).rejects.toThrow('cannot keep its data');
    expect(tries).toEqual([4500]);
  });
});

describe('findRunningHub', () => {
  it('finds the Kring that uses this data folder, by its process and its answer', async () => {
    const dataDir = join(dir, 'data');
    const hub = await hubOn(0, dataDir);
    const url = `http://127.0.0.1:${hub.port}/`;
    // The instance file names a live process (here a child, as a second program would see it).
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore'
    });
    try {
      writeInstance(dataDir, { pid: child.pid ?? 0, url });
      expect(await findRunningHub(dataDir)).toBe(url);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
    // Its process is gone: the file is stale.
    expect(await findRunningHub(dataDir)).toBeUndefined();
  });

  it('ignores a live process whose address answers as something else than Kring', async () => {
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    const other = http.createServer((_req, res) => res.end('{"hello":1}'));
    other.listen(0, '127.0.0.1');
    await once(other, 'listening');
    const { port } = other.address() as net.AddressInfo;
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore'
    });
    try {
      writeInstance(dataDir, { pid: child.pid ?? 0, url: `http://127.0.0.1:${port}/` });
      expect(await findRunningHub(dataDir)).toBeUndefined();
      writeFileSync(instanceFile(dataDir), 'not json');
      expect(await findRunningHub(dataDir)).toBeUndefined();
    } finally {
      child.kill();
      other.close();
    }
  });

  it('removes the file only for the process it names', () => {
    mkdirSync(join(dir, 'data'));
    writeInstance(join(dir, 'data'), { pid: 123, url: 'http://localhost:4500/' });
    removeInstance(join(dir, 'data'), 456);
    expect(existsSync(instanceFile(join(dir, 'data')))).toBe(true);
    removeInstance(join(dir, 'data'), 123);
    expect(existsSync(instanceFile(join(dir, 'data')))).toBe(false);
  });
});

describe('serveEmbeddedFiles', () => {
  const script = Buffer.from('console.log("kring");'.repeat(50));
  const files = new Map<string, EmbeddedFile>([
    [
      '/_app/immutable/entry/start.abc.js',
      {
        path: '/_app/immutable/entry/start.abc.js',
        type: 'text/javascript',
        mtimeMs: 1_700_000_000_000,
        gzipped: true,
        bytes: gzipSync(script)
      }
    ],
    [
      '/icons/a b.png',
      {
        path: '/icons/a b.png',
        type: 'image/png',
        mtimeMs: 1_700_000_000_000,
        gzipped: false,
        bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47])
      }
    ]
  ]);

  let server: http.Server;
  let port: number;
  beforeEach(async () => {
    const serve = serveEmbeddedFiles(files, '_app');
    server = http.createServer((req, res) =>
      serve(req, res, () => {
        res.statusCode = 418;
        res.end('next');
      })
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as net.AddressInfo).port;
  });
  afterEach(() => void server.close());

  function get(path: string, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
      (resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path, headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks)
              })
            );
          })
          .on('error', reject);
      }
    );
  }

  it('sends the stored gzip to browsers that take it, and the plain file to others', async () => {
    const zipped = await get('/_app/immutable/entry/start.abc.js', {
      'accept-encoding': 'gzip, br'
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toBe('text/javascript');
    expect(zipped.headers['vary']).toBe('Accept-Encoding');
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    const plain = await get('/_app/immutable/entry/start.abc.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toEqual(script);
  });

  it('caches hashed files for a year and answers a known ETag with 304', async () => {
    const first = await get('/_app/immutable/entry/start.abc.js');
    expect(first.headers['cache-control']).toBe('public,max-age=31536000,immutable');
    const again = await get('/_app/immutable/entry/start.abc.js', {
      'if-none-match': first.headers['etag'] ?? ''
    });
    expect(again.status).toBe(304);
    const icon = await get('/icons/a%20b.png');
    expect(icon.status).toBe(200);
    expect(icon.headers['cache-control']).toBeUndefined();
    expect(icon.headers['last-modified']).toBe(new Date(1_700_000_000_000).toUTCString());
  });

  it('leaves every other path to the app', async () => {
    expect((await get('/j')).status).toBe(418);
    expect((await get('/_app/immutable/entry/other.js')).status).toBe(418);
  });
});
