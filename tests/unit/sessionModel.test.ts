import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { roomIdentity } from '../../src/lib/access/identity.ts';
import { may, type Command } from '../../src/lib/model/decide.ts';
import { mergeBoards, mergeEntries } from '../../src/lib/model/merge.ts';
import { entryKey, roots, type EntryData, type NoteItem } from '../../src/lib/model/records.ts';
import { signEntry } from '../../src/lib/model/signedRecords.ts';
import { builtinScript } from '../../src/lib/scripts/catalog.ts';
import type { Script } from '../../src/lib/scripts/schema.ts';
import { newRoom, type Person, type Room } from './sessionHarness.ts';

/*
 * The session model's rules, command by command, for each role and state, through the real
 * clients (decide -> sign -> write -> check -> project) on one doc.
 */

const script = (id: string): Script => {
  const found = builtinScript(id);
  if (!found) throw new Error(`${id} is built in`);
  return found;
};
const swot = script('swot');
const warmStart = script('warm-start');

let ids = 0;
const nextId = (): string => `idee${++ids}`;
const add = (who: Person, stepId: string, column: string, text: string, name?: string): string => {
  const id = nextId();
  who.must({ type: 'addNote', stepId, id, column, text, name, now: Date.UTC(2025, 2, 12, 10) });
  return id;
};
const refusal = (who: Person, command: Command): string | undefined => {
  const decision = who.run(command);
  return decision.ok ? undefined : decision.reason;
};
const texts = (who: Person, stepId: string): string[] =>
  who.client.view.notesOf(stepId).map((note) => note.text);

/** A SWOT room at its brainstorm, with a participant "ann". */
function swotRoom(): { room: Room; ann: Person; ben: Person } {
  const room = newRoom(swot);
  room.goTo('swot');
  return { room, ann: room.person('ann'), ben: room.person('ben') };
}

/** Writes an entry as a modified app would: signed by its own key, any content, any `at`. */
function writeOwnEntry(
  room: Room,
  name: string,
  stepId: string,
  at: number,
  data: EntryData
): void {
  const author = roomIdentity(`device-${name}`, room.roomId).author(stepId);
  room.doc
    .getMap(roots.entries)
    .set(entryKey(stepId, author.id), signEntry(room.roomId, stepId, author, 1, at, data));
}

