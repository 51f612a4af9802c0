import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { checkRoomKeyShape, deriveRoomSecrets, facilitatorIdentity } from '../access/roomKeys.ts';
import { archiveKind, withoutByteOrderMark } from '../domain/fileKinds.ts';
import { fromBase32, toBase32 } from '../domain/ids.ts';
import { locales, type Locale } from '../domain/locale.ts';
import { checkTitle } from '../domain/title.ts';
import { parseStored, roots, sessionKey } from '../model/records.ts';
import {
  cleanReportExtras,
  type ReportExtras,
  type SessionRecord
} from '../storage/sessionRecord.ts';
import { parseScript, type Script } from '../scripts/schema.ts';
import { looksLikeScript } from '../scripts/templateFile.ts';
import {
  copySessionDoc,
  docState,
  isLegacyDoc,
  migrateLegacyDoc,
  readSessionData
} from '../sync/sessionTransfer.ts';

/*
 * A session archive: one JSON file with everything needed to open the session on another
 * device: the library record (title, script, language, room key, facilitator key, date) and
 * the whole Y.Doc as one Yjs update in base64. Importing it restores the session as it was;
 * exporting the imported session again gives the same bytes when done at the same moment
 * (`exportedAt` is the only field that depends on when). The keys make an archive as
 * powerful as the facilitator link: see docs/SECURITY.md. Archives of version 1 hold a doc
 * of schema 1, which is brought to schema 2 on import (sync/sessionTransfer.ts).
 */

export { archiveKind, docState };
export const archiveVersion = 2;
const readableVersions: readonly unknown[] = [1, 2];
/** Far above a full room (the hub stops a room at 8 MiB of doc, 11 MiB in base64). */
export const maxArchiveBytes = 16 * 1024 * 1024;

/** The library record as an archive holds it (how recently it was opened is the device's own). */
export interface ArchivedSession {
  readonly id: string;
  readonly title: string;
  readonly scriptId: string;
  readonly locale: Locale;
  readonly createdAt: number;
  readonly roomKey: string;
  readonly facilitatorKey: string;
  /** What the facilitator typed for the report (partners, conclusion), when anything. */
  readonly report?: ReportExtras;
}

export interface SessionArchive {
  readonly session: ArchivedSession;
  readonly script: Script | undefined;
  /** The doc's whole state (`Y.encodeStateAsUpdate`). */
  readonly update: Uint8Array;
}

export type ArchiveProblem =
  | { readonly reason: 'tooLarge' | 'truncated' | 'notJson' | 'notArchive' | 'script' }
  | { readonly reason: 'wrongVersion'; readonly version: string }
  | { readonly reason: 'badSession' | 'badDoc' }
  | { readonly reason: 'badScript'; readonly problems: readonly string[] };

export type ArchiveCheck =
  | { readonly ok: true; readonly archive: SessionArchive }
  | ({ readonly ok: false } & ArchiveProblem);

/** The archive file's text for a session of the library and its doc. */
export function archiveText(record: SessionRecord, doc: Y.Doc, exportedAt: number): string {
  return `${JSON.stringify(archiveData(record, doc, exportedAt), null, 2)}\n`;
}

/** The archive as data (a track archive holds one per session). */
export function archiveData(record: SessionRecord, doc: Y.Doc, exportedAt: number): object {
  const script = readSessionData(doc, record.roomKey).session?.script ?? record.script;
  const archive = {
    kring: archiveKind,
    version: archiveVersion,
    exportedAt: new Date(exportedAt).toISOString(),
    session: {
      id: record.id,
      title: record.title,
      scriptId: record.scriptId,
      locale: record.locale,
      createdAt: record.createdAt,
      roomKey: record.roomKey,
      facilitatorKey: record.facilitatorKey,
      ...(record.report && (record.report.partners || record.report.conclusion)
        ? { report: { partners: record.report.partners, conclusion: record.report.conclusion } }
        : {})
    } satisfies ArchivedSession,
    script: script ?? null,
    doc: toBase64(docState(doc))
  };
  return archive;
}

/** A file name for an archive, e.g. "startmoment-lier-2025-03-12.kring-archive.json". */
export function archiveFileName(base: string): string {
  return `${base}.kring-archive.json`;
}

