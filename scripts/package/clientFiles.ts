import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
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

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]
  );
}

/**
 * Stages build/client for the SEA blob, each file once: adapter-node's gzip copy where it
 * made one (as `npm start` sends to browsers that take gzip), else the file itself; the
 * plain and brotli copies stay out. Returns the SEA "assets" map.
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
    const gzipped = existsSync(`${file}.gz`);
    assets[fileAsset(path)] = gzipped ? `${file}.gz` : file;
    index.push({ path, type, mtimeMs: Math.trunc(statSync(file).mtimeMs), gzipped });
  }
  const indexFile = join(stageDir, 'files.json');
  writeFileSync(indexFile, JSON.stringify(index));
  assets[fileIndexAsset] = indexFile;
  return assets;
}
