import type { SignedFirstIdea } from '$lib/model/firstIdea.ts';
import type { Action, ActionCheck } from '$lib/domain/actions.ts';
import { shortId, toBase32 } from '$lib/domain/ids.ts';
import { checkNoteText, type Column, type Note } from '$lib/domain/board.ts';
import type { Cluster, VoteItem } from '$lib/domain/clusters.ts';
import type { Locale } from '$lib/domain/locale.ts';
import type { SeenDevice } from '$lib/domain/participant.ts';
import type { PickCount, PickResult } from '$lib/domain/picks.ts';
import type { AnswerCheck } from '$lib/domain/rounds.ts';
import type { Ballot, DotResult, TallyRow } from '$lib/domain/votes.ts';
import type { FlowAction, FlowState } from '$lib/model/flow.ts';
import { may, type CarryInput, type Command, type Decision } from '$lib/model/decide.ts';
import { soloGroupCommands } from '$lib/model/looseIdeas.ts';
import type { AgreementStatus } from '$lib/model/records.ts';
import type { CarriedItem, SessionView, ViewerRole } from '$lib/model/view.ts';
import type { Card, Script, Step } from '$lib/scripts/schema.ts';
import type { SessionClient } from '$lib/sync/SessionClient.ts';
import type { ConnectionStatus, RoomConnection } from '$lib/sync/RoomConnection.ts';
import type { SessionRecords } from '$lib/sync/SessionRecords.ts';

import { RoomPresence } from './RoomPresence.svelte.ts';

export type { ViewerRole };

export type NoteRefusal = 'locked' | 'limit';
export type AddNoteResult = ReturnType<typeof checkNoteText> | { ok: false; error: NoteRefusal };

/**
 * One guided session as reactive state for the screens: a thin holder around the session
 * client (sync/SessionClient.ts), whose view (model/view.ts) is replaced whenever a checked
 * record changes, and whose rules (model/decide.ts) judge every command. Screens read the
 * view through the getters below and act through the methods; no rule lives here.
 */
