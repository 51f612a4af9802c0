// Size of a busy session's Y.Doc (1,000 ideas, 4,000 dots, edits and moves, every record
// signed, as 80 phones and a laptop write them through the session client) as the hub stores
// it (one compacted row) and as a new device receives it in its first sync.
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { verifyInJs } from '../../src/lib/access/signatures.ts';
import { deriveRoomSecrets } from '../../src/lib/access/roomKeys.ts';
import { roots } from '../../src/lib/model/records.ts';
import { project } from '../../src/lib/model/view.ts';
import { SessionRecords } from '../../src/lib/sync/SessionRecords.ts';
import { buildSessionModel, sessionDoc, type SessionModel } from '../lib/sessionModel.ts';
import type { BenchGroup } from '../lib/result.ts';
import { round } from '../lib/stats.ts';

const kib = (bytes: number): number => round(bytes / 1024);

/** Bytes of one root's values as JSON-ish content (what the records themselves weigh). */
function rootBytes(doc: Y.Doc, root: string): number {
  const only = new Y.Doc();
  const map = only.getMap(root);
  only.transact(() => {
    for (const [key, value] of doc.getMap(root).entries()) map.set(key, value);
  });
  const bytes = Y.encodeStateAsUpdate(only).byteLength;
  only.destroy();
  return bytes;
}

/** Reads the doc as a device does (every signature checked) and counts what it shows. */
function check(doc: Y.Doc, model: SessionModel): { ideas: number; dots: number; problems: number } {
  const { roomId, verifier } = deriveRoomSecrets(model.roomKey);
  const records = new SessionRecords(doc, { roomId, verifier, verifyNow: verifyInJs });
  const view = project(records.data, {
    role: 'facilitator',
    locale: 'nl',
    authorOf: () => undefined
  });
  const problems = records.problems;
  records.destroy();
  let dots = 0;
  for (const step of view.script?.steps ?? []) {
    for (const row of view.tallyOf(step)) dots += row.dots;
  }
  return {
    ideas: view.notesOf(model.stepId).length,
    dots,
    problems: problems.malformed + problems.badSignature + problems.stale
  };
}

export const docGroup: BenchGroup = {
  name: 'doc size',
  metrics: ['doc_kb_1000'],
  async run(context) {
    const built = performance.now();
    const model = buildSessionModel({ notes: 1000, votes: 4000 });
    const buildMs = performance.now() - built;
    const doc = sessionDoc(model);
    const read = check(doc, model);
    if (read.ideas !== model.notes || read.dots !== model.votes || read.problems > 0) {
      throw new Error(
        `the doc shows ${read.ideas} ideas and ${read.dots} dots (${read.problems} bad records); ` +
          `the model wrote ${model.notes} and ${model.votes}`
      );
    }
    const v1 = Y.encodeStateAsUpdate(doc).byteLength;
    const v2 = Y.encodeStateAsUpdateV2(doc).byteLength;
    const withoutVotes = sessionDoc(model, model.beforeVotes);
    const notesOnly = Y.encodeStateAsUpdate(withoutVotes).byteLength;
    const byRoot = Object.fromEntries(
      Object.entries(roots).map(([name, root]) => [`kib_${name}`, kib(rootBytes(doc, root))])
    );
    context.log(
      `${model.notes} ideas, ${model.edits} text edits, ${model.moves} moves, ${model.votes} ` +
        `dots from ${model.devices} devices, every record signed: ${kib(v1)} KiB (v1 update, ` +
        `${kib(notesOnly)} KiB without the dots), ${kib(v2)} KiB as v2; model built in ` +
        `${Math.round(buildMs)} ms`
    );
    context.log(
      `  records alone: ${Object.entries(byRoot)
        .map(([key, value]) => `${key.slice(4)} ${value} KiB`)
        .join(', ')}`
    );
    doc.destroy();
    withoutVotes.destroy();
    return [
      {
        metric: 'doc_kb_1000',
        value: kib(v1),
        details: {
          notes: model.notes,
          text_edits: model.edits,
          moves: model.moves,
          votes: model.votes,
          kib_without_votes: kib(notesOnly),
          v2_kib: kib(v2),
          single_updates: model.updates.length,
          ...byRoot
        }
      }
    ];
  }
};
