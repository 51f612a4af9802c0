const IMAGE_DIRECTORY_ENTRY_SECURITY = 4;

/** Where the certificate table's entry in the data directories is, in a PE32+ file. */
function securityEntry(file: Buffer): number {
  const pe = file.readUInt32LE(0x3c);
  if (file.toString('latin1', pe, pe + 4) !== 'PE\0\0') throw new Error('Not a PE file.');
  const optional = pe + 24;
  if (file.readUInt16LE(optional) !== 0x20b) throw new Error('Not a PE32+ (64-bit) file.');
  return optional + 112 + IMAGE_DIRECTORY_ENTRY_SECURITY * 8;
}

/** The certificate table (Authenticode signature) of a PE32+ file: file offset and size. */
export function authenticode(file: Buffer): { readonly offset: number; readonly size: number } {
  const entry = securityEntry(file);
  return { offset: file.readUInt32LE(entry), size: file.readUInt32LE(entry + 4) };
}

/**
 * The file without its Authenticode signature, as `signtool remove /s` leaves it. Injecting
 * the blob breaks Node's signature, and Windows treats a broken signature worse than none.
 */
export function removeAuthenticode(input: Buffer): Buffer {
  const { offset, size } = authenticode(input);
  if (size === 0) return input;
  // The certificate table is not loaded into memory; it sits at the end of the file.
  const file = Buffer.from(offset + size >= input.length ? input.subarray(0, offset) : input);
  const entry = securityEntry(file);
  file.writeUInt32LE(0, entry);
  file.writeUInt32LE(0, entry + 4);
  return file;
}
