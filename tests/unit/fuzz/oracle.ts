import * as Y from 'yjs';
import { voteItems } from '../../../src/lib/domain/clusters.ts';
import { tally } from '../../../src/lib/domain/votes.ts';
import { readNote, readNotes } from '../../../src/lib/sync/boardDoc.ts';
import { canonicalJson } from '../../../src/lib/domain/canonicalJson.ts';
import {
  isOwnFlowKey,
  readClusters,
  readPersonal,
  sessionRoots,
  splitPersonalKey
} from '../../../src/lib/sync/sessionDoc.ts';
import { verifyFlow, type SignedFlow } from '../../../src/lib/access/flowSigning.ts';
import { trustedFlow } from '../../../src/lib/sync/trustedFlow.ts';
import {
  covers,
  stateVector,
  type EntryRoot,
  type EntryWrite,
  type FieldWrite,
  type Model
} from './model.ts';
import type { SimDevice, World } from './world.ts';

/*
 * What must hold once the network has healed, one entry each. Checks compare the synced docs
 * with each other and with the model; none of them trusts a doc to say what should be there.
 * The guided session's checks (flow, clusters, ballots, picks, answers, tallies) hold
 * trivially in board-only cases, which have none of these.
 */

export interface Invariant {
  readonly name: string;
  /** Returns one message per violation. */
  check(world: World, model: Model): string[];
}

function docFromUpdates(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates([...updates]));
  return doc;
}

/** JSON with sorted keys: two docs with the same content give the same text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner
  );
}

/** Content already read: the invariants look at a world at rest, so a doc's content holds. */
const contents = new WeakMap<Y.Doc, string>();

function contentOf(doc: Y.Doc): string {
  let content = contents.get(doc);
  if (content === undefined) {
    const roots = ['notes', 'meta', ...sessionRoots];
    content = canonical(Object.fromEntries(roots.map((root) => [root, doc.getMap(root).toJSON()])));
    contents.set(doc, content);
  }
  return content;
}

/** Where two docs' state vectors differ: "client: a vs b". */
function vectorDifference(a: Y.Doc, b: Y.Doc): string {
  const va = stateVector(a);
  const vb = stateVector(b);
  const clients = new Set([...va.keys(), ...vb.keys()]);
  const differing = [...clients].filter((client) => va.get(client) !== vb.get(client));
  return differing.length === 0
    ? 'same state vectors'
    : `state vectors differ at ${differing.map((c) => `${c}: ${va.get(c) ?? 0} vs ${vb.get(c) ?? 0}`).join(', ')}`;
}

/** The notes on which two docs disagree, for the failure message. */
function difference(a: Y.Doc, b: Y.Doc): string {
  const notesA = a.getMap('notes').toJSON();
  const notesB = b.getMap('notes').toJSON();
  const ids = new Set([...Object.keys(notesA), ...Object.keys(notesB)]);
  const differing = [...ids].filter((id) => canonical(notesA[id]) !== canonical(notesB[id]));
  return differing
    .map(
      (id) => `${id}: ${canonical(notesA[id]) ?? 'absent'} vs ${canonical(notesB[id]) ?? 'absent'}`
    )
    .join('; ');
}

function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return (
    Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b))) &&
    contentOf(a) === contentOf(b)
  );
}

/**
 * What a device's author saw accepted: what its IndexedDB committed, and what its doc held
 * whenever the relay had confirmed everything it sent.
 */
class Acceptance {
  readonly #byDevice = new Map<number, Y.Snapshot[]>();

  constructor(world: World) {
    for (const device of world.devices) {
      const snapshots = [...device.acceptedSnapshots];
      if (device.hasStorage) {
        const stored = docFromUpdates(device.storage.flushed);
        snapshots.push(Y.snapshot(stored));
        stored.destroy();
      }
      this.#byDevice.set(device.index, snapshots);
    }
  }

