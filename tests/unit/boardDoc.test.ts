import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Note } from '../../src/lib/domain/board.ts';
import {
  deleteNote,
  insertNote,
  observeNotes,
  patchNote,
  readNoteById,
  readNotes
} from '../../src/lib/sync/boardDoc.ts';

const note = (id: string, fields: Partial<Note> = {}): Note => ({
  id,
  step: 's1',
  column: 'c1',
  text: `tekst ${id}`,
  colour: 'yellow',
  author: 'device-a',
  position: 1,
  created: 100,
  ...fields
});

/** Two docs that exchange every update, like two synced devices. */
function pair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on(
    'update',
    (update: Uint8Array, origin: unknown) =>
      origin !== 'remote' && Y.applyUpdate(b, update, 'remote')
  );
  b.on(
    'update',
    (update: Uint8Array, origin: unknown) =>
      origin !== 'remote' && Y.applyUpdate(a, update, 'remote')
  );
  return [a, b];
}

describe('board doc', () => {
  it('round-trips a note, with and without a display name', () => {
    const doc = new Y.Doc();
    insertNote(doc, note('a'));
    insertNote(doc, note('b', { authorName: 'Fatima' }));
    expect(readNoteById(doc, 'a')).toEqual({ ...note('a'), authorName: undefined });
    expect(readNoteById(doc, 'b')?.authorName).toBe('Fatima');
    expect([...readNotes(doc).keys()].sort()).toEqual(['a', 'b']);
  });

  it('keeps concurrent changes to different fields of one note', () => {
    const [a, b] = pair();
    insertNote(a, note('n'));
    b.transact(() => undefined);
    // Disconnect, change separately, then exchange full states.
    const a2 = new Y.Doc();
    const b2 = new Y.Doc();
    Y.applyUpdate(a2, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(b2, Y.encodeStateAsUpdate(b));
    patchNote(a2, 'n', { text: 'verbeterd' });
    patchNote(b2, 'n', { column: 'c2', position: 7 });
    Y.applyUpdate(a2, Y.encodeStateAsUpdate(b2));
    Y.applyUpdate(b2, Y.encodeStateAsUpdate(a2));
    expect(readNoteById(a2, 'n')).toMatchObject({ text: 'verbeterd', column: 'c2', position: 7 });
    expect(readNoteById(b2, 'n')).toEqual(readNoteById(a2, 'n'));
  });

  it('syncs adds and deletes between devices', () => {
    const [a, b] = pair();
    insertNote(a, note('x'));
    expect(readNoteById(b, 'x')?.text).toBe('tekst x');
    deleteNote(b, 'x');
    expect(readNoteById(a, 'x')).toBeUndefined();
    patchNote(a, 'x', { text: 'too late' });
    expect(readNotes(a).size).toBe(0);
  });

  it('skips malformed entries written by a hostile peer and clamps oversized text', () => {
    const doc = new Y.Doc();
    const notes = doc.getMap('notes');
    notes.set('string', 'not a map');
    const bad = new Y.Map<unknown>();
    bad.set('text', 42);
    notes.set('bad', bad);
    insertNote(doc, note('huge', { text: 'x'.repeat(5000) }));
    insertNote(doc, { ...note('colour'), colour: 'ultraviolet' as Note['colour'] });
    const read = readNotes(doc);
    expect([...read.keys()]).toEqual(['huge']);
    expect(read.get('huge')?.text.length).toBe(280);
  });

  it('reports which notes changed', () => {
    const doc = new Y.Doc();
    const seen: string[][] = [];
    const stop = observeNotes(doc, (ids) => seen.push([...ids].sort()));
    insertNote(doc, note('a'));
    patchNote(doc, 'a', { text: 'nieuw' });
    doc.transact(() => {
      insertNote(doc, note('b'));
      deleteNote(doc, 'a');
    });
    stop();
    insertNote(doc, note('c'));
    expect(seen).toEqual([['a'], ['a'], ['a', 'b']]);
  });
});
