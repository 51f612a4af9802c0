import type * as Y from 'yjs';
import { signEntry } from '../../src/lib/model/signedRecords.ts';
import { entryKey, roots } from '../../src/lib/model/records.ts';
import { project, type SessionView } from '../../src/lib/model/view.ts';
import { roomIdentity } from '../../src/lib/access/identity.ts';
import { newSession, type SessionRecord } from '../../src/lib/storage/sessionRecord.ts';
import { builtinScript } from '../../src/lib/scripts/catalog.ts';
import type { Script } from '../../src/lib/scripts/schema.ts';
import { readSessionData } from '../../src/lib/sync/sessionTransfer.ts';
import { newRoom, type Person } from './sessionHarness.ts';

/*
 * A finished "Werf 4" session built through the real session model (each person a client
 * with their own keys, every command through the rules): notes with accents, emoji, quotes,
 * commas, line breaks and Arabic/Hebrew text; groups, a vote on them, picked roles, named
 * notes, a check-out round and agreements. Two entries come from a modified app (signed by
 * its own key, as any app can): a name on an idea in an anonymous step, and a card that does
 * not exist among its picks.
 */

export const tricky = {
  accents: 'Café-avond met de ouders: één keer per maand, ’s avonds',
  emoji: 'Samen fietsen 🚲 naar de bib 📚👩🏽‍🦱',
  quotes: 'Hij zei "dat lukt nooit", ik zei \'wel\'',
  commas: 'Budget, vervoer, tijd, en nog meer',
  lines: 'Eerste regel\nTweede regel, met komma\n\nNa een lege regel',
  arabic: 'نحتاج إلى مكان للقاء',
  hebrew: 'צריך יותר מתנדבים',
  markup: '<b>vet</b> & *ster* | [link](http://x) # =1+1',
  formula: '=HYPERLINK("http://evil","klik")'
} as const;

export interface Fixture {
  readonly doc: Y.Doc;
  readonly record: SessionRecord;
  readonly script: Script;
  /** The session as the exports read it. */
  readonly view: SessionView;
}

/** The view an export takes of a doc (everything, as the facilitator's laptop sees it). */
export function exportView(doc: Y.Doc, roomKey: string): SessionView {
  return project(readSessionData(doc, roomKey), {
    role: 'facilitator',
    locale: 'nl',
    authorOf: () => undefined
  });
}

