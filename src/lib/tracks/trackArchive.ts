import * as v from 'valibot';
import type * as Y from 'yjs';
import { trackArchiveKind, withoutByteOrderMark, archiveKind } from '../domain/fileKinds.ts';
import { locales } from '../domain/locale.ts';
import {
  archiveCopy,
  archiveData,
  archivedRecord,
  maxArchiveBytes,
  readArchiveData,
  type ArchiveProblem,
  type CopyInput,
  type SessionArchive
} from '../export/archive.ts';
import { carryKinds } from '../scripts/schema.ts';
import type { SessionRecord } from '../storage/sessionRecord.ts';
import type { PlacedCarry } from './carry.ts';
import {
  agreementStatuses,
  checkTrackInput,
  cleanTrackText,
  trackLimits,
  type AgreementReview,
  type TrackRecord
} from './trackRecord.ts';
import { isTrackTemplateId } from './trackTemplates.ts';

/*
 * A track archive: one JSON file with the track (its network, its order of sessions, the
 * follow-up history of its agreements) and every session's own archive (export/archive.ts),
 * each checked exactly as a session archive file is. Importing it never replaces anything
 * silently: a track or session that is already on the device is the caller's question to ask.
 */

export const trackArchiveVersion = 1;
/** Room for several full sessions. */
export const maxTrackArchiveBytes = 4 * maxArchiveBytes;

export interface TrackArchive {
  readonly track: TrackRecord;
  readonly sessions: readonly {
    readonly archive: SessionArchive;
    readonly carry: readonly PlacedCarry[];
  }[];
}

export type TrackArchiveProblem =
  | { readonly reason: 'tooLarge' | 'truncated' | 'notJson' | 'notTrackArchive' | 'sessionArchive' }
  | { readonly reason: 'wrongVersion'; readonly version: string }
  | { readonly reason: 'badTrack' }
  /** A session inside it is not a good session archive: which one (1-based) and why. */
  | { readonly reason: 'badSession'; readonly index: number; readonly problem: ArchiveProblem };

export type TrackArchiveCheck =
  | { readonly ok: true; readonly archive: TrackArchive }
  | ({ readonly ok: false } & TrackArchiveProblem);

/** The archive file's text for a track and its sessions' records and docs. */
export function trackArchiveText(
  track: TrackRecord,
  sessions: readonly { readonly record: SessionRecord; readonly doc: Y.Doc }[],
  exportedAt: number
): string {
  const archive = {
    kring: trackArchiveKind,
    version: trackArchiveVersion,
    exportedAt: new Date(exportedAt).toISOString(),
    track: {
      id: track.id,
      name: track.name,
      municipality: track.municipality,
      partners: track.partners,
      template: track.template,
      locale: track.locale,
      createdAt: track.createdAt,
      updatedAt: track.updatedAt,
      sessionIds: sessions.map((s) => s.record.id),
      reviews: track.reviews
    },
    sessions: sessions.map(({ record, doc }) => ({
      archive: archiveData(record, doc, exportedAt),
      carry: record.carry ?? []
    }))
  };
  return `${JSON.stringify(archive, null, 2)}\n`;
}

/** "netwerk-lier.kring-track.json". */
export function trackArchiveFileName(base: string): string {
  return `${base}.kring-track.json`;
}

const time = v.pipe(v.number(), v.finite(), v.minValue(0));
const libraryId = v.pipe(v.string(), v.regex(/^[0-9a-z]{1,64}$/));
const carrySchema = v.pipe(
  v.array(
    v.object({
      key: v.pipe(v.string(), v.maxLength(200)),
      sessionId: libraryId,
      kind: v.picklist(carryKinds),
      source: v.pipe(v.string(), v.maxLength(240)),
      text: v.pipe(v.string(), v.maxLength(1200)),
      detail: v.pipe(v.string(), v.maxLength(320)),
      agreement: v.optional(v.pipe(v.string(), v.maxLength(200))),
      stepId: v.pipe(v.string(), v.regex(/^[0-9a-z][0-9a-z-]{0,63}$/)),
      id: v.pipe(v.string(), v.regex(/^[0-9a-z][0-9a-z-]{0,63}$/))
    })
  ),
  v.maxLength(500)
);
const trackSchema = v.object({
  id: libraryId,
  name: v.string(),
  municipality: v.string(),
  partners: v.string(),
  template: v.custom<TrackRecord['template']>(isTrackTemplateId),
  locale: v.picklist(locales),
  createdAt: time,
  updatedAt: time,
  sessionIds: v.pipe(v.array(libraryId), v.maxLength(100)),
  reviews: v.pipe(
    v.array(
      v.object({
        agreement: v.pipe(v.string(), v.maxLength(200)),
        status: v.picklist(agreementStatuses),
        note: v.string(),
        sessionId: libraryId,
        at: time
      })
    ),
    v.maxLength(5000)
  )
});

