import * as Y from 'yjs';
import {
  canArrange,
  canDelete,
  canEdit,
  checkNoteText,
  noteColours,
  positionAtEnd,
  positionBetween,
  type Actor,
  type Note
} from '../../../src/lib/domain/board.ts';
import { toBase32 } from '../../../src/lib/domain/ids.ts';
import {
  deleteNote,
  insertNote,
  patchNote,
  readNotes,
  type NotePatch
} from '../../../src/lib/sync/boardDoc.ts';
import { itemOf, stateVector, type Model } from './model.ts';
import type { Prng } from './prng.ts';
import { fromDevice, type SimDevice, type World } from './world.ts';

/*
 * What a person can do on the board, one entry each. Every operation goes through Kring's
 * board binding (boardDoc.ts) on the device's real Y.Doc and obeys the same domain rules as
 * LiveBoard (canEdit, canArrange, canDelete, checkNoteText), and records what it wrote in the
 * model for the oracle. The guided session's operations (flow, clusters, dots, picks, answers,
 * forged flow) are in sessionOperations.ts; `operations` lists both.
 */

export interface OperationContext {
  readonly world: World;
  readonly model: Model;
  readonly device: SimDevice;
  readonly rng: Prng;
  readonly step: number;
}

/** Whose device may run an operation (guided cases pick a device that may). */
export type Performer = 'anyone' | 'facilitator' | 'participant' | 'hostile';

export interface BoardOperation {
  readonly name: string;
  readonly weight: number;
  /** Who does this; anyone when absent. */
  readonly who?: Performer;
  /** Performs the operation; returns a line for the trace, or undefined when it did not apply. */
  run(context: OperationContext): string | undefined;
}

const columns = ['c1', 'c2', 'c3', 'c4'];
/** Steps notes are added to: the guided script's brainstorm, and one it does not have. */
const steps = ['brainstorm', 'swot'];

/** Texts people type, including what checkNoteText must clean up or refuse. */
export const texts = [
  'Meer fietsenstallingen',
  'Speelplein open in de zomer 🌞',
  'Samen koken met buren',
  'مكان للقاء بعد المدرسة',
  'Cours de danse pour seniors',
  '  spaties rondom  ',
  'regel 1\r\nregel 2\n\n\n\nregel 3',
  'zero\u200bwidth\u0007bell',
  '<script>alert(1)</script>',
  '👩‍👩‍👧‍👦 gezinnen',
  'x'.repeat(280),
  '',
  '   ',
  'y'.repeat(281)
];

function actorOf(device: SimDevice): Actor {
  return { token: device.token, facilitator: device.facilitator };
}

export function visibleNotes(device: SimDevice): Note[] {
  return [...readNotes(device.doc).values()];
}

export function newNoteId(rng: Prng): string {
  const bytes = new Uint8Array(10);
  for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(0, 255);
  return toBase32(bytes);
}

export function noteMap(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  const value = doc.getMap<unknown>('notes').get(id);
  return value instanceof Y.Map ? value : undefined;
}

/** Patches a note as LiveBoard does (one local transaction) and records each field written. */
export function patch(context: OperationContext, note: Note, fields: NotePatch): void {
  const { device, model, step } = context;
  const seen = stateVector(device.doc);
  device.doc.transact(() => patchNote(device.doc, note.id, fields), fromDevice);
  const map = noteMap(device.doc, note.id);
  if (!map) return;
  for (const [field, value] of Object.entries(fields)) {
    const item = itemOf(map, field);
    if (item)
      model.writes.push({ note: note.id, field, value, item, seen, device: device.index, step });
  }
}

function pickNote(
  context: OperationContext,
  allowed: (note: Note, actor: Actor) => boolean
): Note | undefined {
  const actor = actorOf(context.device);
  return context.rng.pick(visibleNotes(context.device).filter((note) => allowed(note, actor)));
}

export const short = (text: string): string =>
  JSON.stringify(text.length > 24 ? `${text.slice(0, 21)}…` : text);

export const boardOperations: readonly BoardOperation[] = [
  {
    name: 'add',
    weight: 10,
    run(context) {
      const { device, rng, model, step } = context;
      const raw = rng.pick(texts) ?? '';
      const check = checkNoteText(raw);
      if (!check.ok) return `add refused (${check.error}) ${short(raw)}`;
      const column = rng.pick(columns) ?? 'c1';
      const note: Note = {
        id: newNoteId(rng),
        step: rng.pick(steps) ?? 'brainstorm',
        column,
        text: check.text,
        colour: rng.pick(noteColours) ?? 'yellow',
        author: device.token,
        authorName: rng.chance(0.3) ? `Naam ${device.index}` : undefined,
        position: positionAtEnd(visibleNotes(device), column),
        created: step
      };
      const seen = stateVector(device.doc);
      device.doc.transact(() => insertNote(device.doc, note), fromDevice);
      const item = itemOf(device.doc.getMap('notes'), note.id);
      const map = noteMap(device.doc, note.id);
      if (!item || !map) throw new Error('insertNote wrote nothing');
      model.notes.set(note.id, { id: note.id, author: device.index, item, step });
      for (const [field, value] of Object.entries(note)) {
        if (field === 'id' || value === undefined) continue;
        const fieldItem = itemOf(map, field);
        if (fieldItem) {
          model.writes.push({
            note: note.id,
            field,
            value,
            item: fieldItem,
            seen,
            device: device.index,
            step
          });
        }
      }
      return `add ${note.id} ${column} ${short(check.text)}`;
    }
  },
  {
    name: 'edit',
    weight: 5,
    run(context) {
      const note = pickNote(context, canEdit);
      if (!note) return undefined;
      const check = checkNoteText(context.rng.pick(texts) ?? '');
      if (!check.ok) return `edit ${note.id} refused (${check.error})`;
      patch(context, note, { text: check.text });
      return `edit ${note.id} ${short(check.text)}`;
    }
  },
  {
    name: 'move',
    weight: 5,
    run(context) {
      const note = pickNote(context, canArrange);
      if (!note) return undefined;
      const column = context.rng.pick(columns) ?? 'c1';
      const inColumn = visibleNotes(context.device)
        .filter((other) => other.column === column && other.id !== note.id)
        .map((other) => other.position)
        .sort((a, b) => a - b);
      const at = context.rng.int(0, inColumn.length);
      const position = positionBetween(inColumn[at - 1], inColumn[at]);
      patch(context, note, { column, position });
      return `move ${note.id} → ${column}@${position}`;
    }
  },
  {
    name: 'recolour',
    weight: 3,
    run(context) {
      const note = pickNote(context, canArrange);
      if (!note) return undefined;
      const colour = context.rng.pick(noteColours) ?? 'yellow';
      patch(context, note, { colour });
      return `recolour ${note.id} ${colour}`;
    }
  },
  {
    name: 'delete',
    weight: 2,
    run(context) {
      const note = pickNote(context, canDelete);
      if (!note) return undefined;
      const { device, model, step } = context;
      const target = itemOf(device.doc.getMap('notes'), note.id);
      if (!target) return undefined;
      device.doc.transact(() => deleteNote(device.doc, note.id), fromDevice);
      model.deletes.push({ note: note.id, device: device.index, target, step });
      const whose = note.author === device.token ? 'own' : 'as facilitator';
      return `delete ${note.id} (${whose})`;
    }
  }
];
