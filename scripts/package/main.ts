// `npm run package`: single executables of the hub with the built app inside, into dist/.
// Usage: node scripts/package/main.ts [--target linux-x64|windows-x64|macos-arm64|macos-x64]…
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleHub } from './bundle.ts';
import { stageClientFiles } from './clientFiles.ts';
import { makeExecutable } from './inject.ts';
import { nodeBinary } from './nodeBinary.ts';
import { buildSeaBlob, versionCheckPath } from './seaBlob.ts';
import { blobNodes, targets } from './targets.ts';
import { zipExecutable } from './zip.ts';

const root = new URL('../..', import.meta.url).pathname;
const { values } = parseArgs({ options: { target: { type: 'string', multiple: true } } });
const wanted = values.target ?? targets.map((target) => target.id);
const unknown = wanted.filter((id) => !targets.some((target) => target.id === id));
if (unknown.length > 0) {
  console.error(
    `Unknown target ${unknown.join(', ')}; use ${targets.map((t) => t.id).join(', ')}.`
  );
  process.exit(2);
}

const started = performance.now();
const stageDir = join(root, '.package');
const distDir = join(root, 'dist');
rmSync(stageDir, { recursive: true, force: true });
mkdirSync(stageDir, { recursive: true });
mkdirSync(distDir, { recursive: true });

const main = join(stageDir, 'kring-hub.cjs');
await bundleHub(root, main);
const assets = stageClientFiles(join(root, 'build', 'client'), stageDir);
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
console.log(`Hub script ${mib(statSync(main).size)}.`);

const selected = targets.filter((t) => wanted.includes(t.id));
const linux = targets.find((t) => t.id === 'linux-x64');
const blobs = new Map<string, string>();
for (const version of new Set(selected.map((t) => t.node.version))) {
  const blobNode = blobNodes.find((node) => node.version === version);
  if (!blobNode) throw new Error(`No Node ${version} for this machine in blobNodes.`);
  const node = nodeBinary(root, blobNode, console.log);
  const blob = buildSeaBlob(stageDir, main, assets, { path: node, version });
  blobs.set(version, blob);
  console.log(`SEA blob for Node ${version}: ${mib(statSync(blob).size)}.`);
  if (linux && version !== linux.node.version) {
    await makeExecutable(linux, node, blob, versionCheckPath(stageDir, version), console.log);
  }
}

for (const target of selected) {
  const output = join(distDir, target.output);
  const node = nodeBinary(root, target.node, console.log);
  await makeExecutable(target, node, blobs.get(target.node.version) ?? '', output, console.log);
  console.log(`dist/${target.output}: ${mib(statSync(output).size)} (Node ${target.node.version})`);
  if (target.format === 'macho') {
    // What Mac users download: the zip keeps the file a program (see zip.ts).
    writeFileSync(`${output}.zip`, zipExecutable(target.output, readFileSync(output), new Date()));
    console.log(`dist/${target.output}.zip: ${mib(statSync(`${output}.zip`).size)}`);
  }
}
console.log(`Packaged in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
