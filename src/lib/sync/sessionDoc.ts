import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type * as Y from 'yjs';
import type { Action } from '../domain/actions.ts';
import type { Cluster } from '../domain/clusters.ts';
import type { FlowState } from '../domain/flow.ts';
import { toBase32 } from '../domain/ids.ts';
import type { Script } from '../scripts/schema.ts';
import { readScriptShape } from '../scripts/scriptShape.ts';
import { canonicalJson } from './canonicalJson.ts';
import type { SignedFlow } from './flowSigning.ts';

/*
 * The guided session's parts of a session's Y.Doc (notes live in boardDoc.ts):
 *   session:  Y.Map { title, script: Script, publicKey: base32 } written by a facilitator
 *   flow:     Y.Map "<seq, zero-padded>.<digest>" -> SignedFlow  signed by the facilitator
 *   clusters: Y.Map clusterId -> { stepId, column?, name, position }  facilitator
 *   actions:  Y.Map actionId -> { stepId, what, who, when, position }  facilitator
 *   ballots:  Y.Map "<step>/<author>" -> { itemId: dots }         each person their own
 *   picks:    Y.Map "<step>/<author>" -> cardId[]                  each person their own
 *   answers:  Y.Map "<step>/<author>" -> string                    each person their own
 * Per-person entries are keyed by author so that two people never write the same key,
 * and the hub can check that a participant writes only its own.
 */

export const sessionRoots = [
  'session',
  'flow',
  'clusters',
  'actions',
  'ballots',
  'picks',
  'answers'
] as const;
export type PersonalRoot = 'ballots' | 'picks' | 'answers';

/** The key of a person's entry for a step. */
export function personalKey(stepId: string, author: string): string {
  return `${stepId}/${author}`;
}

/** Splits a personal key; undefined when it is not one. */
export function splitPersonalKey(key: string): { stepId: string; author: string } | undefined {
  const slash = key.lastIndexOf('/');
  if (slash <= 0 || slash === key.length - 1) return undefined;
  return { stepId: key.slice(0, slash), author: key.slice(slash + 1) };
}

/** The session's script, if it is one (the same rules as the schema; see scriptShape.ts). */
export function readScript(doc: Y.Doc): Script | undefined {
  return readScriptShape(doc.getMap('session').get('script'));
}

export function readTitle(doc: Y.Doc): string | undefined {
  const value = doc.getMap('session').get('title');
  return typeof value === 'string' ? value : undefined;
}

export function readPublicKey(doc: Y.Doc): string | undefined {
  const value = doc.getMap('session').get('publicKey');
  return typeof value === 'string' ? value : undefined;
}

/** Puts the title, script and facilitator's public key into a new session (kept if present). */
export function initSession(doc: Y.Doc, title: string, script: Script, publicKey: string): void {
  const session = doc.getMap<unknown>('session');
  doc.transact(() => {
    if (!session.has('title')) session.set('title', title);
    if (!session.has('script')) session.set('script', script);
    if (!session.has('publicKey')) session.set('publicKey', publicKey);
  });
}

/**
 * Stored flow states, newest first. Each state has its own key (see signedFlowKey), so
 * two facilitator devices that start or steer at the same time never overwrite each
 * other: readers take the newest state that carries a valid signature.
 */
export function readStoredFlows(doc: Y.Doc): unknown[] {
  const flow = doc.getMap<unknown>('flow');
  return [...flow.keys()]
    .sort()
    .reverse()
    .map((key) => flow.get(key));
}

const keepFlowStates = 20;

export function flowKey(seq: number): string {
  return String(seq).padStart(10, '0');
}

/**
 * The key a signed state is stored under: its sequence number, so keys sort by it, and a
 * digest of the state with its signature, so no other value has it. Under the number alone
 * (or with the signature alone, which a tampered state keeps), a state a peer forged could
 * take the key of a facilitator's state and replace it, or win when both arrive at once:
 * Yjs keeps one value per key.
 */
export function signedFlowKey(signed: SignedFlow): string {
  const digest = sha256(utf8ToBytes(canonicalJson(signed)));
  return `${flowKey(signed.state.seq)}.${toBase32(digest).slice(0, 16)}`;
}

/** Whether a signed state is stored under its own key (older versions used the number alone). */
export function isOwnFlowKey(key: string, signed: SignedFlow): boolean {
  return key === signedFlowKey(signed) || key === flowKey(signed.state.seq);
}

/** Stores a new flow state and drops states long superseded. */
export function writeFlow(doc: Y.Doc, signed: SignedFlow): void {
  const flow = doc.getMap<unknown>('flow');
  const key = signedFlowKey(signed);
  doc.transact(() => {
    flow.set(key, signed);
    // Only keys before the new one go: a forged state with a higher number must not push
    // the facilitator's newest state out.
    const older = [...flow.keys()].filter((other) => other < key).sort();
    for (const old of older.slice(0, -(keepFlowStates - 1))) flow.delete(old);
  });
}

function isText(value: unknown): value is string {
  return typeof value === 'string';
}

export function readClusters(doc: Y.Doc): Cluster[] {
  const clusters: Cluster[] = [];
  doc.getMap<unknown>('clusters').forEach((value, id) => {
    const { stepId, name, position, column } = (value ?? {}) as Record<string, unknown>;
    if (isText(stepId) && isText(name) && typeof position === 'number') {
      clusters.push({ id, stepId, name, position, column: isText(column) ? column : undefined });
    }
  });
  return clusters;
}

export function writeCluster(doc: Y.Doc, cluster: Cluster): void {
  const { id, column, ...rest } = cluster;
  doc.getMap<unknown>('clusters').set(id, column === undefined ? rest : { ...rest, column });
}

export function deleteCluster(doc: Y.Doc, id: string): void {
  doc.getMap('clusters').delete(id);
}

export function readActions(doc: Y.Doc): Action[] {
  const actions: Action[] = [];
  doc.getMap<unknown>('actions').forEach((value, id) => {
    const { stepId, what, who, when, position } = (value ?? {}) as Record<string, unknown>;
    if (
      isText(stepId) &&
      isText(what) &&
      isText(who) &&
      isText(when) &&
      typeof position === 'number'
    ) {
      actions.push({ id, stepId, what, who, when, position });
    }
  });
  return actions.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
}

export function writeAction(doc: Y.Doc, action: Action): void {
  const { id, ...rest } = action;
  doc.getMap<unknown>('actions').set(id, rest);
}

export function deleteAction(doc: Y.Doc, id: string): void {
  doc.getMap('actions').delete(id);
}

/** Every person's entry for a step, as stored (validated by the domain when counted). */
export function readPersonal(doc: Y.Doc, root: PersonalRoot, stepId: string): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  doc.getMap<unknown>(root).forEach((value, key) => {
    const parts = splitPersonalKey(key);
    if (parts?.stepId === stepId) entries.set(parts.author, value);
  });
  return entries;
}

export function writePersonal(
  doc: Y.Doc,
  root: PersonalRoot,
  stepId: string,
  author: string,
  value: unknown
): void {
  doc.getMap<unknown>(root).set(personalKey(stepId, author), value);
}

/** Calls back after any change to the guided-session parts of the doc. */
export function observeSession(doc: Y.Doc, onChange: () => void): () => void {
  const maps = sessionRoots.map((name) => doc.getMap(name));
  const handler = (): void => onChange();
  for (const map of maps) map.observe(handler);
  return () => {
    for (const map of maps) map.unobserve(handler);
  };
}

export type { FlowState };
