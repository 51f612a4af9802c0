import {
  canArrange,
  canDelete,
  canEdit,
  checkNoteText,
  notesInColumn,
  positionAtEnd,
  type Actor,
  type Note,
  type NoteColour,
  type NoteTextCheck
} from '$lib/domain/board.ts';
import { randomId } from '$lib/domain/ids.ts';
import { readPresence, type Presence } from '$lib/domain/participant.ts';
import {
  deleteNote,
  insertNote,
  observeMeta,
  observeNotes,
  patchNote,
  readMeta,
  readNoteById,
  readNotes,
  type BoardMeta
} from '$lib/sync/boardDoc.ts';
import {
  localOrigin,
  type ConnectionStatus,
  type RoomConnection
} from '$lib/sync/RoomConnection.ts';

/** A device seen in the room, for the network check. */
export interface SeenDevice extends Presence {
  readonly clientId: number;
  readonly lastSeen: number;
  readonly self: boolean;
}

/**
 * The board of one room as reactive state for Svelte screens, plus the edits a person
 * can make. Reading goes through the sync binding; rules come from the domain.
 */
export class LiveBoard {
  readonly #connection: RoomConnection;
  readonly #actor: Actor;
  readonly #stop: (() => void)[] = [];
  // Replaced, never mutated: a raw state holding an immutable map is all Svelte needs here.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #notes = $state.raw<ReadonlyMap<string, Note>>(new Map());
  #meta = $state.raw<BoardMeta | undefined>(undefined);
  #status = $state.raw<ConnectionStatus>({
    hub: 'connecting',
    peers: 0,
    pending: 0,
    storage: 'loading'
  });
  #devices = $state.raw<readonly SeenDevice[]>([]);

  constructor(connection: RoomConnection, actor: Actor) {
    this.#connection = connection;
    this.#actor = actor;
    const { doc, awareness } = connection;
    this.#notes = readNotes(doc);
    this.#meta = readMeta(doc);
    this.#stop.push(
      observeNotes(doc, (ids) => {
        // eslint-disable-next-line svelte/prefer-svelte-reactivity -- copied, then frozen in state
        const next = new Map(this.#notes);
        for (const id of ids) {
          const note = readNoteById(doc, id);
          if (note) next.set(id, note);
          else next.delete(id);
        }
        this.#notes = next;
      }),
      observeMeta(doc, () => (this.#meta = readMeta(doc))),
      connection.subscribe((status) => (this.#status = status))
    );
    const readDevices = (): void => {
      const devices: SeenDevice[] = [];
      awareness.getStates().forEach((state, clientId) => {
        const presence = readPresence(state);
        if (!presence) return;
        const lastSeen = awareness.meta.get(clientId)?.lastUpdated ?? 0;
        devices.push({ ...presence, clientId, lastSeen, self: clientId === doc.clientID });
      });
      this.#devices = devices;
    };
    readDevices();
    awareness.on('update', readDevices);
    this.#stop.push(() => awareness.off('update', readDevices));
  }

  get actor(): Actor {
    return this.#actor;
  }

  get meta(): BoardMeta | undefined {
    return this.#meta;
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  get devices(): readonly SeenDevice[] {
    return this.#devices;
  }

  get noteCount(): number {
    return this.#notes.size;
  }

  /** The notes of one column, in the order every device shows them. */
  notesIn(column: string): Note[] {
    return notesInColumn(this.#notes.values(), column);
  }

  /** Adds a note for this device; returns the check so the screen can explain a refusal. */
  add(input: {
    column: string;
    text: string;
    colour: NoteColour;
    authorName?: string | undefined;
  }): NoteTextCheck {
    const check = checkNoteText(input.text);
    if (!check.ok) return check;
    const doc = this.#connection.doc;
    doc.transact(() => {
      insertNote(doc, {
        id: randomId(),
        column: input.column,
        text: check.text,
        colour: input.colour,
        author: this.#actor.token,
        authorName: input.authorName,
        position: positionAtEnd(this.#notes.values(), input.column),
        created: Date.now()
      });
    }, localOrigin);
    return check;
  }

  edit(id: string, text: string): NoteTextCheck | undefined {
    const note = this.#notes.get(id);
    if (!note || !canEdit(note, this.#actor)) return undefined;
    const check = checkNoteText(text);
    if (check.ok) this.#transact(() => patchNote(this.#connection.doc, id, { text: check.text }));
    return check;
  }

  mayDelete(note: Note): boolean {
    return canDelete(note, this.#actor);
  }

  mayEdit(note: Note): boolean {
    return canEdit(note, this.#actor);
  }

  remove(id: string): boolean {
    const note = this.#notes.get(id);
    if (!note || !canDelete(note, this.#actor)) return false;
    this.#transact(() => deleteNote(this.#connection.doc, id));
    return true;
  }

  move(id: string, column: string, position: number): void {
    const note = this.#notes.get(id);
    if (!note || !canArrange(note, this.#actor)) return;
    this.#transact(() => patchNote(this.#connection.doc, id, { column, position }));
  }

  recolour(id: string, colour: NoteColour): void {
    const note = this.#notes.get(id);
    if (!note || !canArrange(note, this.#actor)) return;
    this.#transact(() => patchNote(this.#connection.doc, id, { colour }));
  }

  destroy(): void {
    for (const stop of this.#stop.splice(0)) stop();
  }

  #transact(change: () => void): void {
    this.#connection.doc.transact(change, localOrigin);
  }
}
