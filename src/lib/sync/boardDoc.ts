import * as Y from 'yjs';
import { isNoteColour, maxNoteLength, type Note } from '../domain/board.ts';

/*
 * The board's shape inside a session's Y.Doc:
 *   notes: Y.Map  noteId -> Y.Map { column, text, colour, author, authorName?, position, created }
 * Each note is its own Y.Map so that concurrent changes to different fields (an author
 * fixing a typo while the facilitator moves the note) both survive.
 */

type NoteFields = Omit<Note, 'id'>;
export type NotePatch = Partial<Pick<Note, 'text' | 'column' | 'colour' | 'position'>> & {
  /** A cluster id, or null to take the note out of its cluster. */
  readonly cluster?: string | null;
};

function notesMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>('notes');
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/**
 * Reads one note, or undefined when the entry is malformed (written by a buggy or hostile
 * peer): the board shows what it can trust and skips the rest.
 */
export function readNote(id: string, fields: unknown): Note | undefined {
  if (!(fields instanceof Y.Map)) return undefined;
  const step = fields.get('step');
  const column = fields.get('column');
  const text = fields.get('text');
  const colour = fields.get('colour');
  const author = fields.get('author');
  const authorName = fields.get('authorName');
  const position = fields.get('position');
  const created = fields.get('created');
  const cluster = fields.get('cluster');
  if (!isText(step) || !isText(column) || !isText(text) || !isText(author) || !isNoteColour(colour))
    return undefined;
  if (!isNumber(position) || !isNumber(created)) return undefined;
  return {
    id,
    step,
    column,
    // Never render more than the limit, whatever a peer wrote.
    text: [...text].slice(0, maxNoteLength).join(''),
    colour,
    author,
    authorName: isText(authorName) && authorName.trim() ? authorName : undefined,
    position,
    cluster: isText(cluster) && cluster ? cluster : undefined,
    created
  };
}

/** Every well-formed note of the board. */
export function readNotes(doc: Y.Doc): Map<string, Note> {
  const notes = new Map<string, Note>();
  notesMap(doc).forEach((fields, id) => {
    const note = readNote(id, fields);
    if (note) notes.set(id, note);
  });
  return notes;
}

/** Reads the note with this id, if it exists and is well formed. */
export function readNoteById(doc: Y.Doc, id: string): Note | undefined {
  return readNote(id, notesMap(doc).get(id));
}

/** Adds a note. */
export function insertNote(doc: Y.Doc, note: Note): void {
  const { id, ...rest } = note;
  const fields: NoteFields = rest;
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) map.set(key, value);
  notesMap(doc).set(id, map);
}

/** Changes some fields of a note; does nothing when the note is gone (deleted meanwhile). */
export function patchNote(doc: Y.Doc, id: string, patch: NotePatch): void {
  const fields = notesMap(doc).get(id);
  if (!(fields instanceof Y.Map)) return;
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch))
      if (value !== undefined) fields.set(key, value);
  });
}

export function deleteNote(doc: Y.Doc, id: string): void {
  notesMap(doc).delete(id);
}

/** Calls back with the ids of notes that were added, changed or removed. */
export function observeNotes(doc: Y.Doc, onChange: (ids: ReadonlySet<string>) => void): () => void {
  const notes = notesMap(doc);
  const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    const ids = new Set<string>();
    for (const event of events) {
      if (event.target === notes) {
        for (const key of event.changes.keys.keys()) ids.add(key);
      } else {
        // A field of one note changed: its id is the key of that map in `notes`.
        const key = event.path[0];
        if (typeof key === 'string') ids.add(key);
      }
    }
    if (ids.size > 0) onChange(ids);
  };
  notes.observeDeep(handler);
  return () => notes.unobserveDeep(handler);
}
