import type * as Y from 'yjs';
import { parseStored, roots } from '../../src/lib/model/records.ts';

/**
 * Every idea a doc holds, id -> text, read from its entries as stored (shape only, no
 * signature check): for tests that count what reached a hub's database or a device.
 */
export function ideasIn(doc: Y.Doc): Map<string, string> {
  const ideas = new Map<string, string>();
  doc.getMap<unknown>(roots.entries).forEach((value) => {
    const entry = parseStored.entry(value);
    for (const [id, , text] of entry?.d.n ?? []) ideas.set(id, text);
  });
  doc.getMap<unknown>(roots.boards).forEach((value) => {
    const board = parseStored.board(value);
    for (const [id, , text] of board?.d.fn ?? []) ideas.set(id, text);
  });
  return ideas;
}
