import type { Locale } from '../domain/locale.ts';
import { stripInvisible } from '../domain/text.ts';
import { agreementStatuses, type AgreementStatus } from '../model/records.ts';
import type { TrackTemplateId } from './trackTemplates.ts';

/*
 * A track: the sessions of one network that build on each other (the start track, the four
 * werven of the restart track, or the facilitator's own row), kept in the device's library.
 * The sessions themselves stay ordinary library sessions that name their track; the track
 * keeps their order and the follow-up of their agreements, with its whole history.
 */

export { agreementStatuses, type AgreementStatus };

/** One follow-up of one agreement: how it is doing, as marked in a later session. */
export interface AgreementReview {
  /** The agreement: "<session id>/<agreement id>". */
  readonly agreement: string;
  readonly status: AgreementStatus;
  readonly note: string;
  /** The session where it was marked. */
  readonly sessionId: string;
  /** Milliseconds since the epoch, this device's clock. */
  readonly at: number;
}

export interface TrackRecord {
  readonly id: string;
  /** The network's name, e.g. "Netwerk vrije tijd Lier". */
  readonly name: string;
  readonly municipality: string;
  /** The partner organisations, as typed. */
  readonly partners: string;
  readonly template: TrackTemplateId;
  readonly locale: Locale;
  /** Its sessions (library ids), in the order they were made. */
  readonly sessionIds: readonly string[];
  /** Every follow-up ever marked, oldest first (the history is never rewritten). */
  readonly reviews: readonly AgreementReview[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

export const trackLimits = { name: 120, municipality: 80, partners: 600, note: 600 } as const;

/** Text as typed: invisible characters out, spaces folded (line ends kept where `lines`). */
export function cleanTrackText(raw: string, limit: number, lines = false): string {
  const text = stripInvisible(raw.replace(/\r\n?/g, '\n'));
  const folded = lines
    ? text
        .replace(/[ \t]+/g, ' ')
        .replace(/ ?\n ?/g, '\n')
        .replace(/\n{3,}/g, '\n\n')
    : text.replace(/\s+/g, ' ');
  return [...folded.trim()].slice(0, limit).join('').trim();
}

export type TrackInputCheck =
  | {
      readonly ok: true;
      readonly value: { name: string; municipality: string; partners: string };
    }
  | { readonly ok: false; readonly field: 'name'; readonly error: 'empty' | 'tooLong' };

/** Checks what the facilitator typed for a new track: a name is needed, the rest may be empty. */
export function checkTrackInput(raw: {
  name: string;
  municipality: string;
  partners: string;
}): TrackInputCheck {
  const name = stripInvisible(raw.name).replace(/\s+/g, ' ').trim();
  if (!name) return { ok: false, field: 'name', error: 'empty' };
  if ([...name].length > trackLimits.name) return { ok: false, field: 'name', error: 'tooLong' };
  return {
    ok: true,
    value: {
      name,
      municipality: cleanTrackText(raw.municipality, trackLimits.municipality),
      partners: cleanTrackText(raw.partners, trackLimits.partners, true)
    }
  };
}

export function newTrack(input: {
  id: string;
  name: string;
  municipality: string;
  partners: string;
  template: TrackTemplateId;
  locale: Locale;
  now: number;
}): TrackRecord {
  return {
    id: input.id,
    name: input.name,
    municipality: input.municipality,
    partners: input.partners,
    template: input.template,
    locale: input.locale,
    sessionIds: [],
    reviews: [],
    createdAt: input.now,
    updatedAt: input.now
  };
}

/** The track with one more session at its end (once). */
export function withSession(track: TrackRecord, sessionId: string, now: number): TrackRecord {
  if (track.sessionIds.includes(sessionId)) return track;
  return { ...track, sessionIds: [...track.sessionIds, sessionId], updatedAt: now };
}

/** The track without a session (deleted from the library); its reviews stay in the history. */
export function withoutSession(track: TrackRecord, sessionId: string, now: number): TrackRecord {
  if (!track.sessionIds.includes(sessionId)) return track;
  return {
    ...track,
    sessionIds: track.sessionIds.filter((id) => id !== sessionId),
    updatedAt: now
  };
}

/** The key an agreement has across the track. */
export function agreementKey(sessionId: string, agreementId: string): string {
  return `${sessionId}/${agreementId}`;
}

/**
 * The track with a follow-up added to the history. Marking the same status and note again
 * changes nothing; a note is cleaned and kept within its limit.
 */
export function withReview(
  track: TrackRecord,
  review: Omit<AgreementReview, 'note'> & { note: string }
): TrackRecord {
  const note = cleanTrackText(review.note, trackLimits.note, true);
  const current = currentReview(track, review.agreement);
  if (current && current.status === review.status && current.note === note) return track;
  return {
    ...track,
    reviews: [...track.reviews, { ...review, note }],
    updatedAt: Math.max(track.updatedAt, review.at)
  };
}

/** Every follow-up of one agreement, oldest first. */
export function reviewHistory(track: TrackRecord, agreement: string): AgreementReview[] {
  return track.reviews.filter((review) => review.agreement === agreement);
}

/** The latest follow-up of one agreement (the last one marked). */
export function currentReview(track: TrackRecord, agreement: string): AgreementReview | undefined {
  return reviewHistory(track, agreement).at(-1);
}

/** Library order: the track changed most recently first. */
export function sortTracks(tracks: readonly TrackRecord[]): TrackRecord[] {
  return [...tracks].sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
}
