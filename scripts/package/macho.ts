import { createHash } from 'node:crypto';

// Mach-O and code-signature constants (Apple's <mach-o/loader.h>, <Kernel/kern/cs_blobs.h>).
const MH_MAGIC_64 = 0xfeedfacf;
const MH_EXECUTE = 2;
const LC_SEGMENT_64 = 0x19;
const LC_CODE_SIGNATURE = 0x1d;
const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
const CSMAGIC_CODEDIRECTORY = 0xfade0c02;
const CSMAGIC_REQUIREMENTS = 0xfade0c01;
const CSMAGIC_BLOBWRAPPER = 0xfade0b01;
const CSSLOT_CODEDIRECTORY = 0;
const CSSLOT_REQUIREMENTS = 2;
const CSSLOT_SIGNATURESLOT = 0x10000;
const CS_ADHOC = 0x2;
const CS_HASHTYPE_SHA256 = 2;
const CS_EXECSEG_MAIN_BINARY = 0x1;
const codeDirectoryVersion = 0x20400;
const codeDirectoryHeaderSize = 88;
const pageSizeLog2 = 12;
const pageSize = 1 << pageSizeLog2;

/** What the signer needs to know about a thin 64-bit Mach-O file. */
export interface MachOLayout {
  readonly cpuType: number;
  readonly fileType: number;
  readonly commandCount: number;
  readonly commandsSize: number;
  /** Where the first section's data starts: load commands may grow up to here. */
  readonly firstSectionOffset: number;
  readonly text: { readonly fileOffset: number; readonly fileSize: number };
  /** Offset of __LINKEDIT's load command, and its segment. */
  readonly linkedit: {
    readonly command: number;
    readonly fileOffset: number;
    readonly fileSize: number;
  };
  /** The LC_CODE_SIGNATURE command's offset and what it points to, when signed. */
  readonly signature?: {
    readonly command: number;
    readonly dataOffset: number;
    readonly dataSize: number;
  };
}

function segmentName(file: Buffer, offset: number): string {
  const raw = file.subarray(offset, offset + 16);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? 16 : end).toString('latin1');
}

/** Reads the layout of a thin, little-endian 64-bit Mach-O (what Node ships for macOS). */
export function readMachO(file: Buffer): MachOLayout {
  if (file.readUInt32LE(0) !== MH_MAGIC_64) throw new Error('Not a thin 64-bit Mach-O file.');
  const commandCount = file.readUInt32LE(16);
  const commandsSize = file.readUInt32LE(20);
  let firstSectionOffset = file.length;
  let text: MachOLayout['text'] | undefined;
  let linkedit: MachOLayout['linkedit'] | undefined;
  let signature: MachOLayout['signature'];
  let offset = 32;
  for (let i = 0; i < commandCount; i += 1) {
    const command = file.readUInt32LE(offset);
    const size = file.readUInt32LE(offset + 4);
    if (command === LC_SEGMENT_64) {
      const name = segmentName(file, offset + 8);
      const fileOffset = Number(file.readBigUInt64LE(offset + 40));
      const fileSize = Number(file.readBigUInt64LE(offset + 48));
      const sections = file.readUInt32LE(offset + 64);
      for (let s = 0; s < sections; s += 1) {
        const sectionOffset = file.readUInt32LE(offset + 72 + s * 80 + 48);
        const sectionFlags = file.readUInt32LE(offset + 72 + s * 80 + 64);
        // Zero-fill sections (bss) have no bytes in the file.
        const zeroFill = (sectionFlags & 0xff) === 0x1 || (sectionFlags & 0xff) === 0xc;
        if (sectionOffset > 0 && !zeroFill)
          firstSectionOffset = Math.min(firstSectionOffset, sectionOffset);
      }
      if (name === '__TEXT') text = { fileOffset, fileSize };
      if (name === '__LINKEDIT') linkedit = { command: offset, fileOffset, fileSize };
    } else if (command === LC_CODE_SIGNATURE) {
      signature = {
        command: offset,
        dataOffset: file.readUInt32LE(offset + 8),
        dataSize: file.readUInt32LE(offset + 12)
      };
    }
    offset += size;
  }
  if (!text || !linkedit) throw new Error('Mach-O file without __TEXT or __LINKEDIT.');
  return {
    cpuType: file.readUInt32LE(4),
    fileType: file.readUInt32LE(12),
    commandCount,
    commandsSize,
    firstSectionOffset,
    text,
    linkedit,
    ...(signature ? { signature } : {})
  };
}

