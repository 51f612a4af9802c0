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
import type { NodePackage } from './targets.ts';

/** Where a fetched package's binary is kept between builds. */
export function nodeCachePath(root: string, node: NodePackage): string {
  return join(
    root,
    'node_modules',
    '.cache',
    'kring-package',
    `${node.name}-${node.version}`,
    node.binary
  );
}

/** True when this tarball is the one the registry published (npm's sha512 integrity). */
export function matchesIntegrity(tarball: Uint8Array, integrity: string): boolean {
  return `sha512-${createHash('sha512').update(tarball).digest('base64')}` === integrity;
}

/** The Node running this script, when it is that package's: npm scripts run on the `node` devDependency. */
function runningNode(node: NodePackage): string | undefined {
  const here = `${process.platform}-${process.arch}`;
  return node.platform === here && process.versions.node === node.version
    ? process.execPath
    : undefined;
}

/**
 * A Node binary from its registry package. Another platform's comes from its registry package, fetched
 * once with `npm pack` (npm's own cache and proxy settings apply), checked against the
 * pinned integrity and kept under node_modules/.cache, so later builds need no network.
 */
export function nodeBinary(root: string, node: NodePackage, log: (line: string) => void): string {
  const running = runningNode(node);
  if (running) return running;
  const cached = nodeCachePath(root, node);
  if (existsSync(cached)) return cached;

  const spec = `${node.name}@${node.version}`;
  log(`Fetching ${spec} from the npm registry (once; kept in node_modules/.cache/kring-package)…`);
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
    if (!matchesIntegrity(tarball, node.integrity)) {
      throw new Error(`${spec} does not match its pinned integrity in scripts/package/targets.ts.`);
    }
    const binary = readTarEntry(gunzipSync(tarball), `package/${node.binary}`);
    if (!binary) throw new Error(`${spec} has no ${node.binary}.`);
    mkdirSync(join(cached, '..'), { recursive: true });
    writeFileSync(cached, binary);
    chmodSync(cached, 0o755);
    return cached;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
