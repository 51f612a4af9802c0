import * as Y from 'yjs';
import type { FlowState } from '../../../src/lib/model/flow.ts';

/*
 * The from-scratch record the oracle checks against: which notes were made, which fields were
 * written (with the Yjs item each write created and what the writer had seen), and which
 * deletes were made. It never reads a synced doc to decide what should be there.
 */

/** A field value written to a note, at creation or by a later edit. */
export interface FieldWrite {
  readonly note: string;
  readonly field: string;
  readonly value: unknown;
  /** The Yjs item that holds this value in the note's map. */
  readonly item: Y.ID;
  /** The writer's state vector just before the write: what it had seen. */
  readonly seen: ReadonlyMap<number, number>;
  readonly device: number;
  readonly step: number;
}

export interface NoteRecord {
  readonly id: string;
  readonly author: number;
  /** The item holding the note's map in `notes`: present until deleted. */
  readonly item: Y.ID;
  readonly step: number;
}

export interface DeleteRecord {
  readonly note: string;
  readonly device: number;
  readonly target: Y.ID;
  readonly step: number;
}

/** A flow state a facilitator's device signed and stored. */
export interface SignedRecord {
  readonly state: FlowState;
  /** canonicalJson of the state: how the oracle recognises it on a device. */
  readonly canonical: string;
  readonly key: string;
  readonly item: Y.ID;
  readonly device: number;
  readonly step: number;
}

/** A whole-value entry of the guided session, one Y.Map key each. */
export type EntryRoot = 'clusters' | 'ballots' | 'picks' | 'answers';

export interface EntryWrite {
  readonly root: EntryRoot;
  readonly key: string;
  readonly value: unknown;
  readonly item: Y.ID;
  readonly seen: ReadonlyMap<number, number>;
  readonly device: number;
  readonly step: number;
}

export interface EntryDelete {
  readonly root: EntryRoot;
  readonly key: string;
  readonly target: Y.ID;
  readonly device: number;
  readonly step: number;
}

/** A flow state a hostile device wrote: forged, unsigned, tampered or replayed. */
export interface Forgery {
  readonly kind: string;
  readonly key: string;
  readonly device: number;
  readonly step: number;
}

export class Model {
  readonly notes = new Map<string, NoteRecord>();
  readonly writes: FieldWrite[] = [];
  readonly deletes: DeleteRecord[] = [];
  readonly signed: SignedRecord[] = [];
  readonly entryWrites: EntryWrite[] = [];
  readonly entryDeletes: EntryDelete[] = [];
  readonly forgeries: Forgery[] = [];
}

/** The Yjs item that currently holds `key` in `map`. */
export function itemOf(map: Y.Map<unknown>, key: string): Y.ID | undefined {
  return map._map.get(key)?.id;
}

export function stateVector(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

/** Whether a state vector (or snapshot) covers an item. */
export function covers(stateVector: ReadonlyMap<number, number>, id: Y.ID): boolean {
  return id.clock < (stateVector.get(id.client) ?? 0);
}
