import type * as Y from 'yjs';
import type { SessionData } from '../../lib/model/sessionData.ts';
import { roots } from '../../lib/model/records.ts';
import { entryCheck } from '../../lib/model/signedRecords.ts';
import { knownVerdict, rememberVerdict } from '../../lib/sync/SessionRecords.ts';
import { hubOrigin } from './libraryAdapter.ts';
import { verifyNative } from './nodeVerify.ts';
import { stepPreviewOf } from './stepPreview.ts';

/*
 * A joining phone's first idea, posted before its session has loaded (model/firstIdea.ts).
 * The hub puts it in the room's doc as if the phone had sent it over the relay: stored, sent
 * to every device, and judged by the session guard like any change. Only what such a phone
 * can send is taken: the first entry (number 1) of its author in the brainstorm the hub
 * previews, holding one idea in one of that step's columns, validly signed.
 */

/** What became of a first idea; only 'added' changed the room. */
export type FirstIdeaOutcome =
  | 'added'
  /** The room is not open on this hub (hosted: another hub holds it). */
  | 'notHeld'
  /** Not one signed first idea for the open brainstorm. */
  | 'invalid'
  /** The brainstorm is not open (any more): the phone's session decides what to do. */
  | 'closed'
  /** The author has an entry in this step already: their session adds the idea to it. */
  | 'exists'
  /**
   * Other ideas came in after the phone's preview: its idea's time would place it among
   * older ones, not after them. The phone's session adds it anew, with the room's time.
   */
  | 'stale'
  /** The room's doc is at its size limit (limits.ts). */
  | 'full';

/** The origin of first ideas the hub writes: stored and sent like any change. */
export const firstIdeaOrigin = hubOrigin({ kringFirstIdea: true });

export function addFirstIdea(input: {
  readonly roomId: string;
  /** The room's doc and checked records, when this hub holds the room. */
  readonly doc: Y.Doc | undefined;
  readonly data: SessionData | undefined;
  readonly key: string;
  readonly value: unknown;
  readonly roomFull: () => boolean;
}): FirstIdeaOutcome {
  const { roomId, doc, data, key, value } = input;
  if (!doc || !data) return 'notHeld';
  const check = entryCheck(roomId, key, value);
  if (!check) return 'invalid';
  const { record } = check;
  const ideas = record.data.n;
  if (record.seq !== 1 || Object.keys(record.data).length !== 1 || ideas?.length !== 1) {
    return 'invalid';
  }
  // The cheap checks first; reading the open step projects the whole room.
  const entries = doc.getMap<unknown>(roots.entries);
  if (entries.has(key)) return 'exists';
  if (input.roomFull()) return 'full';
  let verdict = knownVerdict(value);
  if (verdict === undefined) {
    verdict = verifyNative(check.request);
    rememberVerdict(value, verdict);
  }
  if (!verdict) return 'invalid';
  const preview = stepPreviewOf(data, 'nl');
  const open = preview?.step;
  if (!preview || !open || open.id !== record.stepId) return 'closed';
  const [item] = ideas;
  if (!item || !open.columns.some((column) => column.id === item[1])) return 'invalid';
  // A note's place on the board is its time (model/view.ts): one at or before the room's
  // newest would show among the older ideas.
  if (item[4] <= preview.clock) return 'stale';
  doc.transact(() => entries.set(key, value), firstIdeaOrigin);
  return 'added';
}
