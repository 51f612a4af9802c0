import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readTarEntry } from '../../scripts/package/tar.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kring-tar-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('reads one file out of a tar archive made by tar(1), as npm packs one', () => {
  mkdirSync(join(dir, 'package', 'bin'), { recursive: true });
  const binary = Buffer.from(Array.from({ length: 1300 }, (_, i) => i % 251));
  writeFileSync(join(dir, 'package', 'package.json'), '{"name":"node-test"}');
  writeFileSync(join(dir, 'package', 'bin', 'node'), binary);
  execFileSync('tar', ['--format=ustar', '-cf', 'pack.tar', 'package'], { cwd: dir });
  const tar = readFileSync(join(dir, 'pack.tar'));
  expect(readTarEntry(tar, 'package/bin/node')).toEqual(binary);
  expect(readTarEntry(tar, 'package/bin/node.exe')).toBeUndefined();
});
