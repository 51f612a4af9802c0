import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes sea-config.json and has Node turn it into the blob that postject injects. Without
 * a code cache or snapshot the blob is the same for every platform (both would be
 * platform-specific, and the startup they save is small next to a 100 MB binary).
 */
export function buildSeaBlob(
  stageDir: string,
  main: string,
  assets: Record<string, string>
): string {
  const blob = join(stageDir, 'kring.blob');
  const config = join(stageDir, 'sea-config.json');
  writeFileSync(
    config,
    `${JSON.stringify(
      {
        main,
        output: blob,
        disableExperimentalSEAWarning: true,
        useSnapshot: false,
        useCodeCache: false,
        assets
      },
      null,
      2
    )}\n`
  );
  // This Node is the `node` devDependency's (npm scripts run on it): the same version that
  // `npm start` runs on, and the version of the Linux and Windows binaries.
  execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'ignore' });
  return blob;
}
