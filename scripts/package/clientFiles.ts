import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import type { EmbeddedFileInfo } from '../../src/hub/packaged/embeddedFiles.ts';
import { fileAsset, fileIndexAsset } from '../../src/hub/packaged/seaFiles.ts';

// The types sirv (adapter-node's static server) sends for the files a Kring build has.
const contentTypes: Readonly<Record<string, string>> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain',
  '.html': 'text/html;charset=utf-8'
};
const compressible = new Set(['.js', '.css', '.json', '.svg', '.webmanifest', '.txt', '.html']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]
  );
}

/**
 * Stages build/client for the SEA blob: each file once (adapter-node's .gz and .br copies
 * left out), gzip-compressed when that makes it smaller. Returns the SEA "assets" map.
 */
export function stageClientFiles(clientDir: string, stageDir: string): Record<string, string> {
  const assets: Record<string, string> = {};
  const index: EmbeddedFileInfo[] = [];
  for (const file of filesUnder(clientDir).sort()) {
    const extension = extname(file);
    if (extension === '.gz' || extension === '.br') continue;
    const type = contentTypes[extension];
    if (!type)
      throw new Error(`No content type known for ${file}: add it in ${import.meta.filename}.`);
    const path = `/${relative(clientDir, file).split(sep).join('/')}`;
    const content = readFileSync(file);
    const packed = compressible.has(extension)
      ? gzipSync(content, { level: constants.Z_BEST_COMPRESSION })
      : undefined;
    const gzipped = packed !== undefined && packed.byteLength < content.byteLength;
    const staged = join(stageDir, 'files', ...path.split('/'));
    mkdirSync(dirname(staged), { recursive: true });
    writeFileSync(staged, gzipped ? packed : content);
    assets[fileAsset(path)] = staged;
    index.push({ path, type, mtimeMs: Math.trunc(statSync(file).mtimeMs), gzipped });
  }
  const indexFile = join(stageDir, 'files.json');
  writeFileSync(indexFile, JSON.stringify(index));
  assets[fileIndexAsset] = indexFile;
  return assets;
}
