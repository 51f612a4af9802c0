import type * as Y from 'yjs';
import type { Locale } from '../domain/locale.ts';
import type { Script } from '../scripts/schema.ts';
import { readNotes } from '../sync/boardDoc.ts';
import {
  readActions,
  readClusters,
  readScript,
  readTitle,
  splitPersonalKey,
  type PersonalRoot
} from '../sync/sessionDoc.ts';
import type { PersonalEntry, SessionData } from './sessionData.ts';
import { snapshotOf, type SessionSnapshot, type SnapshotOptions } from './snapshot.ts';

/*
 * The one place the exports touch the doc: it becomes plain SessionData here, and every
 * format works from that. The session model's reader will take this file's place.
 */

/** What the device's library knows about the session (the doc may hold newer title and script). */
export interface SnapshotSource {
  readonly title: string;
  readonly createdAt: number;
  readonly locale: Locale;
  readonly script?: Script | undefined;
}

function personal(doc: Y.Doc, root: PersonalRoot): PersonalEntry[] {
  const entries: PersonalEntry[] = [];
  doc.getMap<unknown>(root).forEach((value, key) => {
    const parts = splitPersonalKey(key);
    if (parts) entries.push({ ...parts, value });
  });
  return entries;
}

/** Reads a session's doc into plain data. */
export function readSessionData(doc: Y.Doc, source: SnapshotSource): SessionData {
  return {
    title: readTitle(doc) ?? source.title,
    createdAt: source.createdAt,
    locale: source.locale,
    script: readScript(doc) ?? source.script,
    notes: [...readNotes(doc).values()],
    clusters: readClusters(doc),
    actions: readActions(doc),
    ballots: personal(doc, 'ballots'),
    picks: personal(doc, 'picks'),
    answers: personal(doc, 'answers')
  };
}

/** The export snapshot of a session's doc. */
export function sessionSnapshot(
  doc: Y.Doc,
  source: SnapshotSource,
  options: SnapshotOptions = {}
): SessionSnapshot {
  return snapshotOf(readSessionData(doc, source), options);
}