  created(device: number, item: Y.ID): boolean {
    return (this.#byDevice.get(device) ?? []).some((snapshot) => covers(snapshot.sv, item));
  }

  deleted(device: number, item: Y.ID): boolean {
    return (this.#byDevice.get(device) ?? []).some((snapshot) => Y.isDeleted(snapshot.ds, item));
  }
}

/** Built once per case: the world no longer changes while the invariants look at it. */
const acceptances = new WeakMap<World, Acceptance>();

function acceptanceOf(world: World): Acceptance {
  let acceptance = acceptances.get(world);
  if (!acceptance) acceptances.set(world, (acceptance = new Acceptance(world)));
  return acceptance;
}

const requiredNoteFields = ['step', 'column', 'text', 'colour', 'author', 'position', 'created'];

/** The write to a field that every other write to it happened before, if there is one. */
function causallyLast(writes: readonly FieldWrite[]): FieldWrite | undefined {
  return writes.find((candidate) =>
    writes.every((other) => other === candidate || covers(candidate.seen, other.item))
  );
}

const boardInvariants: readonly Invariant[] = [
  {
    name: 'every device and the hub hold the same state',
    check(world) {
      const hub = world.hub.document;
      if (!hub) return ['the hub is down after healing'];
      return world.devices
        .filter((device) => !sameState(device.doc, hub))
        .map(
          (device) =>
            `d${device.index} differs from the hub (${vectorDifference(device.doc, hub)}): ${
              difference(device.doc, hub) || 'the session part differs'
            }`
        );
    }
  },
  {
    name: 'after healing, every device is connected to the hub with nothing waiting',
    check(world) {
      return world.devices.flatMap((device) => {
        const relay = world.links.get(`r${device.index}`);
        if (!relay?.open) return [`d${device.index} has no connection to the hub`];
        if (device.unacked > 0) return [`d${device.index} still has ${device.unacked} unconfirmed`];
        return [];
      });
    }
  },
  {
    name: 'nothing waits for an update that some device or the hub has',
    check(world) {
      const docs: [string, Y.Doc][] = world.devices.map((device) => [
        `d${device.index}`,
        device.doc
      ]);
      if (world.hub.document) docs.push(['hub', world.hub.document]);
      // An update can wait forever only for one that is gone everywhere (its device crashed
      // before anyone got it); if anyone holds what is missing, sync failed to deliver it.
      const held = (client: number, clock: number): string | undefined =>
        docs.find(([, doc]) => Y.getState(doc.store, client) > clock)?.[0];
      const problems: string[] = [];
      for (const [name, doc] of docs) {
        for (const [client, clock] of doc.store.pendingStructs?.missing ?? []) {
          const holder = held(client, clock);
          if (holder) problems.push(`${name} waits for ${client}:${clock}, which ${holder} has`);
        }
        if (doc.store.pendingDs) {
          for (const [client, ranges] of Y.decodeUpdateV2(doc.store.pendingDs).ds.clients) {
            for (const range of ranges) {
              const holder = held(client, range.clock);
              if (holder)
                problems.push(
                  `${name} holds a delete of ${client}:${range.clock}, which ${holder} has`
                );
            }
          }
        }
      }
      return problems;
    }
  },
  {
    name: 'a note its author saw accepted exists unless a permitted delete removed it',
    check(world, model) {
      const hub = world.hub.document;
      if (!hub) return [];
      const acceptance = acceptanceOf(world);
      const present = hub.getMap('notes');
      const deleted = new Set(model.deletes.map((entry) => entry.note));
      const problems: string[] = [];
      for (const note of model.notes.values()) {
        if (deleted.has(note.id) || present.has(note.id)) continue;
        if (acceptance.created(note.author, note.item)) {
          problems.push(
            `note ${note.id} by d${note.author} (step ${note.step}) was accepted and is gone`
          );
        }
      }
      return problems;
    }
  },
  {
    name: 'a delete its device saw accepted stays deleted',
    check(world, model) {
      const hub = world.hub.document;
      if (!hub) return [];
      const acceptance = acceptanceOf(world);
      return model.deletes
        .filter((entry) => hub.getMap('notes').has(entry.note))
        .filter((entry) => acceptance.deleted(entry.device, entry.target))
        .map(
          (entry) => `note ${entry.note} deleted by d${entry.device} (step ${entry.step}) is back`
        );
    }
  },
  {
    name: 'every note on the board was made by someone and is well formed',
    check(world, model) {
      const hub = world.hub.document;
      if (!hub) return [];
      const acceptance = acceptanceOf(world);
      const hubState = stateVector(hub);
      const problems: string[] = [];
      hub.getMap<unknown>('notes').forEach((fields, id) => {
        const note = model.notes.get(id);
        if (!note) problems.push(`note ${id} was never added`);
        else if (!readNote(id, fields)) {
          // The one way a well-made note can lose a field (a limit of Yjs, not of Kring's
          // sync): an edit reached a device before the update it builds on, and that update
          // was lost with its device before anyone else had it. Yjs applies the edit's delete
          // of the old value at once and holds back its new value for the missing update,
          // which never comes. So a field may be missing only when a write to it was never
          // accepted and never arrived anywhere.
          const missing = requiredNoteFields.filter(
            (field) => !(fields instanceof Y.Map) || !fields.has(field)
          );
          const lostWrite = (field: string): boolean =>
            model.writes.some(
              (write) =>
                write.note === id &&
                write.field === field &&
                !covers(hubState, write.item) &&
                !acceptance.created(write.device, write.item)
            );
          if (missing.length === 0 || !missing.every(lostWrite)) {
            problems.push(
              `note ${id} is malformed: ${fields instanceof Y.Map ? canonical(fields.toJSON()) : String(fields)}`
            );
          }
        }
      });
      return problems;
    }
  },
  {
    name: 'each field holds a value written to it, and the last accepted write wins',
    check(world, model) {
      const hub = world.hub.document;
      if (!hub) return [];
      const acceptance = acceptanceOf(world);
      const byField = new Map<string, FieldWrite[]>();
      for (const write of model.writes) {
        const key = `${write.note}/${write.field}`;
        byField.set(key, [...(byField.get(key) ?? []), write]);
      }
      const problems: string[] = [];
      hub.getMap<unknown>('notes').forEach((fields, id) => {
        if (!(fields instanceof Y.Map)) return;
        for (const [field, value] of fields.entries()) {
          const writes = byField.get(`${id}/${field}`) ?? [];
          if (!writes.some((write) => Object.is(write.value, value))) {
            problems.push(`note ${id}.${field} = ${JSON.stringify(value)} was never written`);
            continue;
          }
          const last = causallyLast(writes);
          if (last && acceptance.created(last.device, last.item) && !Object.is(last.value, value)) {
            problems.push(
              `note ${id}.${field} = ${JSON.stringify(value)}, but the last write (d${last.device}, step ${last.step}) was ${JSON.stringify(last.value)}`
            );
          }
        }
      });
      return problems;
    }
  },
  {
    name: 'the hub’s database holds what the hub serves',
    check(world) {
      const { document, store } = world.hub;
      if (!document || !store) return [];
      const stored = docFromUpdates(store.updates(world.options.room));
      const ok = sameState(stored, document);
      stored.destroy();
      return ok ? [] : ['the rows in SQLite do not rebuild the hub’s document'];
    }
  },
  {
    name: 'a device reloaded from IndexedDB shows what it showed before',
    check(world) {
      return world.devices
        .filter((device: SimDevice) => device.hasStorage)
        .filter((device) => {
          const stored = docFromUpdates(device.storage.flushed);
          const same = sameState(stored, device.doc);
          stored.destroy();
          return !same;
        })
        .map((device) => `d${device.index}'s IndexedDB does not rebuild its board`);
    }
  }
];

// ---- the guided session ----------------------------------------------------------------------

/** Whether the hub's document holds an item and has deleted it. */
function deletedAtHub(hub: Y.Doc, id: Y.ID): boolean {
  return (
    covers(stateVector(hub), id) && Y.isDeleted(Y.createDeleteSetFromStructStore(hub.store), id)
  );
}

/**
 * What an entry (a cluster, or a person's ballot, pick or answer for a step) must hold, from
 * the model alone: the write that every other write to it that arrived happened before —
 * absent when a delete removed that write — or `ambiguous` when no write came last (a device
 * that crashed wrote again without the write it had lost, which reached others anyway).
 */
type Expected = { readonly present: false } | { readonly present: true; readonly value: unknown };

function expectedEntry(
  hub: Y.Doc,
  model: Model,
  root: EntryRoot,
  key: string,
  writes: readonly EntryWrite[]
): Expected | 'ambiguous' {
  const hubState = stateVector(hub);
  const arrived = writes.filter((write) => covers(hubState, write.item));
  if (arrived.length === 0) return { present: false };
  const last = arrived.find((candidate) =>
    arrived.every((other) => other === candidate || covers(candidate.seen, other.item))
  );
  if (!last) return 'ambiguous';
  const removed = model.entryDeletes.some(
    (entry) =>
      entry.root === root &&
      entry.key === key &&
      entry.target.client === last.item.client &&
      entry.target.clock === last.item.clock &&
      deletedAtHub(hub, entry.target)
  );
  return removed ? { present: false } : { present: true, value: last.value };
}

function entryWritesByKey(model: Model, root: EntryRoot): Map<string, EntryWrite[]> {
  const byKey = new Map<string, EntryWrite[]>();
  for (const write of model.entryWrites) {
    if (write.root !== root) continue;
    byKey.set(write.key, [...(byKey.get(write.key) ?? []), write]);
  }
  return byKey;
}

const entryRoots: readonly EntryRoot[] = ['clusters', 'ballots', 'picks', 'answers'];

/** Every doc of the world after healing, named: the devices and the hub. */
function allDocs(world: World): [string, Y.Doc][] {
  const docs: [string, Y.Doc][] = world.devices.map((device) => [`d${device.index}`, device.doc]);
  if (world.hub.document) docs.push(['hub', world.hub.document]);
  return docs;
}

const sessionInvariants: readonly Invariant[] = [
  {
    name: 'with the hub’s guard on, no device keeps a forged or misplaced flow state',
    check(world) {
      const session = world.options.session;
      if (!session || !world.options.hubRules) return [];
      const key = session.identity.publicKey;
      const problems: string[] = [];
      for (const [name, doc] of allDocs(world)) {
        for (const [stored, value] of doc.getMap<unknown>('flow').entries()) {
          const valid = verifyFlow(value, session.roomId, key) !== undefined;
          if (!valid || !isOwnFlowKey(stored, value as SignedFlow))
            problems.push(`${name} holds ${valid ? 'a misplaced' : 'a forged'} state at ${stored}`);
        }
      }
      return problems;
    }
  },
  {
    name: 'a device follows only flow states the facilitator signed, and never an older one',
    check(world, model) {
      if (!world.options.session) return [];
      const signed = new Set(model.signed.map((record) => record.canonical));
      const problems: string[] = [];
      for (const device of world.devices) {
        let previous: (typeof device.flow.history)[number] | undefined;
        for (const followed of device.flow.history) {
          const { seq, stepId } = followed.state;
          if (!signed.has(followed.canonical)) {
            problems.push(
              `d${device.index} followed seq ${seq} at ${stepId} (#${followed.step}), which no facilitator signed`
            );
          }
          if (previous && previous.epoch === followed.epoch && seq < previous.state.seq) {
            problems.push(
              `d${device.index} went back from seq ${previous.state.seq} to seq ${seq} at #${followed.step}` +
                (previous.incarnation === followed.incarnation ? '' : ' (after a reload)')
            );
          }
          previous = followed;
        }
      }
      return problems;
    }
  },
  {
    name: 'after healing every device follows the newest flow state a facilitator signed',
    check(world, model) {
      const session = world.options.session;
      const hub = world.hub.document;
      if (!session || !hub) return [];
      const acceptance = acceptanceOf(world);
      const hubState = stateVector(hub);
      // Signed and not lost: its writer saw it accepted, or it reached the others.
      const kept = model.signed.filter(
        (record) => acceptance.created(record.device, record.item) || covers(hubState, record.item)
      );
      if (kept.length === 0) return [];
      const newest = Math.max(...kept.map((record) => record.state.seq));
      const candidates = new Set(
        kept.filter((record) => record.state.seq === newest).map((record) => record.canonical)
      );
      const problems: string[] = [];
      const followed = world.devices.map((device) => device.flow.current);
      for (const [index, flow] of followed.entries()) {
        if (!flow) problems.push(`d${index} follows no flow`);
        else if (!candidates.has(canonicalJson(flow)))
          problems.push(
            `d${index} follows seq ${flow.seq} at ${flow.stepId}; the newest signed is seq ${newest}`
          );
      }
      const first = followed[0] && canonicalJson(followed[0]);
      for (const [index, flow] of followed.entries()) {
        if (flow && canonicalJson(flow) !== first)
          problems.push(`d${index} follows seq ${flow.seq} at ${flow.stepId}, d0 another state`);
      }
      // Every doc equals the hub's (checked above), so one look at the hub is what any device
      // that opens the session now (a reload, a new phone) would follow.
      const fresh = trustedFlow(hub, session.roomId, session.verifier, undefined);
      if (!fresh || canonicalJson(fresh) !== first) {
        problems.push(
          `a device opening the session now would follow ${fresh ? `seq ${fresh.seq} at ${fresh.stepId}` : 'nothing'}, ` +
            `not what the others follow`
        );
      }
      return problems;
    }
  },
  {
    name: 'each cluster, ballot, pick and answer holds its last write, and nothing accepted is lost',
    check(world, model) {
      const hub = world.hub.document;
      if (!world.options.session || !hub) return [];
      const acceptance = acceptanceOf(world);
      const hubState = stateVector(hub);
      const problems: string[] = [];
      for (const root of entryRoots) {
        const byKey = entryWritesByKey(model, root);
        const map = hub.getMap<unknown>(root);
        map.forEach((value, key) => {
          const written = (byKey.get(key) ?? []).map((write) => canonicalJson(write.value));
          if (!written.includes(canonicalJson(value)))
            problems.push(`${root}/${key} = ${canonicalJson(value)} was never written`);
        });
        for (const [key, writes] of byKey) {
          for (const write of writes) {
            if (acceptance.created(write.device, write.item) && !covers(hubState, write.item))
              problems.push(
                `${root}/${key} by d${write.device} (#${write.step}) was accepted and is lost`
              );
          }
          const expected = expectedEntry(hub, model, root, key, writes);
          if (expected === 'ambiguous') continue;
          const present = map.has(key);
          if (!expected.present && present)
            problems.push(`${root}/${key} was removed and is back: ${canonicalJson(map.get(key))}`);
          else if (expected.present && !present)
            problems.push(
              `${root}/${key} is gone; its last write was ${canonicalJson(expected.value)}`
            );
          else if (
            expected.present &&
            canonicalJson(map.get(key)) !== canonicalJson(expected.value)
          )
            problems.push(
              `${root}/${key} = ${canonicalJson(map.get(key))}, but its last write was ${canonicalJson(expected.value)}`
            );
        }
      }
      return problems;
    }
  },
  {
    name: 'clusters are the same on every device',
    check(world) {
      if (!world.options.session) return [];
      const docs = allDocs(world);
      const clustersOf = (doc: Y.Doc) =>
        canonicalJson(readClusters(doc).sort((a, b) => a.id.localeCompare(b.id)));
      const reference = docs[0] && clustersOf(docs[0][1]);
      return docs
        .filter(([, doc]) => clustersOf(doc) !== reference)
        .map(([name, doc]) => `${name} has clusters ${clustersOf(doc)}, d0 ${reference}`);
    }
  },
  {
    name: 'every device counts the same dots: each voter’s last ballot',
    check(world, model) {
      const session = world.options.session;
      const hub = world.hub.document;
      if (!session || !hub) return [];
      const problems: string[] = [];
      const ballots = entryWritesByKey(model, 'ballots');
      for (const step of session.script.steps) {
        const rules = step.activity;
        if (rules.type !== 'vote') continue;
        const itemsOf = (doc: Y.Doc) =>
          voteItems(readNotes(doc).values(), readClusters(doc), rules.source).map((i) => i.id);
        const tallies = allDocs(world).map(
          ([name, doc]) =>
            [
              name,
              tally(readPersonal(doc, 'ballots', step.id).values(), rules, itemsOf(doc))
            ] as const
        );
        const reference = canonicalJson(tallies[0]?.[1]);
        for (const [name, rows] of tallies) {
          if (canonicalJson(rows) !== reference)
            problems.push(`${step.id}: ${name} counts ${canonicalJson(rows)}, d0 ${reference}`);
        }

        // The oracle's own count: each voter's last ballot, on the items there are now.
        const items = itemsOf(hub);
        const dots = new Map(items.map((item) => [item, 0]));
        const voters = new Map(items.map((item) => [item, 0]));
        for (const [key, writes] of ballots) {
          if (splitPersonalKey(key)?.stepId !== step.id) continue;
          for (const write of writes) {
            const ballot = write.value as Record<string, number>;
            const used = Object.values(ballot).reduce((sum, count) => sum + count, 0);
            if (used > rules.dots || Object.values(ballot).some((n) => n > rules.maxPerItem))
              problems.push(`${key} (#${write.step}) breaks the rules: ${canonicalJson(ballot)}`);
          }
          const expected = expectedEntry(hub, model, 'ballots', key, writes);
          // Which of two concurrent ballots won is Yjs's choice; the entry check above made
          // sure the hub holds one that was written.
          const ballot =
            expected === 'ambiguous'
              ? hub.getMap('ballots').get(key)
              : expected.present
                ? expected.value
                : undefined;
          for (const [item, count] of Object.entries((ballot ?? {}) as Record<string, number>)) {
            if (!dots.has(item) || count <= 0) continue;
            dots.set(item, (dots.get(item) ?? 0) + count);
            voters.set(item, (voters.get(item) ?? 0) + 1);
          }
        }
        const counted = new Map(
          (tallies.find(([name]) => name === 'hub')?.[1] ?? []).map((row) => [row.itemId, row])
        );
        for (const item of items) {
          const row = counted.get(item);
          if (row?.dots !== dots.get(item) || row?.voters !== voters.get(item)) {
            problems.push(
              `${step.id}: ${item} has ${row?.dots ?? 0} dots from ${row?.voters ?? 0} voters; ` +
                `the ballots give ${dots.get(item)} from ${voters.get(item)}`
            );
          }
        }
      }
      return problems;
    }
  }
];

export const invariants: readonly Invariant[] = [...boardInvariants, ...sessionInvariants];
