import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hubNodeFlags } from '../../src/hub/nodeFlags.ts';

/**
 * Writes sea-config.json and has Node turn it into the blob that postject injects. Without
 * a code cache or snapshot the blob is the same for every platform of one Node version (both
 * would be platform-specific, and the startup they save is small next to a 100 MB binary).
 */
export function buildSeaBlob(
  stageDir: string,
  main: string,
  assets: Record<string, string>,
  node: { readonly path: string; readonly version: string }
): string {
  const blob = seaBlobPath(stageDir, node.version);
  const config = join(stageDir, `sea-config-node${node.version}.json`);
  writeFileSync(
    config,
    `${JSON.stringify(
      {
        main,
        output: blob,
        disableExperimentalSEAWarning: true,
        useSnapshot: false,
        useCodeCache: false,
        execArgv: hubNodeFlags,
        assets
      },
      null,
      2
    )}\n`
  );
  // A Node of the version the blob is for: the layout changed within Node 24.
  execFileSync(node.path, ['--experimental-sea-config', config], { stdio: 'ignore' });
  return blob;
}

/** Where the blob for one Node version is staged. */
export function seaBlobPath(stageDir: string, version: string): string {
  return join(stageDir, `kring-node${version}.blob`);
}

/**
 * A Linux program with another version's blob, staged for the package tests: it runs the
 * same hub script and app files as the macOS file of that version, on that Node version.
 */
export function versionCheckPath(stageDir: string, version: string): string {
  return join(stageDir, `kring-linux-x64-node${version}`);
}