export function buildFixture(now = Date.UTC(2025, 2, 12, 9, 0)): Fixture {
  const script = builtinScript('werf-4-samenwerking');
  if (!script) throw new Error('werf-4-samenwerking is built in');
  const title = 'Werkgroep vrije tijd “Lier”, 12/3';
  const room = newRoom(script, { title });
  const record = newSession({
    id: 'fixturesession0000000000000',
    title,
    scriptId: script.id,
    script,
    locale: 'nl',
    roomKey: room.roomKey,
    facilitatorKey: room.facilitatorKey,
    now
  });
  const [amina, bram, chloe] = ['amina', 'bram', 'chloe'].map((name) => room.person(name)) as [
    Person,
    Person,
    Person
  ];
  let minute = 0;
  const idea = (
    who: Person,
    stepId: string,
    column: string,
    text: string,
    name?: string
  ): string => {
    const id = `idee${String(++minute).padStart(6, '0')}`;
    who.must({ type: 'addNote', stepId, id, column, text, name, now: now + minute * 60_000 });
    return id;
  };

  // Plans (anonymous), grouped in two groups, then voted on.
  room.goTo('plannen');
  const plans = [
    idea(amina, 'plannen', 'plannen', tricky.accents),
    idea(bram, 'plannen', 'plannen', tricky.emoji),
    idea(chloe, 'plannen', 'plannen', tricky.commas),
    idea(amina, 'plannen', 'plannen', tricky.quotes)
  ];
  // A modified app put a name on an idea in an anonymous step: it must not be exported.
  const rogue = roomIdentity('device-rogue', room.roomId).author('plannen');
  room.doc.getMap(roots.entries).set(
    entryKey('plannen', rogue.id),
    signEntry(room.roomId, 'plannen', rogue, 1, room.facilitator.client.view.flow?.seq ?? 0, {
      n: [['ideeverborgen', 'plannen', tricky.lines, Math.floor(now / 1000), 999, 'Bram Verborgen']]
    })
  );
  room.facilitator.must({
    type: 'createCluster',
    stepId: 'plannen',
    id: 'groepsamen',
    name: 'Samen op stap'
  });
  room.facilitator.must({
    type: 'createCluster',
    stepId: 'plannen',
    id: 'groepmiddelen',
    name: 'Middelen'
  });
  room.facilitator.must({
    type: 'assignCluster',
    noteId: plans[0] as string,
    clusterId: 'groepsamen'
  });
  room.facilitator.must({
    type: 'assignCluster',
    noteId: plans[1] as string,
    clusterId: 'groepsamen'
  });
  room.facilitator.must({
    type: 'assignCluster',
    noteId: plans[2] as string,
    clusterId: 'groepmiddelen'
  });
  room.goTo('plannen-kiezen');
  room.steer({ type: 'openVote' });
  const dots = (who: Person, ...items: string[]): void => {
    for (const itemId of items) who.must({ type: 'addDot', stepId: 'plannen-kiezen', itemId });
  };
  dots(amina, 'groepsamen', 'groepsamen', 'groepmiddelen');
  dots(bram, 'groepsamen');
  dots(chloe, 'groepmiddelen', 'groepmiddelen', 'groepsamen');
  room.steer({ type: 'closeVote' });

  // Roles picked, then who does what (a named step).
  room.goTo('rollen-kiezen');
  amina.must({ type: 'togglePick', stepId: 'rollen-kiezen', cardId: 'visiebewaker' });
  amina.must({ type: 'togglePick', stepId: 'rollen-kiezen', cardId: 'netwerkoperator' });
  bram.must({ type: 'togglePick', stepId: 'rollen-kiezen', cardId: 'visiebewaker' });
  chloe.must({ type: 'togglePick', stepId: 'rollen-kiezen', cardId: 'creatieve-denker' });
  // A modified app adds a card that does not exist: it counts for nothing.
  const odd = roomIdentity('device-odd', room.roomId).author('rollen-kiezen');
  room.doc.getMap(roots.entries).set(
    entryKey('rollen-kiezen', odd.id),
    signEntry(room.roomId, 'rollen-kiezen', odd, 1, room.facilitator.client.view.flow?.seq ?? 0, {
      p: ['bogus-card']
    })
  );
  room.goTo('wie-doet-wat');
  idea(amina, 'wie-doet-wat', 'visiebewaker', tricky.arabic, 'Amina');
  idea(bram, 'wie-doet-wat', 'netwerkoperator', tricky.hebrew);
  idea(chloe, 'wie-doet-wat', 'creatieve-denker', tricky.markup, 'Chloé "C" D., Jr');
  room.goTo('taken-werkwijze');
  idea(room.facilitator, 'taken-werkwijze', 'taken', tricky.formula);

  // Agreements and the check-out round.
  room.goTo('afspraken');
  room.facilitator.must({
    type: 'addAction',
    stepId: 'afspraken',
    id: 'afspraak1',
    what: 'Afspraak met de bib, "snel"',
    who: 'Ann (OCMW)',
    when: 'voor 1 april'
  });
  room.facilitator.must({
    type: 'addAction',
    stepId: 'afspraken',
    id: 'afspraak2',
    what: 'מפגש עם ההורים',
    who: '',
    when: ''
  });
  room.goTo('check-out');
  amina.must({ type: 'setAnswer', stepId: 'check-out', text: 'Verbonden 🤝' });
  bram.must({ type: 'setAnswer', stepId: 'check-out', text: 'verbonden!' });
  chloe.must({ type: 'setAnswer', stepId: 'check-out', text: 'Moe, maar blij' });
  room.goTo('afspraken');
  return { doc: room.doc, record, script, view: exportView(room.doc, room.roomKey) };
}
