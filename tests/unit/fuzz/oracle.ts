import * as Y from 'yjs';
import { readNote } from '../../../src/lib/sync/boardDoc.ts';
import { covers, stateVector, type FieldWrite, type Model } from './model.ts';
import type { SimDevice, World } from './world.ts';

/*
 * What must hold once the network has healed, one entry each. Checks compare the synced docs
 * with each other and with the model; none of them trusts a doc to say what should be there.
 * Guided-session invariants (vote tallies, clusters, flow) are added as further entries.
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

function contentOf(doc: Y.Doc): string {
  return canonical({ notes: doc.getMap('notes').toJSON(), meta: doc.getMap('meta').toJSON() });
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

const requiredNoteFields = ['step', 'column', 'text', 'colour', 'author', 'position', 'created'];

/** The write to a field that every other write to it happened before, if there is one. */
function causallyLast(writes: readonly FieldWrite[]): FieldWrite | undefined {
  return writes.find((candidate) =>
    writes.every((other) => other === candidate || covers(candidate.seen, other.item))
  );
}

export const invariants: readonly Invariant[] = [
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
              difference(device.doc, hub) || 'meta differs'
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
      const acceptance = new Acceptance(world);
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
      const acceptance = new Acceptance(world);
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
      const acceptance = new Acceptance(world);
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
      const acceptance = new Acceptance(world);
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
