import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { fromBase32 } from '../../lib/domain/ids.ts';
import { verifyFlow, type SignedFlow } from '../../lib/sync/flowSigning.ts';
import { verifierOf } from '../../lib/sync/roomAccess.ts';
import { isOwnFlowKey } from '../../lib/sync/sessionDoc.ts';
import type { ConnectionRole } from './roomToken.ts';

/*
 * What the hub refuses from a participant connection, before it is applied or stored.
 *
 * Devices form a mesh: a phone passes on what it received from peers, and after the hub was
 * down every phone's first sync carries everyone's changes. Yjs updates carry no per-author
 * signature, so the hub cannot tell a participant's own change from one it forwards; rules
 * on who wrote a note or a ballot would cut honest phones off (and deadlock a room after a
 * hub restart). The hub therefore enforces what it can verify from the content itself:
 *   - flow states must carry a valid signature by the facilitator whose key fingerprint is
 *     in the room key (so nobody but a facilitator can steer: advance, reveal, open or close
 *     a vote, lock input, spotlight), stored under their own key (so an old one cannot be
 *     replayed in place of the newest), and may only be pruned once a newer one is stored;
 *   - the session's title, script and public key are written once; a public key must have
 *     the room's fingerprint.
 * Everything else a participant may write, as peers may: see docs/SECURITY.md.
 */

export type RuleCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

type Id = { readonly client: number; readonly clock: number };

/** Where a change lands: the root map and its key (one level is all the rules need). */
type Place = { readonly root: string; readonly key: string; readonly depth: number };

function isId(value: unknown): value is Id {
  return typeof value === 'object' && value !== null && 'client' in value && 'clock' in value;
}

/**
 * The update's structs by client, sorted by clock, for lookups in O(log n): an item, or
 * `'collected'` where the update carries only garbage (deleted content) for that id.
 */
function indexUpdate(
  structs: readonly (Y.Item | Y.GC | Y.AbstractStruct)[]
): (id: Id) => Y.Item | 'collected' | undefined {
  const byClient = new Map<number, (Y.Item | Y.GC)[]>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) && !(struct instanceof Y.GC)) continue;
    let list = byClient.get(struct.id.client);
    if (!list) byClient.set(struct.id.client, (list = []));
    list.push(struct);
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  return (id) => {
    const list = byClient.get(id.client);
    if (!list) return undefined;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const struct = list[middle] as Y.Item | Y.GC;
      if (id.clock < struct.id.clock) high = middle - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = middle + 1;
      else return struct instanceof Y.Item ? struct : 'collected';
    }
    return undefined;
  };
}

/**
 * Per client, the clock up to which the hub's doc and this update together hold every struct.
 * Yjs integrates an item only when everything its author wrote before it is there; an item
 * past a gap waits as pending, changing nothing.
 */
function contiguousClocks(
  doc: Y.Doc,
  structs: readonly (Y.Item | Y.GC | Y.AbstractStruct)[]
): Map<number, number> {
  const byClient = new Map<number, Y.AbstractStruct[]>();
  for (const struct of structs) {
    let list = byClient.get(struct.id.client);
    if (!list) byClient.set(struct.id.client, (list = []));
    list.push(struct);
  }
  const reach = new Map<number, number>();
  for (const [client, list] of byClient) {
    let clock = Y.getState(doc.store, client);
    for (const struct of list.sort((a, b) => a.id.clock - b.id.clock)) {
      if (struct instanceof Y.Skip || struct.id.clock > clock) break;
      clock = Math.max(clock, struct.id.clock + struct.length);
    }
    reach.set(client, clock);
  }
  return reach;
}

/** An item already in the hub's doc, or undefined. */
function storedItem(doc: Y.Doc, id: Id): Y.Item | undefined {
  if (Y.getState(doc.store, id.client) <= id.clock) return undefined;
  const struct = Y.getItem(doc.store, Y.createID(id.client, id.clock));
  return struct instanceof Y.Item ? struct : undefined;
}

function storedPlace(item: Y.Item, depth = 0): Place | undefined {
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType) || depth > 16) return undefined;
  if (parent._item === null)
    return { root: Y.findRootTypeKey(parent), key: item.parentSub ?? '', depth };
  return storedPlace(parent._item, depth + 1);
}

/** An incoming item that lands on content the hub has already collected as garbage. */
const gone: Place = { root: '', key: '', depth: -1 };

/** Whether the hub once held this id but has garbage-collected it (deleted content). */
function collected(doc: Y.Doc, id: Id): boolean {
  return Y.getState(doc.store, id.client) > id.clock && !storedItem(doc, id);
}

/**
 * The place of an incoming item, resolving references to the hub's doc or the update itself.
 * Items built on collected content are integrated as deleted by Yjs: they change nothing.
 */
