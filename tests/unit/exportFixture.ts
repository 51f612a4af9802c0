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

/** The four SWOT quadrants as the built-in script names them. */
export const quadrantNames = ['Sterktes', 'Zwaktes', 'Kansen', 'Bedreigingen'] as const;

/**
 * A finished SWOT: ideas in all four quadrants, grouped within each quadrant (one group made
 * without a column, so only its ideas tell the column), some ideas left ungrouped, a vote on
 * the groups with a tie for first place, and agreements.
 */
export function buildSwotFixture(now = Date.UTC(2025, 4, 6, 13, 30)): Fixture {
  const script = builtinScript('swot');
  if (!script) throw new Error('swot is built in');
  const title = 'SWOT netwerk Vrije Tijd Lier';
  const room = newRoom(script, { title });
  const record = newSession({
    id: 'swotfixture000000000000000',
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
  room.goTo('swot');
  let minute = 0;
  const note = (who: Person, column: string, text: string): string => {
    const id = `swotidee${String(++minute).padStart(4, '0')}`;
    who.must({ type: 'addNote', stepId: 'swot', id, column, text, now: now + minute * 60_000 });
    return id;
  };
  const ideas = {
    partners: note(amina, 'sterktes', 'Bib en OCMW werken al goed samen'),
    vrijwilligers: note(bram, 'sterktes', 'Veel vrijwilligers met ervaring'),
    ervaring: note(chloe, 'sterktes', 'Ervaringsdeskundigen zitten mee aan tafel'),
    kennen: note(amina, 'sterktes', 'Mensen & vrijwilligers kennen elkaar'),
    min10: note(bram, 'zwaktes', '-10% deelnemers sinds vorig jaar'),
    jongeren: note(chloe, 'zwaktes', 'We bereiken jongeren niet'),
    vergaderingen: note(amina, 'zwaktes', 'Vergaderingen lopen uit'),
    subsidie: note(bram, 'kansen', 'Nieuwe subsidie van de provincie'),
    coordinator: note(chloe, 'kansen', 'Een vrijetijdsparticipatiecoördinator aanwerven'),
    besparingen: note(amina, 'bedreigingen', 'Besparingen bij de gemeente'),
    verenigingen: note(bram, 'bedreigingen', 'Minder geld voor verenigingen')
  };
  room.goTo('bundelen');
  const group = (id: string, name: string, column?: string): void =>
    room.facilitator.must({ type: 'createCluster', stepId: 'swot', id, name, column });
  group('gpartners', 'Sterke partners', 'sterktes');
  group('gervaring', 'Ervaringsdeskundigen', 'sterktes');
  group('gbereik', 'Bereik', 'zwaktes');
  group('gsubsidie', 'Subsidies', 'kansen');
  // Made without a column: its ideas say it belongs to Bedreigingen.
  group('gbesparing', 'Besparingen');
  const put = (noteId: string, clusterId: string): void =>
    room.facilitator.must({ type: 'assignCluster', noteId, clusterId });
  put(ideas.partners, 'gpartners');
  put(ideas.vrijwilligers, 'gpartners');
  put(ideas.ervaring, 'gervaring');
  put(ideas.min10, 'gbereik');
  put(ideas.jongeren, 'gbereik');
  put(ideas.subsidie, 'gsubsidie');
  put(ideas.coordinator, 'gsubsidie');
  put(ideas.besparingen, 'gbesparing');
  put(ideas.verenigingen, 'gbesparing');
  // 5 dots each, at most 2 per group: Sterke partners 4, Subsidies 4 (a tie), Besparingen 3,
  // Bereik 2, Ervaringsdeskundigen 2 (a tie), 15 dots in all.
  room.goTo('stemmen');
  room.steer({ type: 'openVote' });
  const dots = (who: Person, ...items: string[]): void => {
    for (const itemId of items) who.must({ type: 'addDot', stepId: 'stemmen', itemId });
  };
  dots(amina, 'gpartners', 'gpartners', 'gsubsidie', 'gsubsidie', 'gbesparing');
  dots(bram, 'gpartners', 'gpartners', 'gbereik', 'gbereik', 'gervaring');
  dots(chloe, 'gsubsidie', 'gsubsidie', 'gbesparing', 'gbesparing', 'gervaring');
  room.steer({ type: 'closeVote' });
  room.goTo('volgende-stappen');
  room.facilitator.must({
    type: 'addAction',
    stepId: 'volgende-stappen',
    id: 'swotactie1',
    what: 'Subsidiedossier indienen bij de provincie',
    who: 'Ann (OCMW)',
    when: 'voor 1 juni'
  });
  room.facilitator.must({
    type: 'addAction',
    stepId: 'volgende-stappen',
    id: 'swotactie2',
    what: 'Jongeren bevragen in het jeugdhuis',
    who: 'Jeugddienst',
    when: 'na de zomer'
  });
  return { doc: room.doc, record, script, view: exportView(room.doc, room.roomKey) };
}
