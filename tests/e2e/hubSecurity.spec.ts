// What the hub serves over HTTP to anyone on the network: the app and nothing else, every
// response with a strict Content-Security-Policy naming no other origin.
import http from 'node:http';
import { expect, test } from '@playwright/test';

interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** Sends a request with the path exactly as written: no normalisation by a URL parser. */
function rawGet(origin: string, path: string): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, path, method: 'GET' }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body })
      );
    });
    request.on('error', reject);
    request.end();
  });
}

/** Text that would show a file from outside the app was served. */
const leaks = [
  '"name": "kring"', // package.json
  'root:x:0:0', // /etc/passwd
  'startHub', // hub source
  'SQLite format 3', // the hub's database
  'repositoryformatversion', // .git/config
  'export function handler', // build/handler.js
  '"version": "13.6' // node_modules/yjs/package.json
];

const traversals = [
  '/../package.json',
  '/..%2fpackage.json',
  '/..%2Fpackage.json',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/%252e%252e/%252e%252e/package.json',
  '/..\\package.json',
  '/..%5cpackage.json',
  '/%c0%ae%c0%ae/package.json',
  '/..;/package.json',
  '/%00/../package.json',
  '//etc/passwd',
  '/_app/../../src/hub/main.ts',
  '/_app/immutable/..%2f..%2f..%2fpackage.json',
  '/sw.js/../../package.json',
  '/manifest.webmanifest%00.json',
  '/package.json',
  '/src/hub/main.ts',
  '/build/handler.js',
  '/data/kring-hub.sqlite',
  '/node_modules/yjs/package.json',
  '/.git/config',
  '/.env'
];

test('static serving gives nothing outside the app, whatever the path', async ({ baseURL }) => {
  const origin = baseURL ?? '';
  for (const path of traversals) {
    const response = await rawGet(origin, path);
    for (const leak of leaks) expect(response.body, `${path} leaks ${leak}`).not.toContain(leak);
    // No stack traces or file paths in whatever error comes back.
    expect(response.body, path).not.toMatch(/\n\s+at |\/work\/|node:internal/);
  }
});

test('folders are not listed', async ({ baseURL }) => {
  for (const path of ['/_app/', '/_app/immutable/', '/_app/immutable/chunks/', '/icons/']) {
    const response = await rawGet(baseURL ?? '', path);
    expect(response.body, path).not.toMatch(/Index of|<a href="[^"]+\.js">/i);
    expect(response.body, path).not.toMatch(/\.js["']?\s*<\/(a|li|td)>/);
  }
});

/** Splits a policy into directives: name → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = '', ...sources]) => [name, sources])
  );
}

test('every response carries a strict policy that names no other origin', async ({ baseURL }) => {
  const origin = baseURL ?? '';
  const shell = await rawGet(origin, '/');
  const asset = /\/_app\/immutable\/[^"'\s]+\.js/.exec(shell.body)?.[0] ?? '';
  expect(asset).not.toBe('');
  const paths = [
    '/',
    '/j/abcdefghjkmnpqrstvwxyz0123',
    '/s/abcdefghjkmnpqrstvwxyz0123',
    asset,
    '/sw.js',
    '/manifest.webmanifest',
    '/api/hub',
    '/api/room-codes/ZZZZZZ',
    '/api/nothing',
    '/no-such-file.png',
    '/%E0%A4%A'
  ];
  // Sources a policy may name: this origin, nothing, inline hashes, inline styles, data/blob
  // images. Any host, scheme or wildcard would let another origin in.
  const allowed = /^('self'|'none'|'unsafe-inline'|'sha256-[A-Za-z0-9+/=]+'|data:|blob:)$/;
  for (const path of paths) {
    const response = await rawGet(origin, path);
    const policy = String(response.headers['content-security-policy'] ?? '');
    expect(policy, `${path} has no policy`).not.toBe('');
    const parsed = directives(policy);
    for (const [name, sources] of parsed) {
      for (const source of sources) expect(source, `${path}: ${name}`).toMatch(allowed);
      if (name !== 'style-src')
        expect(sources, `${path}: ${name}`).not.toContain("'unsafe-inline'");
    }
    expect(policy, path).not.toContain('unsafe-eval');
    expect(parsed.get('frame-ancestors'), path).toEqual(["'none'"]);
    expect(parsed.get('object-src'), path).toEqual(["'none'"]);
    expect(parsed.get('base-uri'), path).toEqual(["'none'"]);
    expect(response.headers['x-content-type-options'], path).toBe('nosniff');
    expect(response.headers['referrer-policy'], path).toBe('no-referrer');
  }
});