function incomingPlace(
  doc: Y.Doc,
  item: Y.Item,
  find: (id: Id) => Y.Item | 'collected' | undefined,
  depth = 0
): Place | undefined {
  if (depth > 16) return undefined;
  const parent: unknown = item.parent;
  if (typeof parent === 'string') return { root: parent, key: item.parentSub ?? '', depth };
  const locate = (id: Id): Place | undefined => {
    if (collected(doc, id)) return gone;
    const stored = storedItem(doc, id);
    if (stored) return storedPlace(stored, depth + (isId(parent) ? 1 : 0));
    const local = find(id);
    if (local === 'collected') return gone;
    return local ? incomingPlace(doc, local, find, depth + (isId(parent) ? 1 : 0)) : undefined;
  };
  if (isId(parent)) return locate(parent);
  // No parent written: the item continues its left or right neighbour, same place.
  const neighbour = item.origin ?? item.rightOrigin;
  return neighbour ? locate(neighbour) : undefined;
}

function contentValue(item: Y.Item): unknown {
  return item.content instanceof Y.ContentAny ? item.content.arr[0] : undefined;
}

/** The room's facilitator public key: in the hub's doc, or arriving in this update. */
function publicKeyOf(doc: Y.Doc, arriving: unknown, verifier: string): Uint8Array | undefined {
  const stored = doc.getMap('session').get('publicKey');
  for (const candidate of [stored, arriving]) {
    const key = typeof candidate === 'string' ? fromBase32(candidate) : undefined;
    if (key && key.length === 32 && verifierOf(key) === verifier) return key;
  }
  return undefined;
}

function newestStoredSeq(doc: Y.Doc, roomId: string, key: Uint8Array | undefined): number {
  if (!key) return 0;
  let newest = 0;
  doc.getMap('flow').forEach((value) => {
    const flow = verifyFlow(value, roomId, key);
    if (flow && flow.seq > newest) newest = flow.seq;
  });
  return newest;
}

/**
 * Checks one update from a connection against the hub's current doc. Pure apart from
 * reading the doc; the relay refuses the whole message when this says no.
 */
export function checkUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  role: ConnectionRole,
  roomId: string
): RuleCheck {
  if (role.role === 'facilitator') return { ok: true };
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { ok: false, reason: 'malformed update' };
  }
  const find = indexUpdate(decoded.structs);
  const contiguous = contiguousClocks(doc, decoded.structs);
  const arriving: { place: Place; item: Y.Item }[] = [];
  let arrivingKey: unknown;
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    // What the hub already holds changes nothing: forwarded duplicates pass.
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    // Past a gap in its author's clock (what came before was lost in a crash, or is still on
    // its way): pending at the hub, as below.
    if (struct.id.clock >= (contiguous.get(struct.id.client) ?? 0)) continue;
    const place = incomingPlace(doc, struct, find);
    // Built on what neither the hub nor this update holds: Yjs keeps it pending, and an
    // honest device may carry such leftovers for ever (their base was lost in a crash).
    // Refusing would cut the device off; the flow stays safe because every device checks
    // its signature. See docs/SECURITY.md for what this leaves open.
    if (!place) continue;
    if (place === gone) continue;
    arriving.push({ place, item: struct });
    if (place.root === 'session' && place.key === 'publicKey' && place.depth === 0) {
      arrivingKey = contentValue(struct);
    }
  }
  const publicKey = publicKeyOf(doc, arrivingKey, role.verifier);

  for (const { place, item } of arriving) {
    if (place.root === 'session') {
      if (doc.getMap('session').has(place.key))
        return { ok: false, reason: 'may not change the session' };
      if (place.key === 'publicKey' && !publicKey)
        return { ok: false, reason: 'not this room’s facilitator' };
    }
    if (place.root === 'flow') {
      const value = contentValue(item);
      const signed =
        place.depth === 0 && publicKey ? verifyFlow(value, roomId, publicKey) : undefined;
      if (!signed)
        return { ok: false, reason: 'may not change flow without the facilitator’s signature' };
      // An older state replayed under the key of the newest one would replace it.
      if (!isOwnFlowKey(place.key, value as SignedFlow))
        return { ok: false, reason: 'may not store a flow state under another key' };
    }
  }

  // Only a delete of a stored flow state needs the newest one, and finding it checks every
  // stored state's signature (about a millisecond each): never for the ordinary message.
  let newestSeq: number | undefined;
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      for (let clock = range.clock; clock < range.clock + range.len;) {
        const item = storedItem(doc, { client, clock });
        if (!item) break; // deletes of what the hub never had change nothing here
        clock = item.id.clock + item.length;
        if (item.deleted) continue;
        const place = storedPlace(item);
        if (place?.root === 'session') return { ok: false, reason: 'may not change the session' };
        if (place?.root === 'flow' && place.depth === 0) {
          const flow = publicKey ? verifyFlow(contentValue(item), roomId, publicKey) : undefined;
          newestSeq ??= newestStoredSeq(doc, roomId, publicKey);
          // Pruning old states is fine; removing the newest would turn the clock back.
          if (!flow || flow.seq >= newestSeq)
            return { ok: false, reason: 'may not remove the current flow' };
        }
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