describe('ideas', () => {
  it('a participant adds ideas while the step is open, not after it is locked', () => {
    const { room, ann } = swotRoom();
    add(ann, 'swot', 'sterktes', 'Veel vrijwilligers');
    expect(texts(room.facilitator, 'swot')).toEqual(['Veel vrijwilligers']);
    room.steer({ type: 'lock' });
    expect(
      refusal(ann, {
        type: 'addNote',
        stepId: 'swot',
        id: nextId(),
        column: 'kansen',
        text: 'Te laat',
        now: 0
      })
    ).toBe('locked');
    room.steer({ type: 'unlock' });
    add(ann, 'swot', 'kansen', 'Weer open');
    expect(texts(room.facilitator, 'swot')).toHaveLength(2);
  });

  it('refuses empty and too long ideas, unknown columns and other activities', () => {
    const { ann } = swotRoom();
    const base = {
      type: 'addNote',
      stepId: 'swot',
      id: nextId(),
      column: 'sterktes',
      now: 0
    } as const;
    expect(ann.run({ ...base, text: '   ' })).toMatchObject({ ok: false, reason: 'empty' });
    expect(ann.run({ ...base, text: 'x'.repeat(281) })).toMatchObject({
      ok: false,
      reason: 'tooLong',
      length: 281
    });
    expect(refusal(ann, { ...base, column: 'geen', text: 'x' })).toBe('unknownColumn');
    expect(refusal(ann, { ...base, stepId: 'uitleg', text: 'x' })).toBe('wrongActivity');
    expect(refusal(ann, { ...base, stepId: 'nergens', text: 'x' })).toBe('unknownStep');
  });

  it('keeps to the maximum per person', () => {
    const room = newRoom(warmStart);
    room.goTo('wat-ik-meebreng');
    const ann = room.person('ann');
    for (const text of ['een', 'twee', 'drie']) add(ann, 'wat-ik-meebreng', 'meebreng', text);
    expect(
      refusal(ann, {
        type: 'addNote',
        stepId: 'wat-ik-meebreng',
        id: nextId(),
        column: 'meebreng',
        text: 'vier',
        now: 0
      })
    ).toBe('limit');
    // A modified app that writes more counts for the maximum only, the first ones.
    writeOwnEntry(room, 'veel', 'wat-ik-meebreng', room.facilitator.client.view.flow?.seq ?? 0, {
      n: ['a', 'b', 'c', 'd'].map((text, i): NoteItem => [`veel${i}`, 'meebreng', text, 0, 100 + i])
    });
    expect(texts(room.facilitator, 'wat-ik-meebreng')).toEqual([
      'een',
      'twee',
      'drie',
      'a',
      'b',
      'c'
    ]);
  });

  it('a participant changes, moves and takes back only their own ideas, while the step is open', () => {
    const { room, ann, ben } = swotRoom();
    const own = add(ann, 'swot', 'sterktes', 'Fietsen mt de buurt');
    const bens = add(ben, 'swot', 'zwaktes', 'Samen koken');
    ann.must({ type: 'editNote', noteId: own, text: 'Fietsen met de buurt' });
    expect(refusal(ann, { type: 'editNote', noteId: bens, text: 'x' })).toBe('notYours');
    expect(refusal(ann, { type: 'moveNote', noteId: bens, column: 'kansen' })).toBe('notYours');
    expect(refusal(ann, { type: 'removeNote', noteId: bens })).toBe('notYours');
    // Buttons ask may(): a move to the column it is in says "allowed" only for one's own idea.
    expect(
      may(ann.client.actor, { type: 'moveNote', noteId: bens, column: 'zwaktes' }, ann.client.view)
    ).toBe(false);
    expect(
      may(
        ann.client.actor,
        { type: 'editNote', noteId: bens, text: 'Samen koken' },
        ann.client.view
      )
    ).toBe(false);
    expect(
      may(ann.client.actor, { type: 'moveNote', noteId: own, column: 'sterktes' }, ann.client.view)
    ).toBe(true);
    ann.must({ type: 'moveNote', noteId: own, column: 'kansen' });
    expect(room.facilitator.client.view.note(own)).toMatchObject({
      column: 'kansen',
      text: 'Fietsen met de buurt'
    });
    room.steer({ type: 'lock' });
    expect(refusal(ann, { type: 'editNote', noteId: own, text: 'Nog eens' })).toBe('locked');
    expect(refusal(ann, { type: 'moveNote', noteId: own, column: 'sterktes' })).toBe('locked');
    expect(refusal(ann, { type: 'removeNote', noteId: own })).toBe('locked');
    room.steer({ type: 'unlock' });
    ann.must({ type: 'removeNote', noteId: own });
    expect(texts(room.facilitator, 'swot')).toEqual(['Samen koken']);
  });

  it('an idea whose words change stays where it is, also where the facilitator put it', () => {
    const { room, ann, ben } = swotRoom();
    const first = add(ann, 'swot', 'sterktes', 'Fietsen mt de buurt');
    const second = add(ann, 'swot', 'sterktes', 'Samen kokn');
    add(ben, 'swot', 'sterktes', 'De bib');
    room.facilitator.must({ type: 'moveNote', noteId: first, column: 'kansen' });
    ann.must({ type: 'editNote', noteId: first, text: 'Fietsen met de buurt' });
    ann.must({ type: 'editNote', noteId: second, text: 'Samen koken' });
    const view = room.facilitator.client.view;
    expect(view.note(first)).toMatchObject({ column: 'kansen', text: 'Fietsen met de buurt' });
    const sterktes = view.notesOf('swot').filter((note) => note.column === 'sterktes');
    expect(sterktes.map((note) => note.text)).toEqual(['Samen koken', 'De bib']);
    // Taken back: its time of changed words goes with it (the record stays within its caps).
    ann.must({ type: 'removeNote', noteId: second });
    expect(texts(room.facilitator, 'swot').sort()).toEqual(['De bib', 'Fietsen met de buurt']);
    const entries = [...(ann.records.data.entries.get('swot')?.values() ?? [])];
    expect(entries.flatMap((entry) => Object.keys(entry.data.e ?? {}))).toEqual([first]);
  });

  it('the facilitator types in ideas (also on a locked step), moves and removes any idea, edits only their own', () => {
    const { room, ann } = swotRoom();
    const anns = add(ann, 'swot', 'sterktes', 'Van Ann');
    room.steer({ type: 'lock' });
    const typed = add(room.facilitator, 'swot', 'kansen', 'Voor wie geen gsm heeft');
    const view = room.facilitator.client.view;
    expect(view.note(typed)).toMatchObject({ byFacilitator: true, mine: false });
    room.facilitator.must({ type: 'editNote', noteId: typed, text: 'Getypt door de begeleider' });
    expect(refusal(room.facilitator, { type: 'editNote', noteId: anns, text: 'x' })).toBe(
      'notYours'
    );
    room.facilitator.must({ type: 'moveNote', noteId: anns, column: 'bedreigingen' });
    expect(room.facilitator.client.view.note(anns)?.column).toBe('bedreigingen');
    room.facilitator.must({ type: 'removeNote', noteId: anns });
    expect(texts(ann, 'swot')).toEqual(['Getypt door de begeleider']);
  });

  it('whether the facilitator may move or delete an idea is the same for every idea of a board (the board asks once)', () => {
    const { room, ann, ben } = swotRoom();
    add(ann, 'swot', 'sterktes', 'Van Ann');
    add(ben, 'swot', 'kansen', 'Van Ben');
    add(room.facilitator, 'swot', 'zwaktes', 'Getypt');
    const answers = (): string[] => {
      const view = room.facilitator.client.view;
      const actor = room.facilitator.client.actor;
      return view
        .notesOf('swot')
        .map(
          (note) =>
            `${may(actor, { type: 'moveNote', noteId: note.id, column: note.column }, view)}/` +
            `${may(actor, { type: 'removeNote', noteId: note.id }, view)}`
        );
    };
    expect(new Set(answers())).toEqual(new Set(['true/true']));
    room.steer({ type: 'lock' });
    expect(new Set(answers())).toEqual(new Set(['true/true']));
  });

  it('the projector only shows', () => {
    const { room } = swotRoom();
    const projector = room.person('projector', 'projector');
    expect(
      refusal(projector, {
        type: 'addNote',
        stepId: 'swot',
        id: nextId(),
        column: 'kansen',
        text: 'x',
        now: 0
      })
    ).toBe('projector');
    expect(refusal(projector, { type: 'steer', action: { type: 'next' }, now: 0 })).toBe(
      'projector'
    );
  });
});

