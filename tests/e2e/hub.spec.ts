import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { expect, test } from '@playwright/test';
import { startHubProcess } from '../support/hubProcess.ts';

function runHub(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['src/hub/main.ts', ...args], {
    encoding: 'utf8',
    timeout: 15_000
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Sends a request with the path exactly as written (no URL normalisation). */
function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path, method: 'GET' }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

test('--help explains the options', () => {
  const result = runHub(['--help']);
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('--port');
  expect(result.stdout).toContain('--host 127.0.0.1');
});

test('a mistyped option gets a clear message', () => {
  const result = runHub(['--prot', '80']);
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('--help');
  expect(result.stderr).not.toMatch(/\n\s+at /);
});

test('a taken port gets a clear message, not a stack trace', async () => {
  const first = await startHubProcess();
  try {
    const second = runHub(['--host', '127.0.0.1', '--port', String(first.port)]);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`Port ${first.port} is already in use`);
    expect(second.stderr).toContain('--port');
    expect(second.stderr).not.toMatch(/\n\s+at /);
  } finally {
    await first.stop();
  }
});

test('the hub prints where to open Kring and stops cleanly on Ctrl-C', async () => {
  const hub = await startHubProcess();
  expect(hub.output()).toContain(`http://127.0.0.1:${hub.port}/`);
  expect(hub.output()).toContain('Only this laptop can reach Kring');
  expect(await hub.stop('SIGINT')).toBe(0);
});

test('the hub serves the app with a strict policy and nothing outside it', async () => {
  const hub = await startHubProcess();
  try {
    const page = await fetch(`${hub.url}/`);
    expect(page.status).toBe(200);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src 'self' 'sha256-[^']+'/);
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');

    // Revalidating the page must not replace its policy with the asset floor.
    const etag = page.headers.get('etag') ?? '';
    const revalidated = await fetch(`${hub.url}/`, { headers: { 'If-None-Match': etag } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('content-security-policy')).toBeNull();

    const worker = await fetch(`${hub.url}/sw.js`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(worker.headers.get('cache-control')).toBe('no-cache');

    const manifest = await fetch(`${hub.url}/manifest.webmanifest`);
    expect(await manifest.json()).toMatchObject({ name: 'Kring', start_url: '/' });

    for (const path of [
      '/../package.json',
      '/..%2fpackage.json',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/_app/../../src/hub/main.ts'
    ]) {
      const response = await rawGet(hub.port, path);
      expect(response.body, path).not.toContain('"name": "kring"');
      expect(response.body, path).not.toContain('root:');
      expect(response.body, path).not.toContain('startHub');
    }
  } finally {
    await hub.stop();
  }
});
