// The Windows and macOS files cannot run here: check that they are built the same way as
// the Linux one that the other spec runs (right format and CPU, the Kring blob injected and
// switched on, macOS signed ad hoc with correct page hashes, a plausible size).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { seaFuse } from '../../scripts/package/inject.ts';
import { pageHashes, readCodeDirectory, readMachO } from '../../scripts/package/macho.ts';
import { nodeCachePath } from '../../scripts/package/nodeBinary.ts';
import { authenticode } from '../../scripts/package/pe.ts';
import { seaBlobPath } from '../../scripts/package/seaBlob.ts';
import { targets, type Target } from '../../scripts/package/targets.ts';

const root = join(import.meta.dirname, '..', '..');
const stageDir = join(root, '.package');
const mib = 2 ** 20;

function built(target: Target): Buffer {
  return readFileSync(join(root, 'dist', target.output));
}

for (const version of new Set(targets.map((t) => t.node.version))) {
  test(`the SEA blob for Node ${version} has the app files and no platform-specific parts`, () => {
    const blob = readFileSync(seaBlobPath(stageDir, version));
    // Node's blob header: magic, then flags. 1: no experimental warning, 8: has assets,
    // 16: exec arguments (the hub's V8 flags, where that Node version reads them); no code
    // cache (4) or snapshot (2), which would tie it to one platform.
    expect(blob.readUInt32LE(0)).toBe(0x143da20);
    expect(blob.readUInt32LE(4) & ~16).toBe(1 | 8);
    expect(blob.includes('kring/files.json')).toBe(true);
  });
}

for (const target of targets) {
  test(`${target.output}: a ${target.format} file for ${target.id} with the Kring blob switched on`, () => {
    const file = built(target);
    const blob = readFileSync(seaBlobPath(stageDir, target.node.version));
    expect(file.length).toBeGreaterThan(80 * mib);
    expect(file.length).toBeLessThan(140 * mib);
    // postject injects the blob as is, and flips the fuse Node checks at start-up.
    expect(file.indexOf(blob)).toBeGreaterThan(0);
    expect(file.includes(`${seaFuse}:1`)).toBe(true);
    expect(file.includes(`${seaFuse}:0`)).toBe(false);

    if (target.format === 'elf') {
      expect(file.subarray(0, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
      expect(file.readUInt16LE(18)).toBe(62); // EM_X86_64
    } else if (target.format === 'pe') {
      expect(file.subarray(0, 2).toString('latin1')).toBe('MZ');
      const pe = file.readUInt32LE(0x3c);
      expect(file.subarray(pe, pe + 4)).toEqual(Buffer.from('PE\0\0', 'latin1'));
      expect(file.readUInt16LE(pe + 4)).toBe(0x8664); // IMAGE_FILE_MACHINE_AMD64
      expect(file.readUInt16LE(pe + 24 + 68)).toBe(3); // console subsystem: a window for the banner
      // No signature left that the injection broke (Windows warns more about a broken one).
      expect(authenticode(file)).toEqual({ offset: 0, size: 0 });
    } else {
      const layout = readMachO(file);
      expect(layout.cpuType).toBe(target.id === 'macos-arm64' ? 0x0100000c : 0x01000007);
      expect(layout.fileType).toBe(2); // MH_EXECUTE
    }
  });
}

for (const target of targets.filter((t) => t.format === 'macho')) {
  test(`${target.output} is signed ad hoc, with the page hashes Apple's codesign computes`, () => {
    const file = built(target);
    const signature = readCodeDirectory(file);
    expect(signature).toMatchObject({ flags: 0x2, identifier: 'kring', execSegFlags: 1 });
    const { signature: place } = readMachO(file);
    expect(signature?.codeLimit).toBe(place?.dataOffset);
    expect(place && place.dataOffset + place.dataSize).toBe(file.length);
    const hashes = pageHashes(file.subarray(0, signature?.codeLimit));
    expect(hashes.map((hash) => hash.toString('hex'))).toEqual(
      signature?.codeHashes.map((hash) => hash.toString('hex'))
    );

    // The oracle: Node's own binary as the registry ships it, signed by Apple's codesign.
    // The same hashing over its bytes must give the hashes and limits Apple wrote there.
    const original = nodeCachePath(root, target.node);
    test.skip(!existsSync(original), 'the registry binary is not cached');
    const node = readFileSync(original);
    const apple = readCodeDirectory(node);
    expect(apple?.codeLimit).toBe(readMachO(node).signature?.dataOffset);
    expect(
      pageHashes(node.subarray(0, apple?.codeLimit)).map((hash) => hash.toString('hex'))
    ).toEqual(apple?.codeHashes.map((hash) => hash.toString('hex')));
    expect(signature?.execSegBase).toBe(apple?.execSegBase);
    expect(signature?.execSegLimit).toBe(apple?.execSegLimit);
  });
}

for (const target of targets.filter((t) => t.format === 'macho')) {
  test(`${target.output}.zip holds the same file, marked as a program`, () => {
    const zip = join(root, 'dist', `${target.output}.zip`);
    // zipinfo and unzip (Info-ZIP) read it as the Mac's Archive Utility does.
    expect(execFileSync('zipinfo', [zip], { encoding: 'utf8' })).toMatch(
      new RegExp(`^-rwxr-xr-x .* unx .* ${target.output}$`, 'm')
    );
    const unpacked = execFileSync('unzip', ['-p', zip, target.output], {
      maxBuffer: 200 * mib
    });
    expect(unpacked.equals(built(target))).toBe(true);
  });
}