describe('what each screen shows', () => {
  it('a hidden brainstorm shows a participant their own ideas only, the projector none, until revealed', () => {
    const { room, ann, ben } = swotRoom();
    add(ann, 'swot', 'sterktes', 'Van Ann');
    add(ben, 'swot', 'zwaktes', 'Van Ben');
    const projector = room.person('projector', 'projector');
    const step = swot.steps[1] as Script['steps'][number];
    expect(ann.client.view.visibleNotes(step).map((n) => [n.text, n.mine])).toEqual([
      ['Van Ann', true]
    ]);
    expect(projector.client.view.visibleNotes(step)).toEqual([]);
    expect(room.facilitator.client.view.visibleNotes(step)).toHaveLength(2);
    room.steer({ type: 'reveal' });
    expect(ben.client.view.visibleNotes(step).map((n) => [n.text, n.mine])).toEqual([
      ['Van Ann', false],
      ['Van Ben', true]
    ]);
  });

  it('colours ideas by column, never by device; names only in steps that are not anonymous', () => {
    const { room, ann } = swotRoom();
    add(ann, 'swot', 'sterktes', 'Een', 'Ann');
    add(ann, 'swot', 'kansen', 'Twee', 'Ann');
    const notes = room.facilitator.client.view.notesOf('swot');
    expect(notes.map((n) => [n.colour, n.authorName])).toEqual([
      ['green', undefined],
      ['blue', undefined]
    ]);
    const named = newRoom(warmStart);
    named.goTo('wat-ik-meebreng');
    add(named.person('ann'), 'wat-ik-meebreng', 'meebreng', 'Tijd', 'Ann');
    expect(named.facilitator.client.view.notesOf('wat-ik-meebreng')[0]?.authorName).toBe('Ann');
  });

  it('counts what a phone wrote while it saw the step open, also when it arrives after the lock', () => {
    const { room } = swotRoom();
    const openedAt = room.facilitator.client.view.flow?.seq ?? 0;
    room.steer({ type: 'lock' });
    // A phone that was offline wrote this when the step was open (it saw the earlier state).
    writeOwnEntry(room, 'offline', 'swot', openedAt, {
      n: [['laat1', 'sterktes', 'Offline geschreven', 0, 50]]
    });
    // Written after it saw the lock: counts nowhere.
    writeOwnEntry(room, 'te-laat', 'swot', room.facilitator.client.view.flow?.seq ?? 0, {
      n: [['laat2', 'sterktes', 'Na het slot', 0, 51]]
    });
    expect(texts(room.facilitator, 'swot')).toEqual(['Offline geschreven']);
  });

  it('shows text as text: direction controls out, length within the step limit', () => {
    const { room } = swotRoom();
    const seq = room.facilitator.client.view.flow?.seq ?? 0;
    writeOwnEntry(room, 'bidi', 'swot', seq, {
      n: [
        ['bidi1', 'sterktes', '\u202eevil\u202c', 0, 60],
        ['bidi2', 'sterktes', 'x'.repeat(400), 0, 61]
      ]
    });
    expect(texts(room.facilitator, 'swot')).toEqual(['evil']);
  });
});

