import * as Y from 'yjs';
import { canonicalJson } from '../../../src/lib/domain/canonicalJson.ts';
import { characterCount, stripInvisible } from '../../../src/lib/domain/text.ts';
import {
  roots,
  sessionKey,
  type BoardData,
  type EntryData,
  type NoteItem
} from '../../../src/lib/model/records.ts';
import type { SessionData } from '../../../src/lib/model/sessionData.ts';
import { project, type SessionView } from '../../../src/lib/model/view.ts';
import { SessionRecords } from '../../../src/lib/sync/SessionRecords.ts';
import type { Step } from '../../../src/lib/scripts/schema.ts';
import { sessionWritten, type HonestWrite, type Ledger, type Root } from './ledger.ts';
import { covers, stateVector, type SimDevice, type World } from './world.ts';

/*
 * What must hold once the network has healed, one entry each. The expectations come from the
 * script the facilitator wrote, the ledger of what honest devices wrote and saw accepted, and
 * rules written out here from the model's plain data — never from a doc saying what should be
 * there. Honest devices are compared with each other and with a device that would open the
 * session now; the hostile device's doc is no reference for anything.
 */

export interface Invariant {
  readonly name: string;
  /** Returns one message per violation. */
  check(world: World, ledger: Ledger): string[];
}

// ---- helpers ---------------------------------------------------------------------------------

function docFromUpdates(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc({ guid: 'fuzz' });
  if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates([...updates]));
  return doc;
}

const allRoots = [roots.session, roots.flow, roots.entries, roots.boards];

/** Content already read: the invariants look at a world at rest, so a doc's content holds. */
const contents = new WeakMap<Y.Doc, string>();

function contentOf(doc: Y.Doc): string {
  let content = contents.get(doc);
  if (content === undefined) {
    content = canonicalJson(
      Object.fromEntries(allRoots.map((root) => [root, doc.getMap(root).toJSON()]))
    );
    contents.set(doc, content);
  }
  return content;
}

function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return (
    Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b))) &&
    contentOf(a) === contentOf(b)
  );
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

/** A session's checked records as text: two devices holding the same give the same text. */
export function dataText(data: SessionData): string {
  const entries = Object.fromEntries(
    [...data.entries].map(([step, byAuthor]) => [step, Object.fromEntries(byAuthor)])
  );
  return canonicalJson({
    session: data.session,
    flow: data.flow,
    entries,
    boards: Object.fromEntries(data.boards)
  });
}

/** Where two versions of the checked records differ, for the failure message. */
function dataDifference(a: SessionData, b: SessionData): string {
  const parts: string[] = [];
  if (canonicalJson(a.session) !== canonicalJson(b.session))
    parts.push(`session seq ${a.session?.seq} vs ${b.session?.seq}`);
  if (canonicalJson(a.flow) !== canonicalJson(b.flow))
    parts.push(`flow seq ${a.flow?.seq} vs ${b.flow?.seq}`);
  const keys = (data: SessionData): Map<string, { readonly seq: number }> => {
    const all = new Map<string, { readonly seq: number }>();
    for (const [step, board] of data.boards) all.set(`b/${step}`, board);
    for (const [step, byAuthor] of data.entries)
      for (const [author, entry] of byAuthor) all.set(`e/${step}/${author}`, entry);
    return all;
  };
  const ka = keys(a);
  const kb = keys(b);
  for (const key of new Set([...ka.keys(), ...kb.keys()])) {
    const ra = ka.get(key);
    const rb = kb.get(key);
    if (canonicalJson(ra) !== canonicalJson(rb))
      parts.push(`${key} seq ${ra?.seq ?? '-'} vs ${rb?.seq ?? '-'}`);
  }
  return parts.join('; ');
}

/** How a screen that writes nothing sees a session: everything, and nothing as its own. */
export function neutralView(data: SessionData): SessionView {
  return project(data, { role: 'facilitator', locale: 'nl', authorOf: () => undefined });
}

/** What every screen shows, as text. */
export function viewText(view: SessionView): string {
  return canonicalJson({
    title: view.title,
    flow: view.flow,
    steps: (view.script?.steps ?? []).map((step) => ({
      id: step.id,
      columns: view.columnsOf(step),
      notes: view.notesOf(step.id).map((note) => ({ ...note })),
      groups: view.clustersOf(step.id),
      voteItems: view.voteItemsOf(step),
      tally: view.tallyOf(step),
      voters: view.voterCount(step),
      picks: view.pickCounts(step),
      answers: [...view.answersOf(step)].sort(),
      actions: view.actionsOf(step.id),
      contributors: view.contributorsOf(step.id)
    }))
  });
}

