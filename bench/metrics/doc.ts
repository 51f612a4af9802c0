// Size of a busy session's Y.Doc (1,000 notes, 4,000 votes, edits) as the hub stores it (one
// compacted row) and as a new device receives it in its first sync.
import * as Y from 'yjs';
import { readNotes } from '../../src/lib/sync/boardDoc.ts';
import { buildSessionModel, sessionDoc } from '../lib/sessionModel.ts';
import type { BenchGroup } from '../lib/result.ts';
import { round } from '../lib/stats.ts';

const kib = (bytes: number): number => round(bytes / 1024);

export const docGroup: BenchGroup = {
  name: 'doc size',
  metrics: ['doc_kb_1000'],
  async run(context) {
    const model = buildSessionModel({ notes: 1000, votes: 4000 });
    const doc = sessionDoc(model);
    const notes = readNotes(doc).size;
    if (notes !== model.notes) throw new Error(`model has ${notes} notes, expected ${model.notes}`);
    const v1 = Y.encodeStateAsUpdate(doc).byteLength;
    const v2 = Y.encodeStateAsUpdateV2(doc).byteLength;
    const withoutVotes = sessionDoc(buildSessionModel({ notes: 1000, votes: 0 }));
    const notesOnly = Y.encodeStateAsUpdate(withoutVotes).byteLength;
    context.log(
      `${model.notes} notes, ${model.edits} text edits, ${model.moves} moves, ${model.votes} ` +
        `votes from 81 devices: ${kib(v1)} KiB (v1 update, ${kib(notesOnly)} KiB without the ` +
        `votes), ${kib(v2)} KiB as v2`
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
          single_updates: model.updates.length
        }
      }
    ];
  }
};