describe('votes and groups', () => {
  function clustered(): { room: Room; ann: Person; strong: string; weak: string; loose: string } {
    const { room, ann } = swotRoom();
    const strong = add(ann, 'swot', 'sterktes', 'Sterk');
    const weak = add(ann, 'swot', 'zwaktes', 'Zwak');
    const loose = add(ann, 'swot', 'zwaktes', 'Los');
    room.goTo('bundelen');
    room.facilitator.must({
      type: 'createCluster',
      stepId: 'swot',
      id: 'groep1',
      name: 'Mensen',
      column: 'sterktes'
    });
    room.facilitator.must({ type: 'assignCluster', noteId: strong, clusterId: 'groep1' });
    return { room, ann, strong, weak, loose };
  }

  it('groups keep to their column', () => {
    const { room, ann, weak } = clustered();
    expect(
      refusal(room.facilitator, { type: 'assignCluster', noteId: weak, clusterId: 'groep1' })
    ).toBe('otherColumn');
    expect(refusal(ann, { type: 'createCluster', stepId: 'swot', id: 'g2', name: 'x' })).toBe(
      'notFacilitator'
    );
    expect(
      refusal(room.facilitator, {
        type: 'createCluster',
        stepId: 'swot',
        id: 'g3',
        name: 'x',
        column: 'geen'
      })
    ).toBe('unknownColumn');
    expect(refusal(room.facilitator, { type: 'renameCluster', clusterId: 'geen', name: 'x' })).toBe(
      'unknownCluster'
    );
    room.facilitator.must({ type: 'renameCluster', clusterId: 'groep1', name: 'Vrijwilligers' });
    expect(room.facilitator.client.view.clustersOf('swot')).toEqual([
      { id: 'groep1', stepId: 'swot', name: 'Vrijwilligers', column: 'sterktes', position: 1 }
    ]);
  });

  it('a vote takes dots only while open, within the rules, and tells which ideas are in no group', () => {
    const { room, ann, loose, weak } = clustered();
    room.goTo('stemmen');
    const vote = swot.steps.find((s) => s.id === 'stemmen') as Script['steps'][number];
    expect(room.facilitator.client.view.ungroupedOf(vote).map((n) => n.id)).toEqual([weak, loose]);
    expect(refusal(ann, { type: 'addDot', stepId: 'stemmen', itemId: 'groep1' })).toBe('notOpen');
    room.steer({ type: 'openVote' });
    ann.must({ type: 'addDot', stepId: 'stemmen', itemId: 'groep1' });
    ann.must({ type: 'addDot', stepId: 'stemmen', itemId: 'groep1' });
    expect(refusal(ann, { type: 'addDot', stepId: 'stemmen', itemId: 'groep1' })).toBe('itemFull');
    expect(refusal(ann, { type: 'addDot', stepId: 'stemmen', itemId: 'onbekend' })).toBe(
      'unknownItem'
    );
    ann.must({ type: 'removeDot', stepId: 'stemmen', itemId: 'groep1' });
    expect(refusal(ann, { type: 'removeDot', stepId: 'stemmen', itemId: 'onbekend' })).toBe(
      'noChange'
    );
    expect(room.facilitator.client.view.tallyOf(vote)).toEqual([
      { itemId: 'groep1', dots: 1, voters: 1 }
    ]);
    room.steer({ type: 'closeVote' });
    expect(refusal(ann, { type: 'addDot', stepId: 'stemmen', itemId: 'groep1' })).toBe('notOpen');
    // A ballot a modified app writes outside the window counts for nothing.
    writeOwnEntry(room, 'na-sluiten', 'stemmen', room.facilitator.client.view.flow?.seq ?? 0, {
      b: { groep1: 2 }
    });
    expect(room.facilitator.client.view.tallyOf(vote)).toEqual([
      { itemId: 'groep1', dots: 1, voters: 1 }
    ]);
    expect(room.facilitator.client.view.voterCount(vote)).toBe(1);
  });

  it('picks and answers follow the step’s limits', () => {
    const room = newRoom(script('werf-4-samenwerking'));
    const ann = room.person('ann');
    room.goTo('rollen-kiezen');
    ann.must({ type: 'togglePick', stepId: 'rollen-kiezen', cardId: 'visiebewaker' });
    ann.must({ type: 'togglePick', stepId: 'rollen-kiezen', cardId: 'netwerkoperator' });
    expect(
      refusal(ann, { type: 'togglePick', stepId: 'rollen-kiezen', cardId: 'creatieve-denker' })
    ).toBe('tooMany');
    expect(
      refusal(ann, { type: 'togglePick', stepId: 'rollen-kiezen', cardId: 'geen-kaart' })
    ).toBe('unknownItem');
    room.goTo('check-out');
    expect(ann.run({ type: 'setAnswer', stepId: 'check-out', text: 'x'.repeat(31) })).toMatchObject(
      { ok: false, reason: 'tooLong' }
    );
    ann.must({ type: 'setAnswer', stepId: 'check-out', text: '  Blij  ' });
    const checkOut = room.facilitator.client.view.stepById('check-out') as Script['steps'][number];
    expect(room.facilitator.client.view.answersOf(checkOut)).toEqual(['Blij']);
    expect(ann.client.view.ownAnswer(checkOut)).toBe('Blij');
  });

  it('agreements and steering are the facilitator’s', () => {
    const { room, ann } = swotRoom();
    expect(refusal(ann, { type: 'steer', action: { type: 'next' }, now: 0 })).toBe(
      'notFacilitator'
    );
    expect(
      refusal(ann, {
        type: 'addAction',
        stepId: 'volgende-stappen',
        id: 'a1',
        what: 'x',
        who: '',
        when: ''
      })
    ).toBe('notFacilitator');
    expect(
      room.facilitator.run({
        type: 'addAction',
        stepId: 'volgende-stappen',
        id: 'a1',
        what: ' ',
        who: '',
        when: ''
      })
    ).toMatchObject({ ok: false, reason: 'empty', field: 'what' });
    room.facilitator.must({
      type: 'addAction',
      stepId: 'volgende-stappen',
      id: 'a1',
      what: 'Flyer',
      who: 'Ann',
      when: 'maart'
    });
    expect(ann.client.view.actionsOf().map((a) => a.what)).toEqual(['Flyer']);
    room.facilitator.must({ type: 'removeAction', actionId: 'a1' });
    expect(refusal(room.facilitator, { type: 'removeAction', actionId: 'a1' })).toBe(
      'unknownAction'
    );
    expect(
      refusal(room.facilitator, {
        type: 'start',
        title: 'Nog eens',
        script: swot,
        facilitatorKey: 'x'
      })
    ).toBe('started');
    room.facilitator.must({ type: 'rename', title: 'Nieuwe naam' });
    expect(ann.client.view.title).toBe('Nieuwe naam');
  });
});