const isText = (value: unknown): value is string => typeof value === 'string';
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function readSession(value: unknown): ArchivedSession | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, title, scriptId, locale, createdAt, roomKey, facilitatorKey, report } =
    value as Record<string, unknown>;
  if (!isText(id) || !/^[0-9a-z]{1,64}$/.test(id)) return undefined;
  // Cleaned as if typed in the library (invisible characters out, spaces folded).
  const checked = isText(title) ? checkTitle(title) : undefined;
  if (!checked?.ok) return undefined;
  if (!isText(scriptId) || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(scriptId)) return undefined;
  if (!(locales as readonly unknown[]).includes(locale)) return undefined;
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt) || createdAt < 0)
    return undefined;
  if (!isText(roomKey) || !isText(facilitatorKey)) return undefined;
  const room = checkRoomKeyShape(roomKey);
  if (!room.ok || room.roomKey !== roomKey) return undefined;
  const key = fromBase32(facilitatorKey);
  if (!key || key.length !== 16 || facilitatorKey.length !== 26) return undefined;
  // The facilitator key must be the one the room key names, or the flow could not be steered.
  if (facilitatorIdentity(facilitatorKey).verifier !== deriveRoomSecrets(roomKey).verifier)
    return undefined;
  const extras = readReportExtras(report);
  if (extras === null) return undefined;
  return {
    id,
    title: checked.title,
    scriptId,
    locale: locale as Locale,
    createdAt,
    roomKey,
    facilitatorKey,
    ...(extras ? { report: extras } : {})
  };
}

/** The report text of an archive: undefined when there is none, null when it is not text. */
function readReportExtras(value: unknown): ReportExtras | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) return null;
  const { partners, conclusion } = value as Record<string, unknown>;
  if (!isText(partners) || !isText(conclusion)) return null;
  return cleanReportExtras({ partners, conclusion });
}

/**
 * Decodes the doc state; undefined when it is not a complete Yjs update. A doc of schema 1
 * comes back brought to schema 2.
 */
function readDoc(text: unknown, session: ArchivedSession): Uint8Array | 'badSession' | undefined {
  if (!isText(text) || !base64.test(text)) return undefined;
  const update = fromBase64(text);
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
    // Structs or deletions waiting for missing parts: the update was cut or altered.
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return undefined;
    const expected = toBase32(facilitatorIdentity(session.facilitatorKey).publicKey);
    if (isLegacyDoc(doc)) {
      if (doc.getMap('session').get('publicKey') !== expected) return 'badSession';
      return migrateLegacyDoc(doc, session) ?? 'badSession';
    }
    const stored = parseStored.session(doc.getMap(roots.session).get(sessionKey));
    if (stored && stored.d.key !== expected) return 'badSession';
    return update;
  } catch {
    return undefined;
  } finally {
    doc.destroy();
  }
}

/** Reads an archive file's text; a bad file says what is wrong with it. */
export function readArchive(file: string): ArchiveCheck {
  const text = withoutByteOrderMark(file);
  if (text.length > maxArchiveBytes) return { ok: false, reason: 'tooLarge' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // An archive cut off while copying still starts like one.
    const trimmed = text.trim();
    const started = trimmed.startsWith('{') && trimmed.includes(`"${archiveKind}"`);
    return { ok: false, reason: started && !trimmed.endsWith('}') ? 'truncated' : 'notJson' };
  }
  return readArchiveData(data);
}

/** Checks an archive's data (parsed JSON), the same for a file of its own and inside a track archive. */
export function readArchiveData(data: unknown): ArchiveCheck {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { ok: false, reason: 'notArchive' };
  const fields = data as Record<string, unknown>;
  // A script (template) file is the other JSON Kring reads: say where that one goes.
  if (fields['kring'] !== archiveKind)
    return { ok: false, reason: looksLikeScript(fields) ? 'script' : 'notArchive' };
  if (!readableVersions.includes(fields['version']))
    return { ok: false, reason: 'wrongVersion', version: String(fields['version']) };
  const session = readSession(fields['session']);
  if (!session) return { ok: false, reason: 'badSession' };
  let script: Script | undefined;
  if (fields['script'] !== null && fields['script'] !== undefined) {
    const check = parseScript(fields['script']);
    if (!check.ok) return { ok: false, reason: 'badScript', problems: check.problems };
    script = check.script;
  }
  const update = readDoc(fields['doc'], session);
  if (update === 'badSession') return { ok: false, reason: 'badSession' };
  if (!update) return { ok: false, reason: 'badDoc' };
  return { ok: true, archive: { session, script, update } };
}

/** The library record an imported archive becomes. */
export function archivedRecord(archive: SessionArchive, now: number): SessionRecord {
  return {
    ...archive.session,
    ...(archive.script ? { script: archive.script } : {}),
    lastOpenedAt: now
  };
}

export interface CopyInput {
  readonly id: string;
  readonly title: string;
  readonly roomKey: string;
  readonly facilitatorKey: string;
  readonly now: number;
}

/**
 * The archive as a new, separate session: its own id and keys (so its own room), the same
 * content, signed again for the new room (sync/sessionTransfer.ts).
 */
export function archiveCopy(
  archive: SessionArchive,
  input: CopyInput
): { record: SessionRecord; update: Uint8Array } {
  const update = copySessionDoc(archive.update, archive.session, input);
  return {
    record: {
      ...archive.session,
      ...(archive.script ? { script: archive.script } : {}),
      id: input.id,
      title: input.title,
      roomKey: input.roomKey,
      facilitatorKey: input.facilitatorKey,
      createdAt: archive.session.createdAt,
      lastOpenedAt: input.now
    },
    update
  };
}
