import * as Y from 'yjs';
import type { NoteColour } from '../../src/lib/domain/board.ts';
import { initialFlow } from '../../src/lib/model/flow.ts';
import { toBase32 } from '../../src/lib/domain/ids.ts';
import { newSession, type SessionRecord } from '../../src/lib/storage/sessionRecord.ts';
import { builtinScript } from '../../src/lib/scripts/catalog.ts';
import type { Script } from '../../src/lib/scripts/schema.ts';
import { insertNote } from '../../src/lib/sync/boardDoc.ts';
import { signFlow } from '../../src/lib/access/flowSigning.ts';
import { authorIdOf } from '../../src/lib/sync/hubCredentials.ts';
import {
  deriveRoomSecrets,
  facilitatorIdentity,
  newSessionKeys
} from '../../src/lib/sync/roomAccess.ts';
import {
  initSession,
  writeAction,
  writeCluster,
  writeFlow,
  writePersonal
} from '../../src/lib/sync/sessionDoc.ts';

/*
 * A finished "Werf 4" session built with the real doc functions: notes with accents,
 * emoji, quotes, commas, line breaks and Arabic/Hebrew text; clusters, a vote on them,
 * picked roles, named notes, a check-out round and agreements.
 */

export const authors = {
  amina: authorIdOf('device-amina'),
  bram: authorIdOf('device-bram'),
  chloe: authorIdOf('device-chloe'),
  facilitator: authorIdOf('device-facilitator')
} as const;

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
}

let counter = 0;
const noteId = (): string => `note${String(++counter).padStart(22, '0')}`;

export function buildFixture(now = Date.UTC(2025, 2, 12, 9, 0)): Fixture {
  const script = builtinScript('werf-4-samenwerking');
  if (!script) throw new Error('werf-4-samenwerking is built in');
  const keys = newSessionKeys();
  const record = newSession({
    id: 'fixturesession0000000000000',
    title: 'Werkgroep vrije tijd “Lier”, 12/3',
    scriptId: script.id,
    script,
    locale: 'nl',
    ...keys,
    now
  });
  const doc = new Y.Doc();
  const identity = facilitatorIdentity(keys.facilitatorKey);
  initSession(doc, record.title, script, toBase32(identity.publicKey));
  const { roomId } = deriveRoomSecrets(keys.roomKey);
  writeFlow(
    doc,
    signFlow({ ...initialFlow(script), seq: 7, stepId: 'afspraken' }, roomId, identity.secretKey)
  );

  const note = (
    step: string,
    column: string,
    text: string,
    author: string,
    options: { name?: string; cluster?: string; colour?: NoteColour; minute?: number } = {}
  ): string => {
    const id = noteId();
    insertNote(doc, {
      id,
      step,
      column,
      text,
      colour: options.colour ?? 'yellow',
      author,
      authorName: options.name,
      position: counter,
      cluster: options.cluster,
      created: now + (options.minute ?? counter) * 60_000
    });
    return id;
  };

  // Plans (anonymous), grouped in two clusters, then voted on.
  writeCluster(doc, { id: 'clustersamen', stepId: 'plannen', name: 'Samen op stap', position: 1 });
  writeCluster(doc, { id: 'clustermiddelen', stepId: 'plannen', name: 'Middelen', position: 2 });
  note('plannen', 'plannen', tricky.accents, authors.amina, { cluster: 'clustersamen' });
  note('plannen', 'plannen', tricky.emoji, authors.bram, {
    cluster: 'clustersamen',
    colour: 'green'
  });
  note('plannen', 'plannen', tricky.commas, authors.chloe, {
    cluster: 'clustermiddelen',
    colour: 'pink'
  });
  note('plannen', 'plannen', tricky.quotes, authors.amina);
  // A modified client put a name on a note in an anonymous step: it must not be exported.
  note('plannen', 'plannen', tricky.lines, authors.bram, { name: 'Bram Verborgen' });
  writePersonal(doc, 'ballots', 'plannen-kiezen', authors.amina, {
    clustersamen: 2,
    clustermiddelen: 1
  });
  writePersonal(doc, 'ballots', 'plannen-kiezen', authors.bram, { clustersamen: 1 });
  writePersonal(doc, 'ballots', 'plannen-kiezen', authors.chloe, {
    clustermiddelen: 2,
    clustersamen: 1
  });

  // Roles picked, then who does what (a named step).
  writePersonal(doc, 'picks', 'rollen-kiezen', authors.amina, ['visiebewaker', 'netwerkoperator']);
  writePersonal(doc, 'picks', 'rollen-kiezen', authors.bram, ['visiebewaker']);
  writePersonal(doc, 'picks', 'rollen-kiezen', authors.chloe, ['creatieve-denker', 'bogus-card']);
  note('wie-doet-wat', 'visiebewaker', tricky.arabic, authors.amina, {
    name: 'Amina',
    colour: 'blue'
  });
  note('wie-doet-wat', 'netwerkoperator', tricky.hebrew, authors.bram, { colour: 'orange' });
  note('wie-doet-wat', 'creatieve-denker', tricky.markup, authors.chloe, {
    name: 'Chloé "C" D., Jr',
    colour: 'purple'
  });
  note('taken-werkwijze', 'taken', tricky.formula, authors.facilitator);

  // Agreements and the check-out round.
  writeAction(doc, {
    id: 'action1',
    stepId: 'afspraken',
    what: 'Afspraak met de bib, "snel"',
    who: 'Ann (OCMW)',
    when: 'voor 1 april',
    position: 1
  });
  writeAction(doc, {
    id: 'action2',
    stepId: 'afspraken',
    what: 'מפגש עם ההורים',
    who: '',
    when: '',
    position: 2
  });
  writePersonal(doc, 'answers', 'check-out', authors.amina, 'Verbonden 🤝');
  writePersonal(doc, 'answers', 'check-out', authors.bram, 'verbonden!');
  writePersonal(doc, 'answers', 'check-out', authors.chloe, 'Moe, maar blij');
  return { doc, record, script };
}
