import * as Y from 'yjs';
import { outlineDocx } from '../../export/docx.ts';
import type { ExportFile } from '../../export/exportFiles.ts';
import { formatTimestamp, slug } from '../../export/exportText.ts';
import { outlineMarkdown } from '../../export/markdown.ts';
import type { ReportOutline } from '../../export/reportOutline.ts';
import type { ReportWords } from '../../export/reportWords.ts';
import { trackArchiveFileName, trackArchiveText } from '../trackArchive.ts';
import type { TrackRecord } from '../trackRecord.ts';
import type { StoredSession } from './trackSessions.ts';

/* The track's files: its report (Word, Markdown) and its archive, named after the network. */

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

export function trackFileBase(track: TrackRecord, now: number): string {
  return `${slug(track.name, 'kring')}-${formatTimestamp(now).slice(0, 10)}`;
}

export async function trackReportFile(
  format: 'docx' | 'markdown',
  track: TrackRecord,
  outline: ReportOutline,
  words: ReportWords,
  now: number
): Promise<ExportFile> {
  const base = trackFileBase(track, now);
  if (format === 'markdown')
    return {
      name: `${base}.md`,
      type: 'text/markdown;charset=utf-8',
      bytes: text(outlineMarkdown(outline))
    };
  return {
    name: `${base}.docx`,
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    bytes: await outlineDocx(outline, { words, description: outline.title })
  };
}

export function trackArchiveFile(
  track: TrackRecord,
  sessions: readonly StoredSession[],
  now: number
): ExportFile {
  const docs = sessions.map((session) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, session.update);
    return { record: session.record, doc };
  });
  try {
    return {
      name: trackArchiveFileName(trackFileBase(track, now)),
      type: 'application/json',
      bytes: text(trackArchiveText(track, docs, now))
    };
  } finally {
    for (const { doc } of docs) doc.destroy();
  }
}
