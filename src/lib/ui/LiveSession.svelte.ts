import { checkAction, type Action, type ActionCheck } from '$lib/domain/actions.ts';
import {
  canArrange,
  canDelete,
  canEdit,
  checkNoteText,
  compareNotes,
  maxNoteLength,
  positionAtEnd,
  type Actor,
  type Column,
  type Note,
  type NoteColour
} from '$lib/domain/board.ts';
import {
  maxClusterNameLength,
  voteItems,
  type Cluster,
  type VoteItem
} from '$lib/domain/clusters.ts';
import {
  acceptsInput,
  applyFlow,
  currentStep,
  initialFlow,
  isRevealed,
  type FlowAction,
  type FlowState
} from '$lib/domain/flow.ts';
import { columnColour } from '$lib/domain/columnLook.ts';
import { randomId, toBase32 } from '$lib/domain/ids.ts';
import { looseIdeas, soloGroups } from '$lib/domain/looseIdeas.ts';
import type { Locale } from '$lib/domain/locale.ts';
import { readPresence, type Presence } from '$lib/domain/participant.ts';
import {
  countPicks,
  togglePick,
  validPicks,
  type PickCount,
  type PickResult
} from '$lib/domain/picks.ts';
import { checkAnswer, defaultRoundLength, type AnswerCheck } from '$lib/domain/rounds.ts';
import { characterCount } from '$lib/domain/text.ts';
import {
  addDot,
  removeDot,
  tally,
  validBallot,
  type Ballot,
  type DotResult,
  type TallyRow
} from '$lib/domain/votes.ts';
import { cardsOf } from '$lib/scripts/cards.ts';
import type { Card, Script, Step } from '$lib/scripts/schema.ts';
import { brainstormColumns } from '$lib/scripts/stepColumns.ts';
import {
  deleteNote,
  insertNote,
  observeNotes,
  patchNote,
  readNoteById,
  readNotes
} from '$lib/sync/boardDoc.ts';
import { signFlow } from '$lib/sync/flowSigning.ts';
import { trustedFlow } from '$lib/sync/trustedFlow.ts';
import {
  localOrigin,
  type ConnectionStatus,
  type RoomConnection
} from '$lib/sync/RoomConnection.ts';
import type { FacilitatorIdentity } from '$lib/sync/roomAccess.ts';
import {
  deleteAction,
  deleteCluster,
  initSession,
  observeSession,
  readActions,
  readClusters,
  readPersonal,
  readScript,
  readTitle,
  writeAction,
  writeCluster,
  writeFlow,
  writePersonal
} from '$lib/sync/sessionDoc.ts';

/** A device seen in the room, for the network check. */
export interface SeenDevice extends Presence {
  readonly clientId: number;
  readonly lastSeen: number;
  readonly self: boolean;
}

export type ViewerRole = 'facilitator' | 'projector' | 'participant';

export interface LiveSessionOptions {
  readonly role: ViewerRole;
  /** This device's author id (public). */
  readonly author: string;
  readonly locale: Locale;
  /** Present on facilitators' devices: signs the flow. */
  readonly identity?: FacilitatorIdentity | undefined;
}

export type NoteRefusal = 'locked' | 'limit';
export type AddNoteResult = ReturnType<typeof checkNoteText> | { ok: false; error: NoteRefusal };

/**
 * One guided session as reactive state for the screens: the script, the facilitator's
 * (verified) flow, everyone's input, the connection and who is here; plus the changes a
 * person may make in their role. Rules live in the domain; the doc shape in sync.
 */