describe('two versions written at once', () => {
  it('two tabs of one phone that add an idea at the same moment keep both', () => {
    const a = new Y.Doc();
    const room = newRoom(swot, { doc: a });
    room.goTo('swot');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const tabA = room.person('ann');
    // The second tab: the same device secret, on its own doc.
    const tabB = newRoomPerson(room, b, 'ann');
    add(tabA, 'swot', 'sterktes', 'Uit tab A');
    add(tabB, 'swot', 'kansen', 'Uit tab B');
    // Both sync: one version wins in Yjs, and the tab that lost writes both merged.
    for (let round = 0; round < 3; round++) {
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    }
    expect(texts(room.facilitator, 'swot').sort()).toEqual(['Uit tab A', 'Uit tab B']);
  });

  it('merges items by their time and keeps removals, the same in any order', () => {
    const x: EntryData = {
      n: [
        ['i1', 'c', 'oud', 0, 1],
        ['i2', 'c', 'twee', 0, 2]
      ]
    };
    const y: EntryData = { n: [['i1', 'c', 'nieuw', 0, 5]], x: ['i2'] };
    expect(mergeEntries(x, y)).toEqual({ n: [['i1', 'c', 'nieuw', 0, 5]], x: ['i2'] });
    expect(mergeEntries(y, x)).toEqual(mergeEntries(x, y));
    expect(mergeEntries(mergeEntries(x, y), y)).toEqual(mergeEntries(x, y));
    // One tab moved an idea, the other changed its words: the merge keeps both changes.
    const moved: EntryData = { n: [['i1', 'k', 'oud', 0, 5]] };
    const reworded: EntryData = { n: [['i1', 'c', 'nieuw', 0, 1]], e: { i1: 6 } };
    const later: EntryData = { n: [['i1', 'c', 'nieuwer', 0, 1]], e: { i1: 7 } };
    const both: EntryData = { n: [['i1', 'k', 'nieuw', 0, 5]], e: { i1: 6 } };
    expect(mergeEntries(moved, reworded)).toEqual(both);
    expect(mergeEntries(reworded, moved)).toEqual(both);
    expect(mergeEntries(both, reworded)).toEqual(both);
    expect(mergeEntries(mergeEntries(moved, reworded), later)).toEqual(
      mergeEntries(moved, mergeEntries(reworded, later))
    );
    expect(mergeEntries(mergeEntries(later, moved), reworded)).toEqual({
      n: [['i1', 'k', 'nieuwer', 0, 5]],
      e: { i1: 7 }
    });
    const p = { g: { g1: ['A', '', 1, 3] as [string, string, number, number] }, xn: ['n1'] };
    const q = { g: { g1: ['B', '', 1, 4] as [string, string, number, number] }, xn: ['n2'] };
    expect(mergeBoards(p, q)).toEqual({ g: { g1: ['B', '', 1, 4] }, xn: ['n1', 'n2'] });
    expect(mergeBoards(q, p)).toEqual(mergeBoards(p, q));
  });
});

