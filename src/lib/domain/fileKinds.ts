/** What an archive file says it is (its "kring" field); template readers recognise it too. */
export const archiveKind = 'kring-session-archive';

/** A byte order mark some editors (Windows Notepad) put before a text file's contents. */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}

/** What a track archive says it is: a track with all its sessions (tracks/trackArchive.ts). */
export const trackArchiveKind = 'kring-track-archive';