export class LiveSession {
  readonly #connection: RoomConnection;
  readonly #options: LiveSessionOptions;
  readonly #stop: (() => void)[] = [];
  // Replaced, never mutated: raw state holding immutable values is all Svelte needs here.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #notes = $state.raw<ReadonlyMap<string, Note>>(new Map());
  #script = $state.raw<Script | undefined>(undefined);
  #title = $state<string | undefined>(undefined);
  #flow = $state.raw<FlowState | undefined>(undefined);
  #clusters = $state.raw<readonly Cluster[]>([]);
  #actions = $state.raw<readonly Action[]>([]);
  #version = $state(0);
  #status = $state.raw<ConnectionStatus>({
    hub: 'connecting',
    peers: 0,
    pending: 0,
    storage: 'loading'
  });
  #devices = $state.raw<readonly SeenDevice[]>([]);

  constructor(connection: RoomConnection, options: LiveSessionOptions) {
    this.#connection = connection;
    this.#options = options;
    const { doc, awareness } = connection;
    this.#notes = readNotes(doc);
    this.#readSession();
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
      observeSession(doc, () => this.#readSession()),
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

  // ---- reading -------------------------------------------------------------------------

  get role(): ViewerRole {
    return this.#options.role;
  }

  get author(): string {
    return this.#options.author;
  }

  get locale(): Locale {
    return this.#options.locale;
  }

  get script(): Script | undefined {
    return this.#script;
  }

  /** The session's own title, as the facilitator named it. */
  get title(): string | undefined {
    return this.#title;
  }

  get flow(): FlowState | undefined {
    return this.#flow;
  }

  get step(): Step | undefined {
    return this.#script && this.#flow ? currentStep(this.#script, this.#flow) : undefined;
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  get devices(): readonly SeenDevice[] {
    return this.#devices;
  }

  get clusters(): readonly Cluster[] {
    return this.#clusters;
  }

  get actions(): readonly Action[] {
    return this.#actions;
  }

  get actor(): Actor {
    return { token: this.#options.author, facilitator: this.#options.role === 'facilitator' };
  }

  /** All notes of a step (whatever the viewer may see). */
  notesOf(stepId: string): Note[] {
    return [...this.#notes.values()].filter((note) => note.step === stepId).sort(compareNotes);
  }

  /** The notes this viewer sees: before a hidden brainstorm is revealed, a participant sees only their own. */
  visibleNotes(step: Step): Note[] {
    const notes = this.notesOf(step.id);
    if (!this.#flow || isRevealed(this.#flow, step)) return notes;
    if (this.#options.role === 'facilitator') return notes;
    if (this.#options.role === 'participant')
      return notes.filter((note) => note.author === this.author);
    return [];
  }

  /** The columns of a brainstorm step in the viewer's language (computed from a pick when the script says so). */
  columnsOf(step: Step): Column[] {
    return brainstormColumns(this.#script, step, this.locale, (pickStep) =>
      this.pickCounts(pickStep)
    );
  }

  /** The colour a note shows: its column's, never its writer's (anonymous must stay anonymous). */
  colourOf(note: Note): NoteColour {
    const step = this.#script?.steps.find((s) => s.id === note.step);
    const columns = step ? this.columnsOf(step) : [];
    const index = columns.findIndex((column) => column.id === note.column);
    return columnColour(Math.max(index, 0), columns.length);
  }

  /** Ideas of a vote's brainstorm that are in no group, and so not in a vote on groups. */
  looseIdeasOf(step: Step): Note[] {
    if (step.activity.type !== 'vote') return [];
    return looseIdeas(this.#notes.values(), this.#clusters, step.activity.source);
  }

  acceptsInput(step: Step): boolean {
    return this.#flow ? acceptsInput(this.#flow, step) : false;
  }

  /** How many notes this device wrote in a step. */
  ownNoteCount(stepId: string): number {
    return this.notesOf(stepId).filter((note) => note.author === this.author).length;
  }

  maxLengthOf(step: Step): number {
    return step.activity.type === 'brainstorm'
      ? (step.activity.maxLength ?? maxNoteLength)
      : maxNoteLength;
  }

  /** What a vote step is about: the source brainstorm's clusters, or its notes. */
  voteItemsOf(step: Step): VoteItem[] {
    if (step.activity.type !== 'vote') return [];
    return voteItems(this.#notes.values(), this.#clusters, step.activity.source);
  }

  ballotOf(step: Step): Ballot {
    void this.#version;
    if (step.activity.type !== 'vote') return {};
    const raw = readPersonal(this.#connection.doc, 'ballots', step.id).get(this.author);
    return validBallot(
      raw,
      step.activity,
      this.voteItemsOf(step).map((item) => item.id)
    );
  }

  tallyOf(step: Step): TallyRow[] {
    void this.#version;
    if (step.activity.type !== 'vote') return [];
    const items = this.voteItemsOf(step).map((item) => item.id);
    return tally(
      readPersonal(this.#connection.doc, 'ballots', step.id).values(),
      step.activity,
      items
    );
  }

  voterCount(step: Step): number {
    void this.#version;
    return readPersonal(this.#connection.doc, 'ballots', step.id).size;
  }

  cardsOf(step: Step): readonly Card[] {
    return step.activity.type === 'pick' ? cardsOf(step.activity.cards) : [];
  }

  picksOf(step: Step): string[] {
    void this.#version;
    if (step.activity.type !== 'pick') return [];
    const raw = readPersonal(this.#connection.doc, 'picks', step.id).get(this.author);
    return validPicks(
      raw,
      this.cardsOf(step).map((card) => card.id),
      step.activity.max
    );
  }

  pickCounts(step: Step): PickCount[] {
    void this.#version;
    if (step.activity.type !== 'pick') return [];
    const cards = this.cardsOf(step).map((card) => card.id);
    return countPicks(
      readPersonal(this.#connection.doc, 'picks', step.id).values(),
      cards,
      step.activity.max
    );
  }

  /** How many people picked cards in a pick step. */
  pickerCount(step: Step): number {
    void this.#version;
    return readPersonal(this.#connection.doc, 'picks', step.id).size;
  }

  /** Everyone's round answers (text only; who answered is never shown). */
  answersOf(step: Step): string[] {
    void this.#version;
    const max =
      step.activity.type === 'round'
        ? (step.activity.maxLength ?? defaultRoundLength)
        : defaultRoundLength;
    return [...readPersonal(this.#connection.doc, 'answers', step.id).values()].filter(
      (value): value is string => typeof value === 'string' && characterCount(value) <= max
    );
  }

  ownAnswer(step: Step): string | undefined {
    void this.#version;
    const value = readPersonal(this.#connection.doc, 'answers', step.id).get(this.author);
    return typeof value === 'string' ? value : undefined;
  }

  mayEdit(note: Note): boolean {
    return canEdit(note, this.actor);
  }

  mayDelete(note: Note): boolean {
    return canDelete(note, this.actor);
  }

  mayArrange(note: Note): boolean {
    return canArrange(note, this.actor);
  }

  // ---- participant input -----------------------------------------------------------------

  addNote(
    step: Step,
    input: { column: string; text: string; colour: NoteColour; authorName?: string | undefined }
  ): AddNoteResult {
    const activity = step.activity;
    if (activity.type !== 'brainstorm') return { ok: false, error: 'locked' };
    const facilitator = this.#options.role === 'facilitator';
    if (!facilitator && !this.acceptsInput(step)) return { ok: false, error: 'locked' };
    const check = checkNoteText(input.text, this.maxLengthOf(step));
    if (!check.ok) return check;
    if (
      !facilitator &&
      activity.maxNotesPerPerson !== undefined &&
      this.ownNoteCount(step.id) >= activity.maxNotesPerPerson
    ) {
      return { ok: false, error: 'limit' };
    }
    const doc = this.#connection.doc;
    const columnNotes = this.notesOf(step.id);
    doc.transact(() => {
      insertNote(doc, {
        id: randomId(),
        step: step.id,
        column: input.column,
        text: check.text,
        colour: input.colour,
        author: this.author,
        // A brainstorm is anonymous unless the script says names help.
        authorName: activity.anonymous ? undefined : input.authorName,
        position: positionAtEnd(columnNotes, input.column),
        created: Date.now()
      });
    }, localOrigin);
    return check;
  }

  editNote(id: string, text: string): ReturnType<typeof checkNoteText> | undefined {
    const note = this.#notes.get(id);
    if (!note || !canEdit(note, this.actor)) return undefined;
    const check = checkNoteText(text);
    if (check.ok) this.#transact(() => patchNote(this.#connection.doc, id, { text: check.text }));
    return check;
  }

  /** Moves a note to the end of another column of its step. */
  moveNote(id: string, column: string): void {
    const note = this.#notes.get(id);
    if (!note || note.column === column || !canArrange(note, this.actor)) return;
    const position = positionAtEnd(this.notesOf(note.step), column);
    this.#transact(() => patchNote(this.#connection.doc, id, { column, position }));
  }

  removeNote(id: string): boolean {
    const note = this.#notes.get(id);
    if (!note || !canDelete(note, this.actor)) return false;
    this.#transact(() => deleteNote(this.#connection.doc, id));
    return true;
  }

  addDot(step: Step, itemId: string): DotResult {
    if (step.activity.type !== 'vote' || !this.acceptsInput(step))
      return { ok: false, reason: 'noDotsLeft' };
    const items = this.voteItemsOf(step).map((item) => item.id);
    const result = addDot(this.ballotOf(step), itemId, step.activity, items);
    if (result.ok) this.#writePersonal('ballots', step, result.ballot);
    return result;
  }

  removeDot(step: Step, itemId: string): void {
    if (step.activity.type !== 'vote' || !this.acceptsInput(step)) return;
    this.#writePersonal('ballots', step, removeDot(this.ballotOf(step), itemId));
  }

  togglePick(step: Step, cardId: string): PickResult {
    if (step.activity.type !== 'pick' || !this.acceptsInput(step))
      return { ok: false, reason: 'tooMany' };
    const result = togglePick(this.picksOf(step), cardId, step.activity.max);
    if (result.ok) this.#writePersonal('picks', step, result.picked);
    return result;
  }

  setAnswer(step: Step, text: string): AnswerCheck | { ok: false; error: 'locked' } {
    if (step.activity.type !== 'round' || !this.acceptsInput(step))
      return { ok: false, error: 'locked' };
    const check = checkAnswer(text, step.activity.maxLength);
    if (check.ok) this.#writePersonal('answers', step, check.answer);
    return check;
  }

  // ---- facilitator -------------------------------------------------------------------------

  /** Starts a session on a facilitator's device: the script and the first flow, once. */
  start(title: string, script: Script): void {
    const identity = this.#options.identity;
    if (!identity) return;
    initSession(this.#connection.doc, title, script, toBase32(identity.publicKey));
    this.#readSession();
    if (!this.#flow && this.#script) this.#writeFlow(initialFlow(this.#script));
  }

  /** Steers the session (facilitators only). */
  steer(action: FlowAction): void {
    if (!this.#options.identity || !this.#script || !this.#flow) return;
    const next = applyFlow(this.#script, this.#flow, action, Date.now());
    if (next !== this.#flow) this.#writeFlow(next);
  }

  /** Makes a group for a brainstorm's notes; within one column when the brainstorm has several. */
  createCluster(stepId: string, name: string, column?: string): string | undefined {
    const clean = name.replace(/\s+/g, ' ').trim();
    if (!this.#isFacilitator() || !clean || characterCount(clean) > maxClusterNameLength)
      return undefined;
    const id = randomId();
    const position =
      Math.max(0, ...this.#clusters.filter((c) => c.stepId === stepId).map((c) => c.position)) + 1;
    this.#transact(() =>
      writeCluster(this.#connection.doc, { id, stepId, column, name: clean, position })
    );
    return id;
  }

  renameCluster(id: string, name: string): boolean {
    const cluster = this.#clusters.find((c) => c.id === id);
    const clean = name.replace(/\s+/g, ' ').trim();
    if (
      !this.#isFacilitator() ||
      !cluster ||
      !clean ||
      characterCount(clean) > maxClusterNameLength
    )
      return false;
    this.#transact(() => writeCluster(this.#connection.doc, { ...cluster, name: clean }));
    return true;
  }

  removeCluster(id: string): void {
    if (!this.#isFacilitator()) return;
    const doc = this.#connection.doc;
    this.#transact(() => {
      for (const note of this.#notes.values())
        if (note.cluster === id) patchNote(doc, note.id, { cluster: null });
      deleteCluster(doc, id);
    });
  }

  /** Puts a note in a cluster (or, with null, takes it out). */
  assignCluster(noteId: string, clusterId: string | null): void {
    const note = this.#notes.get(noteId);
    if (!note || !canArrange(note, this.actor) || !this.#isFacilitator()) return;
    const cluster = clusterId ? this.#clusters.find((c) => c.id === clusterId) : undefined;
    // A group keeps to its column: a weakness never lands in a group of strengths.
    if (cluster?.column !== undefined && cluster.column !== note.column) return;
    this.#transact(() => patchNote(this.#connection.doc, noteId, { cluster: clusterId }));
  }

  /**
   * Lets every idea of a brainstorm that is in no group be voted on by itself: each becomes a
   * group of its own, named after it, in its own column.
   */
  groupLooseIdeas(stepId: string): void {
    if (!this.#isFacilitator()) return;
    const doc = this.#connection.doc;
    let position = Math.max(
      0,
      ...this.#clusters.filter((c) => c.stepId === stepId).map((c) => c.position)
    );
    const plan = soloGroups(looseIdeas(this.#notes.values(), this.#clusters, stepId));
    this.#transact(() => {
      for (const solo of plan) {
        const id = randomId();
        position += 1;
        writeCluster(doc, { id, stepId, column: solo.column, name: solo.name, position });
        patchNote(doc, solo.noteId, { cluster: id });
      }
    });
  }

  addAction(stepId: string, input: { what: string; who: string; when: string }): ActionCheck {
    const check = checkAction(input);
    if (!check.ok || !this.#isFacilitator()) return check;
    const position = Math.max(0, ...this.#actions.map((a) => a.position)) + 1;
    this.#transact(() =>
      writeAction(this.#connection.doc, { id: randomId(), stepId, position, ...check.action })
    );
    return check;
  }

  removeAction(id: string): void {
    if (this.#isFacilitator()) this.#transact(() => deleteAction(this.#connection.doc, id));
  }

  destroy(): void {
    for (const stop of this.#stop.splice(0)) stop();
  }

  // ---- internals ---------------------------------------------------------------------------

  #isFacilitator(): boolean {
    return this.#options.role === 'facilitator' && this.#options.identity !== undefined;
  }

  #transact(change: () => void): void {
    this.#connection.doc.transact(change, localOrigin);
  }

  #writePersonal(root: 'ballots' | 'picks' | 'answers', step: Step, value: unknown): void {
    this.#transact(() => writePersonal(this.#connection.doc, root, step.id, this.author, value));
  }

  #writeFlow(state: FlowState): void {
    const identity = this.#options.identity;
    if (!identity) return;
    const signed = signFlow(state, this.#connection.secrets.roomId, identity.secretKey);
    this.#transact(() => writeFlow(this.#connection.doc, signed));
  }

  #readSession(): void {
    const doc = this.#connection.doc;
    this.#script = readScript(doc);
    this.#title = readTitle(doc);
    this.#clusters = readClusters(doc);
    this.#actions = readActions(doc);
    const { roomId, verifier } = this.#connection.secrets;
    this.#flow = trustedFlow(doc, roomId, verifier, this.#flow);
    this.#version += 1;
  }
}
