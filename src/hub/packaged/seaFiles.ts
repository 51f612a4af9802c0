import { getAsset, getRawAsset } from 'node:sea';
import type { EmbeddedFile, EmbeddedFileInfo } from './embeddedFiles.ts';

/** The SEA asset that lists the embedded client files (written by scripts/package). */
export const fileIndexAsset = 'kring/files.json';

/** The SEA asset that holds one client file. */
export function fileAsset(path: string): string {
  return `kring/files${path}`;
}

/**
 * The built app's client files from the executable's own SEA blob. getRawAsset gives a view
 * of the executable's memory, so nothing is copied.
 */
export function seaFiles(): Map<string, EmbeddedFile> {
  const index = JSON.parse(getAsset(fileIndexAsset, 'utf8')) as EmbeddedFileInfo[];
  return new Map(
    index.map((info) => [
      info.path,
      { ...info, bytes: new Uint8Array(getRawAsset(fileAsset(info.path))) }
    ])
  );
}