/** Where two views differ, for the failure message. */
function viewDifference(a: SessionView, b: SessionView): string {
  const parts: string[] = [];
  if (canonicalJson(a.flow) !== canonicalJson(b.flow))
    parts.push(`flow seq ${a.flow?.seq} vs ${b.flow?.seq}`);
  if (a.title !== b.title) parts.push(`title ${a.title} vs ${b.title}`);
  for (const step of a.script?.steps ?? []) {
    const notesA = new Map(a.notesOf(step.id).map((note) => [note.id, canonicalJson(note)]));
    const notesB = new Map(b.notesOf(step.id).map((note) => [note.id, canonicalJson(note)]));
    for (const id of new Set([...notesA.keys(), ...notesB.keys()])) {
      if (notesA.get(id) !== notesB.get(id))
        parts.push(
          `${step.id} idea ${id}: ${notesA.get(id) ?? 'absent'} vs ${notesB.get(id) ?? 'absent'}`
        );
    }
    for (const part of ['tallyOf', 'pickCounts', 'answersOf', 'clustersOf', 'actionsOf'] as const) {
      const of = (view: SessionView): string =>
        canonicalJson(
          part === 'clustersOf' || part === 'actionsOf' ? view[part](step.id) : view[part](step)
        );
      if (of(a) !== of(b)) parts.push(`${step.id} ${part}: ${of(a)} vs ${of(b)}`);
    }
  }
  return parts.slice(0, 4).join('; ');
}

/** What an honest device saw accepted: the hub confirmed it, or its IndexedDB committed it. */
function acceptance(world: World): (write: HonestWrite) => boolean {
  return (write) => covers(world.device(write.device).accepted, write.item);
}

/**
 * Whether its writer lost a write itself (see SimDevice.lost). Others hold it, but when the
 * writer writes the record again without it (offline, before they gave it back), the newer
 * version replaces it in Yjs, and its content is gone before any device that could merge the
 * two sees it: one record per person and step cannot keep both. Counted, not failed.
 */
export function lostByWriter(world: World, write: HonestWrite): boolean {
  return world
    .device(write.device)
    .lost.some(
      (range) =>
        range.client === write.item.client &&
        write.item.clock >= range.from &&
        write.item.clock < range.to
    );
}

/** The honest devices after healing, with the first as the reference. */
function honest(world: World): [SimDevice, ...SimDevice[]] | [] {
  return world.honestDevices as [SimDevice, ...SimDevice[]];
}

/**
 * Whether `kept` is `item` or a version at least as late (Lamport time: an item's last element;
 * for ideas the fifth). Two versions of one time were written at once, by two facilitators or
 * by a device before and after a crash: either may stay.
 */
const asLate = (kept: readonly unknown[] | undefined, item: readonly unknown[], at = -1): boolean =>
  kept !== undefined && (kept.at(at) as number) >= (item.at(at) as number);

/** What an accepted version of a person's entry said about ideas that `final` no longer says. */
function lostIdeas(final: EntryData, accepted: EntryData): string[] {
  const taken = new Set(final.x ?? []);
  const now = new Map((final.n ?? []).map((item) => [item[0], item]));
  const lost: string[] = [];
  for (const item of accepted.n ?? []) {
    if (!taken.has(item[0]) && !asLate(now.get(item[0]), item, 4)) lost.push(`idea ${item[0]}`);
  }
  for (const id of accepted.x ?? []) if (!taken.has(id)) lost.push(`taking back ${id}`);
  return lost;
}

/** What an accepted version of a board said that `final` no longer says. */
function lostArrangement(final: BoardData, accepted: BoardData): string[] {
  const lost: string[] = [];
  for (const field of ['pl', 'gm', 'g', 'ag'] as const) {
    const now = final[field] ?? {};
    for (const [id, item] of Object.entries(accepted[field] ?? {})) {
      if (!asLate((now as Record<string, readonly unknown[]>)[id], item))
        lost.push(`${field}.${id}`);
    }
  }
  for (const field of ['xn', 'xg', 'xa'] as const) {
    const now = new Set(final[field] ?? []);
    for (const id of accepted[field] ?? []) if (!now.has(id)) lost.push(`${field} ${id}`);
  }
  const typed = new Map((final.fn ?? []).map((item) => [item[0], item]));
  for (const item of accepted.fn ?? []) {
    if (!asLate(typed.get(item[0]), item, 4)) lost.push(`typed-in idea ${item[0]}`);
  }
  return lost;
}