function readTrack(value: unknown): TrackRecord | undefined {
  const parsed = v.safeParse(trackSchema, value);
  if (!parsed.success) return undefined;
  const raw = parsed.output;
  const input = checkTrackInput(raw);
  if (!input.ok) return undefined;
  const reviews: AgreementReview[] = raw.reviews.map((review) => ({
    ...review,
    note: cleanTrackText(review.note, trackLimits.note, true)
  }));
  return { ...raw, ...input.value, sessionIds: raw.sessionIds, reviews };
}

/** Reads a track archive file's text; a bad file says what is wrong with it. */
export function readTrackArchive(file: string): TrackArchiveCheck {
  const text = withoutByteOrderMark(file);
  if (text.length > maxTrackArchiveBytes) return { ok: false, reason: 'tooLarge' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const trimmed = text.trim();
    const started = trimmed.startsWith('{') && trimmed.includes(`"${trackArchiveKind}"`);
    return { ok: false, reason: started && !trimmed.endsWith('}') ? 'truncated' : 'notJson' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { ok: false, reason: 'notTrackArchive' };
  const fields = data as Record<string, unknown>;
  // A single session's archive belongs in the session import: say so.
  if (fields['kring'] === archiveKind) return { ok: false, reason: 'sessionArchive' };
  if (fields['kring'] !== trackArchiveKind) return { ok: false, reason: 'notTrackArchive' };
  if (fields['version'] !== trackArchiveVersion)
    return { ok: false, reason: 'wrongVersion', version: String(fields['version']) };
  const track = readTrack(fields['track']);
  const list = fields['sessions'];
  if (!track || !Array.isArray(list)) return { ok: false, reason: 'badTrack' };
  const sessions: { archive: SessionArchive; carry: PlacedCarry[] }[] = [];
  for (const [index, item] of list.entries()) {
    const wrapper = (typeof item === 'object' && item !== null ? item : {}) as Record<
      string,
      unknown
    >;
    const check = readArchiveData(wrapper['archive']);
    if (!check.ok) return { ok: false, reason: 'badSession', index: index + 1, problem: check };
    const carry = v.safeParse(carrySchema, wrapper['carry'] ?? []);
    if (!carry.success) return { ok: false, reason: 'badTrack' };
    sessions.push({ archive: check.archive, carry: carry.output });
  }
  // The track's row must name exactly the sessions the file holds, each once.
  const ids = sessions.map((s) => s.archive.session.id);
  if (
    new Set(ids).size !== ids.length ||
    ids.length !== track.sessionIds.length ||
    ids.some((id, i) => track.sessionIds[i] !== id)
  )
    return { ok: false, reason: 'badTrack' };
  return { ok: true, archive: { track, sessions } };
}

/** The library records an imported track archive becomes, each naming the track. */
export function trackArchiveRecords(
  archive: TrackArchive,
  now: number
): { track: TrackRecord; sessions: { record: SessionRecord; update: Uint8Array }[] } {
  return {
    track: archive.track,
    sessions: archive.sessions.map(({ archive: session, carry }) => ({
      record: {
        ...archivedRecord(session, now),
        trackId: archive.track.id,
        ...(carry.length > 0 ? { carry } : {})
      },
      update: session.update
    }))
  };
}

/**
 * The archive as a new, separate track: its own id, every session a copy with its own id
 * and keys (export/archive.ts archiveCopy); the follow-up history and carried results follow
 * the new session ids.
 */
export function trackArchiveCopy(
  archive: TrackArchive,
  input: {
    readonly trackId: string;
    readonly name: string;
    readonly now: number;
    /** New id and keys per session. */
    readonly sessionKeys: (oldId: string) => Omit<CopyInput, 'title' | 'now'>;
  }
): { track: TrackRecord; sessions: { record: SessionRecord; update: Uint8Array }[] } {
  const newIds = new Map<string, string>();
  const sessions = archive.sessions.map(({ archive: session, carry }) => {
    const keys = input.sessionKeys(session.session.id);
    newIds.set(session.session.id, keys.id);
    return { session, carry, keys };
  });
  const mapId = (id: string): string => newIds.get(id) ?? id;
  const mapKey = (key: string): string => {
    const slash = key.indexOf('/');
    return slash < 0 ? key : `${mapId(key.slice(0, slash))}${key.slice(slash)}`;
  };
  const track: TrackRecord = {
    ...archive.track,
    id: input.trackId,
    name: input.name,
    sessionIds: archive.track.sessionIds.map(mapId),
    reviews: archive.track.reviews.map((review) => ({
      ...review,
      agreement: mapKey(review.agreement),
      sessionId: mapId(review.sessionId)
    })),
    updatedAt: input.now
  };
  return {
    track,
    sessions: sessions.map(({ session, carry, keys }) => {
      const copy = archiveCopy(session, { ...keys, title: session.session.title, now: input.now });
      const moved = carry.map((item) => ({
        ...item,
        key: mapKey(item.key),
        sessionId: mapId(item.sessionId),
        ...(item.agreement ? { agreement: mapKey(item.agreement) } : {})
      }));
      return {
        record: {
          ...copy.record,
          trackId: track.id,
          ...(moved.length > 0 ? { carry: moved } : {})
        },
        update: copy.update
      };
    })
  };
}