function setLinkeditEnd(file: Buffer, layout: MachOLayout, end: number): void {
  const fileSize = end - layout.linkedit.fileOffset;
  file.writeBigUInt64LE(BigInt(fileSize), layout.linkedit.command + 48);
  // vmsize covers the file size, in 16 KiB pages (the larger of the two macOS page sizes).
  const vmSize = Math.ceil(fileSize / 0x4000) * 0x4000;
  file.writeBigUInt64LE(BigInt(vmSize), layout.linkedit.command + 32);
}

/** The file without its code signature, as `codesign --remove-signature` leaves it. */
export function removeSignature(input: Buffer): Buffer {
  const layout = readMachO(input);
  const { signature } = layout;
  if (!signature) return input;
  if (signature.dataOffset + signature.dataSize < input.length - 16) {
    throw new Error('The code signature is not at the end of the file.');
  }
  const file = Buffer.from(input.subarray(0, signature.dataOffset));
  // Drop the load command: move the ones after it up and clear the freed bytes.
  const commandsEnd = 32 + layout.commandsSize;
  file.copy(file, signature.command, signature.command + 16, commandsEnd);
  file.fill(0, commandsEnd - 16, commandsEnd);
  file.writeUInt32LE(layout.commandCount - 1, 16);
  file.writeUInt32LE(layout.commandsSize - 16, 20);
  setLinkeditEnd(file, readMachO(file), signature.dataOffset);
  return file;
}

/** SHA-256 of each 4 KiB page of `bytes` (the last page may be shorter). */
export function pageHashes(bytes: Buffer): Buffer[] {
  const hashes: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += pageSize) {
    hashes.push(
      createHash('sha256')
        .update(bytes.subarray(start, start + pageSize))
        .digest()
    );
  }
  return hashes;
}

function blob(magic: number, body: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(magic, 0);
  header.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([header, body]);
}

function codeDirectory(
  code: Buffer,
  layout: MachOLayout,
  identifier: string,
  requirements: Buffer
): Buffer {
  const ident = Buffer.from(`${identifier}\0`, 'utf8');
  // Special slots, from -2 up to -1: the requirements' hash, then Info.plist (none: zeros).
  const special = [createHash('sha256').update(requirements).digest(), Buffer.alloc(32)];
  const codeHashes = pageHashes(code);
  const hashOffset = codeDirectoryHeaderSize + ident.length + special.length * 32;
  const header = Buffer.alloc(codeDirectoryHeaderSize);
  header.writeUInt32BE(CSMAGIC_CODEDIRECTORY, 0);
  header.writeUInt32BE(hashOffset + codeHashes.length * 32, 4);
  header.writeUInt32BE(codeDirectoryVersion, 8);
  header.writeUInt32BE(CS_ADHOC, 12);
  header.writeUInt32BE(hashOffset, 16);
  header.writeUInt32BE(codeDirectoryHeaderSize, 20);
  header.writeUInt32BE(special.length, 24);
  header.writeUInt32BE(codeHashes.length, 28);
  header.writeUInt32BE(code.length, 32);
  header.writeUInt8(32, 36);
  header.writeUInt8(CS_HASHTYPE_SHA256, 37);
  header.writeUInt8(0, 38);
  header.writeUInt8(pageSizeLog2, 39);
  // 40 spare2, 44 scatterOffset, 48 teamOffset, 52 spare3, 56 codeLimit64: all zero.
  header.writeBigUInt64BE(BigInt(layout.text.fileOffset), 64);
  header.writeBigUInt64BE(BigInt(layout.text.fileSize), 72);
  header.writeBigUInt64BE(BigInt(layout.fileType === MH_EXECUTE ? CS_EXECSEG_MAIN_BINARY : 0), 80);
  return Buffer.concat([header, ident, ...special.reverse(), ...codeHashes]);
}

/**
 * Signs the file ad hoc (no certificate), as `codesign --sign -` does: Apple silicon runs
 * no unsigned code, and Gatekeeper shows its "unidentified developer" prompt for it.
 */
