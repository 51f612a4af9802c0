import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { adhocSign, removeSignature } from './macho.ts';
import { removeAuthenticode } from './pe.ts';
import type { Target } from './targets.ts';

/** The fuse Node looks for to know a blob was injected (Node's SEA documentation). */
export const seaFuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

interface PostjectApi {
  inject(
    file: string,
    name: string,
    data: Buffer,
    options: { sentinelFuse: string; machoSegmentName?: string; overwrite?: boolean }
  ): Promise<void>;
}
const postject = createRequire(import.meta.url)('postject') as PostjectApi;

function stripDebugSymbols(file: string, log: (line: string) => void): void {
  try {
    // The registry's Linux Node carries its symbol table and debug info (about 18 MB).
    execFileSync('strip', [file], { stdio: 'ignore' });
  } catch {
    log('strip (binutils) is not installed: the Linux file keeps its debug symbols.');
  }
}

/** Copies the target's Node binary to `output` and makes it the single executable. */
export async function makeExecutable(
  target: Target,
  node: string,
  blob: string,
  output: string,
  log: (line: string) => void
): Promise<void> {
  copyFileSync(node, output);
  chmodSync(output, 0o755);
  if (target.format === 'elf') stripDebugSymbols(output, log);
  // Injecting changes the file, so Node's own signature would no longer match: take it off
  // first (as `codesign --remove-signature`), then sign ad hoc, which Apple silicon requires.
  if (target.format === 'macho') writeFileSync(output, removeSignature(readFileSync(output)));
  // Windows: the same for Node's Authenticode signature; the file goes out unsigned.
  if (target.format === 'pe') writeFileSync(output, removeAuthenticode(readFileSync(output)));
  await postject.inject(output, 'NODE_SEA_BLOB', readFileSync(blob), {
    sentinelFuse: seaFuse,
    ...(target.format === 'macho' ? { machoSegmentName: 'NODE_SEA' } : {})
  });
  if (target.format === 'macho') writeFileSync(output, adhocSign(readFileSync(output), 'kring'));
}
