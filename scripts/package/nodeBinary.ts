import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readTarEntry } from './tar.ts';
import type { Target } from './targets.ts';

/** True when this tarball is the one the registry published (npm's sha512 integrity). */
export function matchesIntegrity(tarball: Uint8Array, integrity: string): boolean {
  return `sha512-${createHash('sha512').update(tarball).digest('base64')}` === integrity;
}

const platforms: Readonly<Record<Target['id'], string>> = {
  'linux-x64': 'linux-x64',
  'windows-x64': 'win32-x64',
  'macos-arm64': 'darwin-arm64',
  'macos-x64': 'darwin-x64'
};

/** The Node running this script, when it is the target's: npm scripts run on the `node` devDependency. */
function runningNode(target: Target): string | undefined {
  const here = `${process.platform}-${process.arch}`;
  return platforms[target.id] === here && process.versions.node === target.nodeVersion
    ? process.execPath
    : undefined;
}

/**
 * The Node binary for a target. Another platform's comes from its registry package, fetched
 * once with `npm pack` (npm's own cache and proxy settings apply), checked against the
 * pinned integrity and kept under node_modules/.cache, so later builds need no network.
 */
export function nodeBinary(root: string, target: Target, log: (line: string) => void): string {
  const running = runningNode(target);
  if (running) return running;
  const cacheDir = join(root, 'node_modules', '.cache', 'kring-package');
  const cached = join(cacheDir, `${target.nodePackage}-${target.nodeVersion}`, target.binaryPath);
  if (existsSync(cached)) return cached;

  const spec = `${target.nodePackage}@${target.nodeVersion}`;
  log(`Fetching ${spec} from the npm registry (once; kept in ${cacheDir})…`);
  const work = mkdtempSync(join(tmpdir(), 'kring-node-'));
  try {
    const [packed] = JSON.parse(
      execFileSync(
        'npm',
        ['pack', spec, '--json', '--prefer-offline', '--pack-destination', work],
        {
          cwd: work,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit']
        }
      )
    ) as { filename: string }[];
    const tarball = readFileSync(join(work, packed?.filename ?? ''));
    if (!matchesIntegrity(tarball, target.integrity)) {
      throw new Error(`${spec} does not match its pinned integrity in scripts/package/targets.ts.`);
    }
    const binary = readTarEntry(gunzipSync(tarball), `package/${target.binaryPath}`);
    if (!binary) throw new Error(`${spec} has no ${target.binaryPath}.`);
    mkdirSync(join(cached, '..'), { recursive: true });
    writeFileSync(cached, binary);
    chmodSync(cached, 0o755);
    return cached;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
