import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { ConnectionRole } from './roomToken.ts';

/*
 * What a connection may change in a room's doc. Facilitators may change anything (their
 * flow states are also signed, and every device checks those signatures). A participant
 * may only:
 *   - add notes written by itself, and change or delete its own notes (text, colour,
 *     column, position; never the author or the cluster);
 *   - write its own entries in ballots, picks and answers ("<step>/<its author id>").
 * Everything else (the flow, the script, clusters, agreements, others' notes) is refused,
 * so a participant device cannot steer the session or touch others' input, also not by
 * writing to the doc directly.
 */

type Id = { readonly client: number; readonly clock: number };

/** Where a change lands: the root map, then keys (notes: note id, then field). */
type Path = readonly string[];

export type RuleCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const participantNoteFields = new Set(['text', 'colour', 'column', 'position']);
const personalRoots = new Set(['ballots', 'picks', 'answers']);

function isId(value: unknown): value is Id {
  return typeof value === 'object' && value !== null && 'client' in value && 'clock' in value;
}

/** Finds a struct of the incoming update by id (updates may refer to their own items). */
function updateIndex(
  structs: readonly (Y.Item | Y.GC | Y.AbstractStruct)[]
): (id: Id) => Y.Item | undefined {
  return (id) =>
    structs.find(
      (struct): struct is Y.Item =>
        struct instanceof Y.Item &&
        struct.id.client === id.client &&
        struct.id.clock <= id.clock &&
        id.clock < struct.id.clock + struct.length
    );
}

/** An item already in the hub's doc, or undefined. */
function storedItem(doc: Y.Doc, id: Id): Y.Item | undefined {
  if (Y.getState(doc.store, id.client) <= id.clock) return undefined;
  const struct = Y.getItem(doc.store, Y.createID(id.client, id.clock));
  return struct instanceof Y.Item ? struct : undefined;
}

function storedPath(doc: Y.Doc, item: Y.Item, depth = 0): Path | undefined {
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType) || depth > 8) return undefined;
  const key = item.parentSub ?? '';
  if (parent._item === null) return [Y.findRootTypeKey(parent), key];
  const above = storedPath(doc, parent._item, depth + 1);
  return above ? [...above, key] : undefined;
}

/** The path of an incoming item, resolving references to the hub's doc or the update itself. */
function incomingPath(
  doc: Y.Doc,
  item: Y.Item,
  find: (id: Id) => Y.Item | undefined,
  depth = 0
): Path | undefined {
  if (depth > 8) return undefined;
  const parent: unknown = item.parent;
  const key = item.parentSub ?? '';
  if (typeof parent === 'string') return [parent, key];
  const locate = (id: Id): Path | undefined => {
    const stored = storedItem(doc, id);
    if (stored) return storedPath(doc, stored);
    const local = find(id);
    return local ? incomingPath(doc, local, find, depth + 1) : undefined;
  };
  if (isId(parent)) {
    const above = locate(parent);
    return above ? [...above, key] : undefined;
  }
  // No parent written: the item continues its left or right neighbour, same place.
  const neighbour = item.origin ?? item.rightOrigin;
  return neighbour ? locate(neighbour) : undefined;
}

function storedNoteAuthor(doc: Y.Doc, noteId: string): string | undefined {
  const note = doc.getMap('notes').get(noteId);
  const author = note instanceof Y.Map ? note.get('author') : undefined;
  return typeof author === 'string' ? author : undefined;
}

function contentValue(item: Y.Item): unknown {
  return item.content instanceof Y.ContentAny ? item.content.arr[0] : undefined;
}

/**
 * Checks one update from a connection against the hub's current doc. Pure apart from
 * reading the doc; the relay refuses the whole message when this says no.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, role: ConnectionRole): RuleCheck {
  if (role.role === 'facilitator') return { ok: true };
  const author = role.author;
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { ok: false, reason: 'malformed update' };
  }
  const find = updateIndex(decoded.structs);
  // Authors of notes created in this very update: notes/<id>/author.
  const newAuthors = new Map<string, unknown>();
  const changes: { path: Path; item: Y.Item }[] = [];
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const path = incomingPath(doc, struct, find);
    if (!path) return { ok: false, reason: 'change to an unknown place' };
    changes.push({ path, item: struct });
    if (path[0] === 'notes' && path.length === 3 && path[2] === 'author') {
      newAuthors.set(path[1] ?? '', contentValue(struct));
    }
  }

  const ownsNote = (noteId: string): boolean => {
    const stored = storedNoteAuthor(doc, noteId);
    if (stored !== undefined) return stored === author;
    return newAuthors.get(noteId) === author;
  };

  const allowed = (path: Path, kind: 'write' | 'delete'): boolean => {
    if (author === undefined) return false;
    const [root = '', key = '', field] = path;
    if (personalRoots.has(root)) return path.length === 2 && key.endsWith(`/${author}`);
    if (root !== 'notes') return false;
    if (path.length === 2)
      return kind === 'delete' ? storedNoteAuthor(doc, key) === author : ownsNote(key);
    if (!ownsNote(key)) return false;
    // Deleting a note removes all its fields; overwriting a field removes the old value.
    if (kind === 'delete') return true;
    // A new note sets all its fields once; an existing one only the editable ones.
    if (storedNoteAuthor(doc, key) === undefined) return field !== 'cluster';
    return participantNoteFields.has(field ?? '');
  };

  for (const { path } of changes) {
    if (!allowed(path, 'write'))
      return { ok: false, reason: `may not change ${path.slice(0, 2).join('/')}` };
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      for (let clock = range.clock; clock < range.clock + range.len;) {
        const item = storedItem(doc, { client, clock });
        if (!item) break; // deletes of what the hub never had change nothing here
        const path = storedPath(doc, item);
        if (path && !item.deleted && !allowed(path, 'delete')) {
          return { ok: false, reason: `may not delete ${path.slice(0, 2).join('/')}` };
        }
        clock = item.id.clock + item.length;
      }
    }
  }
  return { ok: true };
}

/**
 * The Yjs update inside a Hocuspocus message, when it carries one (sync step 2 or an
 * update); undefined for awareness, auth, sync step 1 and the like.
 */
export function updateInMessage(message: Uint8Array): Uint8Array | undefined {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder); // document name
    const type = decoding.readVarUint(decoder);
    // 0: Sync, 4: SyncReply (same payload, see Hocuspocus MessageType).
    if (type !== 0 && type !== 4) return undefined;
    const syncType = decoding.readVarUint(decoder);
    // y-protocols sync: 1 is step 2 (an update), 2 is an update.
    return syncType === 1 || syncType === 2 ? decoding.readVarUint8Array(decoder) : undefined;
  } catch {
    return new Uint8Array([0xff]); // undecodable: let checkUpdate refuse it
  }
}