import { deriveRoomSecrets } from '../../src/lib/access/roomKeys.ts';
import { verifyInJs } from '../../src/lib/access/signatures.ts';
import { SessionClient } from '../../src/lib/sync/SessionClient.ts';
import { SessionRecords } from '../../src/lib/sync/SessionRecords.ts';

/** A participant with a given device secret on another doc of the same room. */
function newRoomPerson(room: Room, doc: Y.Doc, name: string): Person {
  const { roomId, verifier } = deriveRoomSecrets(room.roomKey);
  const records = new SessionRecords(doc, { roomId, verifier, verifyNow: verifyInJs });
  const client = new SessionClient(doc, records, {
    roomId,
    role: 'participant',
    locale: 'nl',
    identity: roomIdentity(`device-${name}`, roomId),
    origin: `local:${name}:b`
  });
  return {
    client,
    records,
    secret: `device-${name}`,
    run: (command) => client.run(command),
    must(command) {
      const decision = client.run(command);
      if (!decision.ok) throw new Error(`${command.type} refused (${decision.reason})`);
    }
  };
}

describe('records stay within their caps', () => {
  it('refuses the idea that would not fit a person’s entry, instead of losing the entry', () => {
    const { room, ann } = swotRoom();
    for (let i = 0; i < 100; i++) add(ann, 'swot', 'sterktes', `Idee ${i}`);
    expect(
      refusal(ann, {
        type: 'addNote',
        stepId: 'swot',
        id: nextId(),
        column: 'sterktes',
        text: 'Eén te veel',
        now: 0
      })
    ).toBe('limit');
    expect(texts(room.facilitator, 'swot')).toHaveLength(100);
    // A fresh device reads the same 100.
    expect(texts(room.person('nieuw'), 'swot')).toHaveLength(100);
  });
});