export function adhocSign(input: Buffer, identifier: string): Buffer {
  const unsigned = removeSignature(input);
  const layout = readMachO(unsigned);
  const commandsEnd = 32 + layout.commandsSize;
  if (commandsEnd + 16 > layout.firstSectionOffset) {
    throw new Error('No room for a code signature load command.');
  }
  const dataOffset = Math.ceil(unsigned.length / 16) * 16;
  const requirements = blob(CSMAGIC_REQUIREMENTS, Buffer.alloc(4));
  const emptyCms = blob(CSMAGIC_BLOBWRAPPER, Buffer.alloc(0));

  // Header and load commands are part of the hashed pages: finish them first.
  const code = Buffer.alloc(dataOffset);
  unsigned.copy(code);
  code.writeUInt32LE(LC_CODE_SIGNATURE, commandsEnd);
  code.writeUInt32LE(16, commandsEnd + 4);
  code.writeUInt32LE(dataOffset, commandsEnd + 8);
  code.writeUInt32LE(layout.commandCount + 1, 16);
  code.writeUInt32LE(layout.commandsSize + 16, 20);

  // The signature's size does not depend on the hashes, so it is known before hashing.
  const pages = Math.ceil(dataOffset / pageSize);
  const directorySize =
    codeDirectoryHeaderSize + Buffer.byteLength(identifier) + 1 + (2 + pages) * 32;
  const entries = [
    { type: CSSLOT_CODEDIRECTORY, size: directorySize },
    { type: CSSLOT_REQUIREMENTS, size: requirements.length },
    { type: CSSLOT_SIGNATURESLOT, size: emptyCms.length }
  ];
  const superHeaderSize = 12 + entries.length * 8;
  const signatureSize = superHeaderSize + entries.reduce((sum, entry) => sum + entry.size, 0);
  code.writeUInt32LE(signatureSize, commandsEnd + 12);
  setLinkeditEnd(code, layout, dataOffset + signatureSize);

  const directory = codeDirectory(code, layout, identifier, requirements);
  const superHeader = Buffer.alloc(superHeaderSize);
  superHeader.writeUInt32BE(CSMAGIC_EMBEDDED_SIGNATURE, 0);
  superHeader.writeUInt32BE(signatureSize, 4);
  superHeader.writeUInt32BE(entries.length, 8);
  let blobOffset = superHeaderSize;
  entries.forEach((entry, i) => {
    superHeader.writeUInt32BE(entry.type, 12 + i * 8);
    superHeader.writeUInt32BE(blobOffset, 16 + i * 8);
    blobOffset += entry.size;
  });
  return Buffer.concat([code, superHeader, directory, requirements, emptyCms]);
}

/** The SHA-256 code directory of an embedded signature, read back (tests and checks use it). */
export interface CodeDirectoryInfo {
  readonly flags: number;
  readonly codeLimit: number;
  readonly identifier: string;
  readonly execSegBase: number;
  readonly execSegLimit: number;
  readonly execSegFlags: number;
  readonly codeHashes: readonly Buffer[];
}

/** Reads the SHA-256 code directory of a signed Mach-O file (a signature may carry several). */
export function readCodeDirectory(file: Buffer): CodeDirectoryInfo | undefined {
  const { signature } = readMachO(file);
  if (!signature) return undefined;
  const superBlob = file.subarray(signature.dataOffset, signature.dataOffset + signature.dataSize);
  if (superBlob.readUInt32BE(0) !== CSMAGIC_EMBEDDED_SIGNATURE) return undefined;
  const count = superBlob.readUInt32BE(8);
  for (let i = 0; i < count; i += 1) {
    const at = superBlob.readUInt32BE(16 + i * 8);
    const cd = superBlob.subarray(at);
    if (cd.readUInt32BE(0) !== CSMAGIC_CODEDIRECTORY || cd.readUInt8(37) !== CS_HASHTYPE_SHA256)
      continue;
    const hashOffset = cd.readUInt32BE(16);
    const identOffset = cd.readUInt32BE(20);
    const codeSlots = cd.readUInt32BE(28);
    const identEnd = cd.indexOf(0, identOffset);
    return {
      flags: cd.readUInt32BE(12),
      codeLimit: cd.readUInt32BE(32),
      identifier: cd.subarray(identOffset, identEnd).toString('utf8'),
      execSegBase: Number(cd.readBigUInt64BE(64)),
      execSegLimit: Number(cd.readBigUInt64BE(72)),
      execSegFlags: Number(cd.readBigUInt64BE(80)),
      codeHashes: Array.from({ length: codeSlots }, (_, slot) =>
        cd.subarray(hashOffset + slot * 32, hashOffset + (slot + 1) * 32)
      )
    };
  }
  return undefined;
}