export class LiveSession {
  readonly #client: SessionClient;
  readonly #records: SessionRecords;
  readonly #locale: Locale;
  readonly #stop: (() => void)[] = [];
  #view = $state.raw<SessionView>(undefined as unknown as SessionView);
  #status = $state.raw<ConnectionStatus>({
    hub: 'connecting',
    peers: 0,
    pending: 0,
    storage: 'loading'
  });
  readonly #presence: RoomPresence;
  #newerSchema = $state<number | undefined>(undefined);
  #caughtUp = $state(false);

  constructor(
    connection: RoomConnection,
    records: SessionRecords,
    client: SessionClient,
    locale: Locale
  ) {
    this.#records = records;
    this.#client = client;
    this.#locale = locale;
    this.#view = client.view;
    this.#stop.push(
      records.subscribe(() => this.#refresh()),
      connection.subscribe((status) => (this.#status = status))
    );
    this.#presence = new RoomPresence(connection.awareness);
    this.#stop.push(() => this.#presence.destroy());
    void connection
      .whenCaughtUp()
      .then(() => records.settled())
      .then(() => (this.#caughtUp = true));
  }

  #refresh(): void {
    this.#view = this.#client.view;
    this.#newerSchema = this.#records.newerSchema;
  }

  #run(command: Command): Decision {
    const decision = this.#client.run(command);
    if (decision.ok) this.#refresh();
    return decision;
  }

  #may(command: Command): boolean {
    return may(this.#client.actor, command, this.#view);
  }

  // ---- reading -------------------------------------------------------------------------

  /** The whole view, for components that read several parts at once. */
  get view(): SessionView {
    return this.#view;
  }

  get role(): ViewerRole {
    return this.#client.actor.role;
  }

  get locale(): Locale {
    return this.#locale;
  }

  get script(): Script | undefined {
    return this.#view.script;
  }

  /** The session's own title, as the facilitator named it. */
  get title(): string | undefined {
    return this.#view.title;
  }

  get flow(): FlowState | undefined {
    return this.#view.flow;
  }

  get step(): Step | undefined {
    return this.#view.step;
  }

  /**
   * Whether this device has caught up with the room (its own copy and the hub's, checked):
   * ideas on screen by then were already there; later ones have just arrived.
   */
  get caughtUp(): boolean {
    return this.#caughtUp;
  }

  /** Resolves once every change seen so far is checked and in the view. */
  settled(): Promise<void> {
    return this.#records.settled();
  }

  /** Set when the session was written by a newer version of Kring (not shown here). */
  get newerSchema(): number | undefined {
    return this.#newerSchema;
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** Devices in the room, one per device and role (see trackDevices). */
  get devices(): readonly SeenDevice[] {
    return this.#presence.devices;
  }

  /** Every group of every step. */
  get clusters(): readonly Cluster[] {
    return (this.#view.script?.steps ?? []).flatMap((step) => this.#view.clustersOf(step.id));
  }

  /** Every agreement, in order. */
  get actions(): readonly Action[] {
    return this.#view.actionsOf();
  }

  notesOf(stepId: string): readonly Note[] {
    return this.#view.notesOf(stepId);
  }

  visibleNotes(step: Step): readonly Note[] {
    return this.#view.visibleNotes(step);
  }

  columnsOf(step: Step): Column[] {
    return this.#view.columnsOf(step);
  }

  acceptsInput(step: Step): boolean {
    return this.#view.acceptsInput(step);
  }

  ownNoteCount(stepId: string): number {
    return this.#view.ownNoteCount(stepId);
  }

  maxLengthOf(step: Step): number {
    return this.#view.maxLengthOf(step);
  }

  voteItemsOf(step: Step): VoteItem[] {
    return this.#view.voteItemsOf(step);
  }

  /** Ideas of a vote's source brainstorm that are in no group while it has groups. */
  ungroupedOf(step: Step): readonly Note[] {
    return this.#view.ungroupedOf(step);
  }

  /** People whose input counts in a step (ballots, picks, answers, idea writers). */
  contributorsOf(step: Step): number {
    return this.#view.contributorsOf(step.id);
  }

  ballotOf(step: Step): Ballot {
    return this.#view.ballotOf(step);
  }

  tallyOf(step: Step): TallyRow[] {
    return this.#view.tallyOf(step);
  }

  voterCount(step: Step): number {
    return this.#view.voterCount(step);
  }

  cardsOf(step: Step): readonly Card[] {
    return this.#view.cardsOf(step);
  }

  picksOf(step: Step): string[] {
    return this.#view.picksOf(step);
  }

  pickCounts(step: Step): PickCount[] {
    return this.#view.pickCounts(step);
  }

  answersOf(step: Step): string[] {
    return this.#view.answersOf(step);
  }

  ownAnswer(step: Step): string | undefined {
    return this.#view.ownAnswer(step);
  }

  mayEdit(note: Note): boolean {
    return !note.byFacilitator || this.role === 'facilitator'
      ? this.#may({ type: 'editNote', noteId: note.id, text: note.text })
      : false;
  }

  mayDelete(note: Note): boolean {
    return this.#may({ type: 'removeNote', noteId: note.id });
  }

  mayArrange(note: Note): boolean {
    return this.#may({ type: 'moveNote', noteId: note.id, column: note.column });
  }

  // ---- participant input -----------------------------------------------------------------

  addNote(
    step: Step,
    input: { column: string; text: string; authorName?: string | undefined }
  ): AddNoteResult {
    const decision = this.#run({
      type: 'addNote',
      stepId: step.id,
      id: shortId(),
      column: input.column,
      text: input.text,
      name: input.authorName,
      now: Date.now()
    });
    if (decision.ok) return checkNoteText(input.text, this.maxLengthOf(step));
    if (decision.reason === 'empty' || decision.reason === 'tooLong')
      return { ok: false, error: decision.reason, length: decision.length ?? 0 };
    return { ok: false, error: decision.reason === 'limit' ? 'limit' : 'locked' };
  }

  /** A first idea signed and sent before the session loaded (SessionClient.adoptEntry). */
  adoptFirstIdea(signed: SignedFirstIdea): boolean {
    const adopted = this.#client.adoptEntry(signed);
    if (adopted) this.#refresh();
    return adopted;
  }

  editNote(id: string, text: string): ReturnType<typeof checkNoteText> | undefined {
    const decision = this.#run({ type: 'editNote', noteId: id, text });
    if (decision.ok || decision.reason === 'noChange') return checkNoteText(text);
    if (decision.reason === 'empty' || decision.reason === 'tooLong')
      return { ok: false, error: decision.reason, length: decision.length ?? 0 };
    return undefined;
  }

  /** Moves a note to the end of another column of its step. */
  moveNote(id: string, column: string): void {
    this.#run({ type: 'moveNote', noteId: id, column });
  }

  removeNote(id: string): boolean {
    return this.#run({ type: 'removeNote', noteId: id }).ok;
  }

  addDot(step: Step, itemId: string): DotResult {
    const decision = this.#run({ type: 'addDot', stepId: step.id, itemId });
    if (decision.ok) return { ok: true, ballot: this.ballotOf(step) };
    const reason = decision.reason;
    return {
      ok: false,
      reason: reason === 'itemFull' || reason === 'unknownItem' ? reason : 'noDotsLeft'
    };
  }

  removeDot(step: Step, itemId: string): void {
    this.#run({ type: 'removeDot', stepId: step.id, itemId });
  }

  togglePick(step: Step, cardId: string): PickResult {
    const decision = this.#run({ type: 'togglePick', stepId: step.id, cardId });
    return decision.ok
      ? { ok: true, picked: this.picksOf(step) }
      : { ok: false, reason: 'tooMany' };
  }

  setAnswer(step: Step, text: string): AnswerCheck | { ok: false; error: 'locked' } {
    const decision = this.#run({ type: 'setAnswer', stepId: step.id, text });
    if (decision.ok) return { ok: true, answer: this.ownAnswer(step) ?? text.trim() };
    if (decision.reason === 'empty' || decision.reason === 'tooLong')
      return { ok: false, error: decision.reason, length: decision.length ?? 0 };
    return { ok: false, error: 'locked' };
  }

  // ---- facilitator -------------------------------------------------------------------------

  /** Starts a session on a facilitator's device: the signed session record and first flow, once. */
  start(title: string, script: Script, facilitatorPublicKey: Uint8Array): void {
    this.#run({ type: 'start', title, script, facilitatorKey: toBase32(facilitatorPublicKey) });
  }

  /** Steers the session (facilitators only). */
  steer(action: FlowAction): void {
    this.#run({ type: 'steer', action, now: Date.now() });
  }

  /** Makes a group for a brainstorm's notes; within one column when the brainstorm has several. */
  createCluster(stepId: string, name: string, column?: string): string | undefined {
    const id = shortId();
    return this.#run({ type: 'createCluster', stepId, id, name, column }).ok ? id : undefined;
  }

  renameCluster(id: string, name: string): boolean {
    return this.#run({ type: 'renameCluster', clusterId: id, name }).ok;
  }

  removeCluster(id: string): void {
    this.#run({ type: 'removeCluster', clusterId: id });
  }

  /** Puts a note in a group (or, with null, takes it out). */
  assignCluster(noteId: string, clusterId: string | null): void {
    this.#run({ type: 'assignCluster', noteId, clusterId });
  }

  /**
   * Lets every idea a vote would leave out (in no group of its brainstorm) be voted on by
   * itself: each becomes a group of its own, named after it, in its own column.
   */
  groupLooseIdeas(voteStep: Step): void {
    for (const command of soloGroupCommands(this.#view, voteStep, shortId)) this.#run(command);
  }

  addAction(stepId: string, input: { what: string; who: string; when: string }): ActionCheck {
    const decision = this.#run({ type: 'addAction', stepId, id: shortId(), ...input });
    if (decision.ok) {
      const added = this.actions.at(-1);
      return {
        ok: true,
        action: {
          what: added?.what ?? input.what,
          who: added?.who ?? input.who,
          when: added?.when ?? input.when
        }
      };
    }
    return {
      ok: false,
      field: decision.field ?? 'what',
      error: decision.reason === 'tooLong' ? 'tooLong' : 'empty'
    };
  }

  removeAction(id: string): void {
    this.#run({ type: 'removeAction', actionId: id });
  }

  /** What a step carries from earlier sessions of the track. */
  carriedOf(stepId: string): readonly CarriedItem[] {
    return this.#view.carriedOf(stepId);
  }

  /** Writes what the facilitator chose to carry into this session (nothing twice). */
  carry(items: readonly CarryInput[]): boolean {
    return this.#run({ type: 'carry', items, now: Date.now() }).ok;
  }

  /** Marks how a carried agreement is doing; the reason when it is refused. */
  reviewAgreement(stepId: string, itemId: string, status: AgreementStatus, note: string): Decision {
    return this.#run({ type: 'reviewAgreement', stepId, itemId, status, note });
  }

  destroy(): void {
    for (const stop of this.#stop.splice(0)) stop();
    this.#client.destroy();
    this.#records.destroy();
  }
}
