import * as Y from 'yjs';
import type { NoteColour } from '../../src/lib/domain/board.ts';
import { initialFlow } from '../../src/lib/domain/flow.ts';
import { toBase32 } from '../../src/lib/domain/ids.ts';
import { newSession, type SessionRecord } from '../../src/lib/domain/session.ts';
import { builtinScript } from '../../src/lib/scripts/catalog.ts';
import type { Script } from '../../src/lib/scripts/schema.ts';
import { insertNote } from '../../src/lib/sync/boardDoc.ts';
import { signFlow } from '../../src/lib/sync/flowSigning.ts';
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

/** A new session of a built-in script: its library record and a doc that holds the script. */
function startSession(
  scriptId: string,
  id: string,
  title: string,
  now: number
): Fixture & { keys: ReturnType<typeof newSessionKeys> } {
  const script = builtinScript(scriptId);
  if (!script) throw new Error(`${scriptId} is built in`);
  const keys = newSessionKeys();
  const record = newSession({ id, title, scriptId, script, locale: 'nl', ...keys, now });
  const doc = new Y.Doc();
  const identity = facilitatorIdentity(keys.facilitatorKey);
  initSession(doc, record.title, script, toBase32(identity.publicKey));
  return { doc, record, script, keys };
}

export function buildFixture(now = Date.UTC(2025, 2, 12, 9, 0)): Fixture {
  const { doc, record, script, keys } = startSession(
    'werf-4-samenwerking',
    'fixturesession0000000000000',
    'Werkgroep vrije tijd “Lier”, 12/3',
    now
  );
  const identity = facilitatorIdentity(keys.facilitatorKey);
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

/** The four SWOT quadrants as the built-in script names them. */
export const quadrantNames = ['Sterktes', 'Zwaktes', 'Kansen', 'Bedreigingen'] as const;

/**
 * A finished SWOT: ideas in all four quadrants, grouped within each quadrant (one group per
 * quadrant made before groups kept their column, so only its ideas tell the column), some
 * ideas left ungrouped, a vote on the groups with a tie for first place, and agreements.
 */
export function buildSwotFixture(now = Date.UTC(2025, 4, 6, 13, 30)): Fixture {
  const { doc, record, script } = startSession(
    'swot',
    'swotfixture000000000000000',
    'SWOT netwerk Vrije Tijd Lier',
    now
  );
  let position = 0;
  const note = (column: string, text: string, author: string, cluster?: string): void => {
    position += 1;
    insertNote(doc, {
      id: `swotnote${String(position).padStart(18, '0')}`,
      step: 'swot',
      column,
      text,
      colour: 'yellow',
      author,
      position,
      cluster,
      created: now + position * 60_000
    });
  };
  const group = (id: string, name: string, column: string | undefined, at: number): void =>
    writeCluster(doc, { id, stepId: 'swot', name, position: at, column });
  group('gpartners', 'Sterke partners', 'sterktes', 1);
  group('gervaring', 'Ervaringsdeskundigen', 'sterktes', 2);
  group('gbereik', 'Bereik', 'zwaktes', 3);
  group('gsubsidie', 'Subsidies', 'kansen', 4);
  // Made before groups kept their column: its ideas say it belongs to Bedreigingen.
  group('gbesparing', 'Besparingen', undefined, 5);
  note('sterktes', 'Bib en OCMW werken al goed samen', authors.amina, 'gpartners');
  note('sterktes', 'Veel vrijwilligers met ervaring', authors.bram, 'gpartners');
  note('sterktes', 'Ervaringsdeskundigen zitten mee aan tafel', authors.chloe, 'gervaring');
  note('sterktes', 'Mensen & vrijwilligers kennen elkaar', authors.amina);
  note('zwaktes', '-10% deelnemers sinds vorig jaar', authors.bram, 'gbereik');
  note('zwaktes', 'We bereiken jongeren niet', authors.chloe, 'gbereik');
  note('zwaktes', 'Vergaderingen lopen uit', authors.amina);
  note('kansen', 'Nieuwe subsidie van de provincie', authors.bram, 'gsubsidie');
  note('kansen', 'Een vrijetijdsparticipatiecoördinator aanwerven', authors.chloe, 'gsubsidie');
  note('bedreigingen', 'Besparingen bij de gemeente', authors.amina, 'gbesparing');
  note('bedreigingen', 'Minder geld voor verenigingen', authors.bram, 'gbesparing');
  // 5 dots each, at most 2 per group: Sterke partners 4, Subsidies 4 (a tie), Besparingen 3,
  // Bereik 2, Ervaringsdeskundigen 2 (a tie), 15 dots in all.
  writePersonal(doc, 'ballots', 'stemmen', authors.amina, {
    gpartners: 2,
    gsubsidie: 2,
    gbesparing: 1
  });
  writePersonal(doc, 'ballots', 'stemmen', authors.bram, {
    gpartners: 2,
    gbereik: 2,
    gervaring: 1
  });
  writePersonal(doc, 'ballots', 'stemmen', authors.chloe, {
    gsubsidie: 2,
    gbesparing: 2,
    gervaring: 1
  });
  writeAction(doc, {
    id: 'swotaction1',
    stepId: 'volgende-stappen',
    what: 'Subsidiedossier indienen bij de provincie',
    who: 'Ann (OCMW)',
    when: 'voor 1 juni',
    position: 1
  });
  writeAction(doc, {
    id: 'swotaction2',
    stepId: 'volgende-stappen',
    what: 'Jongeren bevragen in het jeugdhuis',
    who: 'Jeugddienst',
    when: 'na de zomer',
    position: 2
  });
  return { doc, record, script };
}