/** A round answer as the rules count it (cleaned, one line, within the length). */
function countedAnswer(raw: string, max: number): string | undefined {
  const answer = stripInvisible(raw).replace(/\s+/g, ' ').trim();
  const length = characterCount(answer);
  return length > 0 && length <= max ? answer : undefined;
}

/** Whether input written by someone who saw flow state `at` counts on `step` now. */
function counts(data: SessionData, step: Step, at: number): boolean {
  const flow = data.flow;
  if (!flow) return true;
  const locked = flow.locked[step.id];
  if (locked !== undefined && at >= locked) return false;
  if (step.activity.type !== 'vote') return true;
  const window = flow.votes[step.id];
  return (
    window !== undefined &&
    at >= window.opened &&
    (window.closed === undefined || at < window.closed)
  );
}

const sum = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0);

// ---- the invariants --------------------------------------------------------------------------

export const invariants: readonly Invariant[] = [
  {
    name: 'no honest device ever showed a record no honest device wrote, or went back in the flow',
    check(_world, ledger) {
      ledger.judgeShown();
      return ledger.violations.slice(0, 20);
    }
  },
  {
    name: 'honest devices wrote only what the facilitator’s script allows',
    check(world, ledger) {
      const problems: string[] = [];
      for (const write of ledger.writes) {
        if (write.root !== 'entries') continue;
        const step = world.setup.script.steps.find((s) => write.key.startsWith(`${s.id}/`));
        const data = write.data as EntryData;
        const where = `d${write.device}'s ${write.key} seq ${write.seq} (#${write.step})`;
        if (!step) {
          problems.push(`${where} is for a step the script does not have`);
          continue;
        }
        const activity = step.activity;
        if (activity.type === 'brainstorm') {
          for (const item of data.n ?? []) {
            if (activity.anonymous && item[5] !== undefined)
              problems.push(`${where} names its writer in an anonymous step`);
            if (characterCount(item[2]) > (activity.maxLength ?? 280))
              problems.push(`${where} holds an idea longer than the step allows`);
          }
        } else if (activity.type === 'vote') {
          const ballot = Object.values(data.b ?? {});
          if (sum(ballot) > activity.dots || ballot.some((n) => n > activity.maxPerItem))
            problems.push(
              `${where} holds a ballot the rules do not allow: ${canonicalJson(data.b)}`
            );
        } else if (activity.type === 'pick') {
          if ((data.p ?? []).length > activity.max) problems.push(`${where} picks too many cards`);
        } else if (activity.type === 'round') {
          if (data.t !== undefined && characterCount(data.t) > (activity.maxLength ?? 80))
            problems.push(`${where} holds an answer longer than the step allows`);
        } else problems.push(`${where} is input for a step that takes none`);
      }
      return problems;
    }
  },
  {
    name: 'after healing, every honest device (and the hub) holds the same doc',
    check(world) {
      const [reference, ...others] = honest(world);
      if (!reference) return [];
      const docs: [string, Y.Doc][] = others.map((device) => [device.name, device.doc]);
      if (world.hub.document) docs.push(['hub', world.hub.document]);
      return docs
        .filter(([, doc]) => !sameState(doc, reference.doc))
        .map(
          ([name, doc]) =>
            `${name} differs from ${reference.name} (${vectorDifference(doc, reference.doc)})`
        );
    }
  },
  {
    name: 'after healing, every device is connected to the hub with nothing waiting',
    check(world) {
      if (world.hub.gone) return [];
      return world.honestDevices.flatMap((device) => {
        if (!world.onHub(device)) return [`${device.name} has no connection to the hub`];
        if (device.unacked > 0) return [`${device.name} still has ${device.unacked} unconfirmed`];
        return [];
      });
    }
  },
  {
    name: 'nothing waits for an update that some honest device or the hub has',
    check(world) {
      const docs: [string, Y.Doc][] = world.honestDevices.map((device) => [
        device.name,
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
      }
      return problems;
    }
  },
  {
    name: 'every honest device holds the same checked records',
    check(world) {
      const [reference, ...others] = honest(world);
      if (!reference) return [];
      const text = dataText(reference.records.data);
      return others
        .filter((device) => dataText(device.records.data) !== text)
        .map(
          (device) =>
            `${device.name} differs from ${reference.name}: ${dataDifference(device.records.data, reference.records.data)}`
        );
    }
  },
  {
    name: 'a device opening the session now reads the same records from its doc',
    check(world) {
      const [reference] = honest(world);
      if (!reference) return [];
      const copy = new Y.Doc({ guid: 'fuzz' });
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(reference.doc));
      const fresh = new SessionRecords(copy, {
        roomId: world.setup.roomId,
        verifier: world.setup.verifier,
        verifyNow: world.options.verifyNow
      });
      const same = dataText(fresh.data) === dataText(reference.records.data);
      const difference = same ? '' : dataDifference(fresh.data, reference.records.data);
      fresh.destroy();
      copy.destroy();
      return same
        ? []
        : [`a fresh reader of ${reference.name}'s doc holds other records: ${difference}`];
    }
  },
  {
    name: 'every honest device shows the same session',
    check(world) {
      const [reference, ...others] = honest(world);
      if (!reference) return [];
      const view = neutralView(reference.records.data);
      const text = viewText(view);
      return others.flatMap((device) => {
        const other = neutralView(device.records.data);
        return viewText(other) === text
          ? []
          : [
              `${device.name} shows another session than ${reference.name}: ${viewDifference(other, view)}`
            ];
      });
    }
  },
  {
    name: 'each honest record is its writer’s, at least as new as accepted, losing nothing accepted',
    check(world, ledger) {
      const [reference] = honest(world);
      if (!reference) return [];
      const data = reference.records.data;
      const accepted = acceptance(world);
      const problems: string[] = [];
      const judge = (
        root: Root,
        key: string,
        final: { seq: number; at: number; data: unknown } | undefined,
        lost: (final: unknown, accepted: unknown) => string[]
      ): void => {
        const kept = ledger.writesOf(root, key).filter(accepted);
        const where = `${root} ${key || '(flow)'}`;
        if (final && !ledger.wrote(root, key, final.seq, final.at, final.data)) {
          problems.push(`${where}: holds seq ${final.seq}, which no honest device wrote`);
          return;
        }
        for (const write of kept) {
          const seen = `d${write.device}'s accepted seq ${write.seq} (#${write.step})`;
          const missing = !final
            ? [`${seen}: gone`]
            : [
                ...(write.seq > final.seq ? [`${seen}: seq ${final.seq} holds instead`] : []),
                ...lost(final.data, write.data).map(
                  (what) => `${seen} said ${what}, which seq ${final.seq} lacks`
                )
              ];
          if (missing.length === 0) continue;
          if (lostByWriter(world, write))
            ledger.count(ledger.tolerated, 'accepted, then lost with its writer');
          else problems.push(...missing.map((problem) => `${where}: ${problem}`));
        }
      };
      const none = (): string[] => [];
      const session = data.session;
      judge(
        'session',
        sessionKey,
        session && { seq: session.seq, at: 0, data: sessionWritten(session) },
        none
      );
      if (session && canonicalJson(session.script) !== canonicalJson(world.setup.script))
        problems.push('the session’s script is not the facilitator’s');
      judge('flow', '', data.flow && { seq: data.flow.seq, at: 0, data: data.flow }, none);
      const boardKeys = new Set([
        ...data.boards.keys(),
        ...ledger.writes.filter((w) => w.root === 'boards').map((w) => w.key)
      ]);
      for (const key of boardKeys) {
        const board = data.boards.get(key);
        judge('boards', key, board && { seq: board.seq, at: 0, data: board.data }, (f, a) =>
          lostArrangement(f as BoardData, a as BoardData)
        );
      }
      const entryKeys = new Set([
        ...[...data.entries].flatMap(([step, byAuthor]) =>
          [...byAuthor.keys()]
            .filter((author) => ledger.honestAuthor(step, author))
            .map((author) => `${step}/${author}`)
        ),
        ...ledger.writes.filter((w) => w.root === 'entries').map((w) => w.key)
      ]);
      for (const key of entryKeys) {
        const [step = '', author = ''] = key.split('/');
        const entry = data.entries.get(step)?.get(author);
        judge('entries', key, entry, (f, a) => lostIdeas(f as EntryData, a as EntryData));
      }
      return problems;
    }
  },
  {
    name: 'the session counts by the rules: limits, lengths, locks and vote windows',
    check(world, ledger) {
      const [reference] = honest(world);
      if (!reference) return [];
      const data = reference.records.data;
      const view = neutralView(data);
      const problems: string[] = [];
      for (const step of world.setup.script.steps) {
        const activity = step.activity;
        const entries = data.entries.get(step.id) ?? new Map();
        const board = data.boards.get(step.id)?.data;
        if (activity.type === 'brainstorm') {
          const notes = view.notesOf(step.id);
          const columns = new Set(activity.columns.map((c) => c.id));
          const groups = new Map(view.clustersOf(step.id).map((g) => [g.id, g]));
          const removed = new Set(board?.xn ?? []);
          const perOwner = new Map<string, number>();
          const ids = new Set<string>();
          for (const note of notes) {
            const where = `${step.id}: idea ${note.id}`;
            if (ids.has(note.id)) problems.push(`${where} shows twice`);
            ids.add(note.id);
            if (removed.has(note.id))
              problems.push(`${where} shows though a facilitator removed it`);
            if (note.owner === '') {
              if (!(board?.fn ?? []).some((item) => item[0] === note.id))
                problems.push(`${where} shows as typed in by a facilitator, who did not`);
            } else {
              const entry = entries.get(note.owner);
              const item = entry?.data.n?.find((n: NoteItem) => n[0] === note.id);
              if (!entry || !item) problems.push(`${where} shows without an entry holding it`);
              else if (!counts(data, step, entry.at))
                problems.push(
                  `${where} counts though its writer saw the step locked (a ${entry.at})`
                );
              else if (stripInvisible(item[2]).trim() !== note.text.trim())
                problems.push(`${where} shows other text than its entry holds`);
              if ((entry?.data.x ?? []).includes(note.id))
                problems.push(`${where} shows though taken back`);
              perOwner.set(note.owner, (perOwner.get(note.owner) ?? 0) + 1);
            }
            const length = characterCount(note.text.trim());
            if (length === 0 || length > (activity.maxLength ?? 280))
              problems.push(`${where} shows ${length} characters`);
            if (stripInvisible(note.text) !== note.text)
              problems.push(`${where} shows control characters`);
            if (activity.anonymous && note.authorName !== undefined)
              problems.push(`${where} shows a name in an anonymous step`);
            if (!columns.has(note.column)) problems.push(`${where} is in column ${note.column}`);
            const group = note.cluster === undefined ? undefined : groups.get(note.cluster);
            if (
              note.cluster !== undefined &&
              (!group || (group.column !== undefined && group.column !== note.column))
            )
              problems.push(`${where} is in group ${note.cluster}, which does not take it`);
          }
          for (const [owner, count] of perOwner)
            if (activity.maxNotesPerPerson !== undefined && count > activity.maxNotesPerPerson)
              problems.push(
                `${step.id}: ${count} ideas of ${owner} count (at most ${activity.maxNotesPerPerson})`
              );
          // Every idea of an honest person that counts shows, as theirs.
          for (const [author, entry] of entries) {
            if (!ledger.honestAuthor(step.id, author) || !counts(data, step, entry.at)) continue;
            const taken = new Set(entry.data.x ?? []);
            const own = (entry.data.n ?? [])
              .filter((item: NoteItem) => !taken.has(item[0]))
              .sort((a: NoteItem, b: NoteItem) => a[4] - b[4] || a[0].localeCompare(b[0]))
              .slice(0, activity.maxNotesPerPerson ?? Infinity);
            for (const item of own) {
              if (removed.has(item[0])) continue;
              const shown = notes.find((note) => note.id === item[0]);
              if (!shown || shown.owner !== author || shown.text !== item[2])
                problems.push(
                  `${step.id}: d${ledger.honestAuthor(step.id, author)?.device}'s idea ${item[0]} ${shown ? `shows as ${JSON.stringify(shown.text)} by ${shown.owner || 'a facilitator'}` : 'does not show'}`
                );
            }
          }
        } else if (activity.type === 'vote') {
          const items = view.voteItemsOf(step).map((item) => item.id);
          const dots = new Map<string, number>();
          const voters = new Map<string, number>();
          for (const [author, entry] of entries) {
            const counted = view.ballotOf(step, author);
            const raw = entry.data.b ?? {};
            const honestVoter = ledger.honestAuthor(step.id, author);
            const where = `${step.id}: ballot of ${honestVoter ? `d${honestVoter.device}` : author}`;
            const open = counts(data, step, entry.at);
            if (!open && Object.keys(counted).length > 0)
              problems.push(`${where} counts though written outside the vote (a ${entry.at})`);
            if (sum(Object.values(counted)) > activity.dots)
              problems.push(`${where} counts too many dots`);
            for (const [item, count] of Object.entries(counted)) {
              if (!items.includes(item)) problems.push(`${where} counts a dot on ${item}, no item`);
              if (count > activity.maxPerItem || count > (raw[item] ?? 0) || count <= 0)
                problems.push(`${where} counts ${count} on ${item} (${raw[item] ?? 0} written)`);
              dots.set(item, (dots.get(item) ?? 0) + count);
              voters.set(item, (voters.get(item) ?? 0) + 1);
            }
            if (open && honestVoter) {
              const expected = Object.fromEntries(
                Object.entries(raw).filter(([item]) => items.includes(item))
              );
              if (canonicalJson(expected) !== canonicalJson(counted))
                problems.push(
                  `${where} counts ${canonicalJson(counted)}, not the ${canonicalJson(expected)} written`
                );
            }
          }
          for (const row of view.tallyOf(step)) {
            if (
              row.dots !== (dots.get(row.itemId) ?? 0) ||
              row.voters !== (voters.get(row.itemId) ?? 0)
            )
              problems.push(
                `${step.id}: ${row.itemId} tallies ${row.dots} dots from ${row.voters}; the ballots give ${dots.get(row.itemId) ?? 0} from ${voters.get(row.itemId) ?? 0}`
              );
          }
        } else if (activity.type === 'pick') {
          const cards = view.cardsOf(step).map((card) => card.id);
          const tally = new Map<string, number>();
          for (const [author, entry] of entries) {
            const counted = view.picksOf(step, author);
            const raw = entry.data.p ?? [];
            const where = `${step.id}: picks of ${author}`;
            const open = counts(data, step, entry.at);
            if (!open && counted.length > 0)
              problems.push(`${where} count though written after the lock`);
            if (counted.length > activity.max || new Set(counted).size !== counted.length)
              problems.push(`${where} count ${counted.length} cards`);
            for (const card of counted) {
              if (!cards.includes(card) || !raw.includes(card))
                problems.push(`${where} count ${card}`);
              tally.set(card, (tally.get(card) ?? 0) + 1);
            }
            if (
              open &&
              ledger.honestAuthor(step.id, author) &&
              canonicalJson(raw) !== canonicalJson(counted)
            )
              problems.push(
                `${where} count ${canonicalJson(counted)}, not the ${canonicalJson(raw)} picked`
              );
          }
          for (const row of view.pickCounts(step))
            if (row.count !== (tally.get(row.cardId) ?? 0))
              problems.push(
                `${step.id}: ${row.cardId} counts ${row.count}, the picks give ${tally.get(row.cardId) ?? 0}`
              );
        } else if (activity.type === 'round') {
          const max = activity.maxLength ?? 80;
          const expected: string[] = [];
          for (const [, entry] of entries) {
            if (entry.data.t === undefined || !counts(data, step, entry.at)) continue;
            const answer = countedAnswer(entry.data.t, max);
            if (answer !== undefined) expected.push(answer);
          }
          const shown = [...view.answersOf(step)].sort();
          if (canonicalJson(shown) !== canonicalJson(expected.sort()))
            problems.push(
              `${step.id}: answers ${canonicalJson(shown)}, the entries give ${canonicalJson(expected)}`
            );
        } else if (activity.type === 'actions') {
          const removed = new Set(board?.xa ?? []);
          for (const action of view.actionsOf(step.id)) {
            if (removed.has(action.id))
              problems.push(`${step.id}: agreement ${action.id} shows though removed`);
            if (!action.what || characterCount(action.what) > 200)
              problems.push(
                `${step.id}: agreement ${action.id} shows ${characterCount(action.what)} characters`
              );
          }
        }
      }
      return problems;
    }
  },
  {
    name: 'the hub’s database holds what the hub serves',
    check(world) {
      const { document, store } = world.hub;
      if (!document || !store) return [];
      const stored = docFromUpdates(store.updates(world.setup.roomId));
      const ok = sameState(stored, document);
      stored.destroy();
      return ok ? [] : ['the rows in SQLite do not rebuild the hub’s document'];
    }
  },
  {
    name: 'a device reloaded from IndexedDB shows what it showed before',
    check(world) {
      return world.honestDevices
        .filter((device) => device.hasStorage)
        .filter((device) => {
          const stored = docFromUpdates(device.storage.flushed);
          const same = sameState(stored, device.doc);
          stored.destroy();
          return !same;
        })
        .map((device) => `${device.name}'s IndexedDB does not rebuild its doc`);
    }
  }
];
