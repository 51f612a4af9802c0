import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { tally } from '../../src/lib/domain/votes.ts';
import { wordCloud } from '../../src/lib/domain/rounds.ts';
import { boardSvg, wrapText, textWidth } from '../../src/lib/export/boardSvg.ts';
import { actionsCsv, csvField, notesCsv } from '../../src/lib/export/csv.ts';
import { reportDocx } from '../../src/lib/export/docx.ts';
import { exportFile, fileBase, type ExportFormat } from '../../src/lib/export/exportFiles.ts';
import { isRightToLeft } from '../../src/lib/export/exportText.ts';
import { hyphenatorFor } from '../../src/lib/export/hyphenation.ts';
import { markdownText, reportMarkdown } from '../../src/lib/export/markdown.ts';
import { readSessionData, sessionSnapshot } from '../../src/lib/export/readSessionData.ts';
import { reportWords } from '../../src/lib/export/reportWords.ts';
import type { SessionData } from '../../src/lib/export/sessionData.ts';
import {
  hasBoard,
  selectStep,
  snapshotOf,
  type SessionSnapshot,
  type StepSnapshot
} from '../../src/lib/export/snapshot.ts';
import { reportXlsx } from '../../src/lib/export/xlsx.ts';
import { builtinScript } from '../../src/lib/scripts/catalog.ts';
import { readNotes } from '../../src/lib/sync/boardDoc.ts';
import { readPersonal } from '../../src/lib/sync/sessionDoc.ts';
import { authors, buildFixture, buildSwotFixture, quadrantNames, tricky } from './exportFixture.ts';
import { parseCsv } from '../support/csv.ts';
import { solidPng } from '../support/png.ts';
import { readWorkbook, type ReadSheet } from '../support/xlsx.ts';

const nl = reportWords('nl');
const en = reportWords('en');
const timeZone = 'Europe/Brussels';
const extras = {
  partners: 'OCMW Lier, bib, Jeugddienst, vzw Welzijnsschakels',
  conclusion: 'De partners willen verder. Eerst het subsidiedossier, daarna de jongeren.'
};

function snapshotOf4(anonymise = false): SessionSnapshot {
  const { doc, record } = buildFixture();
  return sessionSnapshot(doc, record, { anonymise });
}

function swotSnapshot(): SessionSnapshot {
  const { doc, record } = buildSwotFixture();
  return sessionSnapshot(doc, record, { extras });
}

function step<K extends StepSnapshot['kind']>(
  snapshot: SessionSnapshot,
  id: string,
  kind: K
): Extract<StepSnapshot, { kind: K }> {
  const found = snapshot.steps.find((s) => s.id === id);
  if (found?.kind !== kind) throw new Error(`step ${id} is not a ${kind}`);
  return found as Extract<StepSnapshot, { kind: K }>;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

describe('session snapshot', () => {
  it('reads steps, groups, tallies, picks and answers with the domain rules', () => {
    const { doc, record, script } = buildFixture();
    const snapshot = sessionSnapshot(doc, record);
    expect(snapshot.title).toBe(record.title);
    expect(snapshot.scriptTitle).toBe('Werf 4: De netwerksamenwerking');
    expect(snapshot.steps.map((s) => s.id)).toEqual(script.steps.map((s) => s.id));
    // Amina, Bram, Chloé and the facilitator's note on behalf of someone.
    expect(snapshot.participants).toBe(4);

    const plans = step(snapshot, 'plannen', 'brainstorm');
    expect(plans.layout).toBe('single');
    expect(plans.voted).toBe(true);
    const groups = plans.sections[0]?.groups ?? [];
    expect(groups.map((g) => [g.name, g.dots, g.notes.map((n) => n.text)])).toEqual([
      ['Samen op stap', 4, [tricky.accents, tricky.emoji]],
      ['Middelen', 3, [tricky.commas]],
      [null, 0, [tricky.quotes, tricky.lines]]
    ]);
    // The vote was on groups: each idea's own dots are 0, its group's are separate.
    const notes = groups.flatMap((g) => g.notes);
    expect(notes.map((n) => n.dots)).toEqual([0, 0, 0, 0, 0]);
    expect(notes.map((n) => n.groupDots)).toEqual([4, 4, 3, 0, 0]);

    const vote = step(snapshot, 'plannen-kiezen', 'vote');
    const expected = tally(
      readPersonal(doc, 'ballots', 'plannen-kiezen').values(),
      { dots: 3, maxPerItem: 2 },
      ['clustersamen', 'clustermiddelen']
    );
    expect(vote.ranking.map((r) => [r.label, r.dots, r.voters, r.place])).toEqual([
      ['Samen op stap', expected[0]?.dots, expected[0]?.voters, 1],
      ['Middelen', expected[1]?.dots, expected[1]?.voters, 2]
    ]);
    expect(vote.voters).toBe(3);
    expect(vote.on).toBe('cluster');

    const picks = step(snapshot, 'rollen-kiezen', 'pick');
    expect(picks.people).toBe(3);
    expect(picks.chosen).toEqual([
      { title: 'Visiebewaker', count: 2 },
      { title: 'Netwerkoperator', count: 1 },
      { title: 'Creatieve denker', count: 1 }
    ]);
    expect(picks.unchosen).toEqual(['Netwerkpromotor', 'Netwerkkampioen']);

    const round = step(snapshot, 'check-out', 'round');
    expect(round.answers).toEqual(['Moe, maar blij', 'Verbonden 🤝', 'verbonden!']);
    expect(round.words).toEqual(wordCloud(round.answers, 'nl'));
    expect(snapshot.actions.map((a) => a.what)).toEqual([
      'Afspraak met de bib, "snel"',
      'מפגש עם ההורים'
    ]);
  });

  it('is a function of plain session data, with no doc needed', () => {
    const script = builtinScript('swot');
    const note = (id: string, column: string, text: string, cluster?: string) => ({
      id,
      step: 'swot',
      column,
      text,
      colour: 'yellow' as const,
      author: `author-${id}`,
      position: Number(id.slice(1)),
      cluster,
      created: 0
    });
    const data: SessionData = {
      title: 'Zonder doc',
      createdAt: 0,
      locale: 'nl',
      script,
      notes: [
        note('n1', 'kansen', 'Een nieuwe zaal', 'g1'),
        note('n2', 'zwaktes', 'Te weinig tijd')
      ],
      clusters: [{ id: 'g1', stepId: 'swot', name: 'Plaats', position: 1, column: 'kansen' }],
      actions: [],
      ballots: [{ stepId: 'stemmen', author: 'author-n2', value: { g1: 2 } }],
      picks: [],
      answers: []
    };
    const snapshot = snapshotOf(data);
    const swot = step(snapshot, 'swot', 'brainstorm');
    expect(swot.sections.map((s) => [s.title, s.groups.map((g) => [g.name, g.dots])])).toEqual([
      ['Sterktes', []],
      ['Zwaktes', [[null, 0]]],
      ['Kansen', [['Plaats', 2]]],
      ['Bedreigingen', []]
    ]);
    expect(snapshot.participants).toBe(2);
    // The doc reader gives the same plain data the model's reader will.
    const { doc, record } = buildSwotFixture();
    const read = readSessionData(doc, record);
    expect(snapshotOf(read, { extras })).toEqual(swotSnapshot());
  });

  it('shows a name only where the participant gave one in a named step, and none when anonymised', () => {
    const named = snapshotOf4();
    const who = step(named, 'wie-doet-wat', 'brainstorm');
    const names = who.sections.flatMap((s) =>
      s.groups.flatMap((g) => g.notes.map((n) => n.authorName))
    );
    expect(names).toEqual([undefined, 'Amina', 'Chloé "C" D., Jr']);
    const plans = step(named, 'plannen', 'brainstorm');
    const planNotes = plans.sections.flatMap((s) => s.groups.flatMap((g) => g.notes));
    expect(planNotes.some((n) => n.authorName)).toBe(false);
    const anonymous = snapshotOf4(true);
    expect(anonymous.anonymised).toBe(true);
    const all = anonymous.steps.flatMap((s) =>
      s.kind === 'brainstorm' ? s.sections.flatMap((c) => c.groups.flatMap((g) => g.notes)) : []
    );
    expect(all.some((n) => n.authorName)).toBe(false);
  });

  it('narrows to one step with that step’s agreements only and no summary', () => {
    const snapshot = snapshotOf4();
    expect(snapshot.summary).toBeDefined();
    expect(selectStep(snapshot, 'plannen').steps.map((s) => s.id)).toEqual(['plannen']);
    expect(selectStep(snapshot, 'plannen').actions).toEqual([]);
    expect(selectStep(snapshot, 'plannen').summary).toBeUndefined();
    expect(selectStep(snapshot, 'afspraken').actions).toHaveLength(2);
    expect(snapshot.steps.filter(hasBoard).map((s) => s.id)).toEqual([
      'plannen',
      'wie-doet-wat',
      'taken-werkwijze'
    ]);
  });
});

describe('the SWOT stays a SWOT', () => {
  it('reports the ideas per quadrant, groups inside their quadrant, best voted first', () => {
    const snapshot = swotSnapshot();
    const swot = step(snapshot, 'swot', 'brainstorm');
    expect(swot.layout).toBe('quadrants');
    const outline = swot.sections.map((s) => [
      s.title,
      s.groups.map((g) => [g.name, g.dots, g.notes.map((n) => n.text)])
    ]);
    expect(outline).toEqual([
      [
        'Sterktes',
        [
          [
            'Sterke partners',
            4,
            ['Bib en OCMW werken al goed samen', 'Veel vrijwilligers met ervaring']
          ],
          ['Ervaringsdeskundigen', 2, ['Ervaringsdeskundigen zitten mee aan tafel']],
          [null, 0, ['Mensen & vrijwilligers kennen elkaar']]
        ]
      ],
      [
        'Zwaktes',
        [
          ['Bereik', 2, ['-10% deelnemers sinds vorig jaar', 'We bereiken jongeren niet']],
          [null, 0, ['Vergaderingen lopen uit']]
        ]
      ],
      [
        'Kansen',
        [
          [
            'Subsidies',
            4,
            ['Nieuwe subsidie van de provincie', 'Een vrijetijdsparticipatiecoördinator aanwerven']
          ]
        ]
      ],
      // A group made before groups kept their column: its ideas place it.
      [
        'Bedreigingen',
        [['Besparingen', 3, ['Besparingen bij de gemeente', 'Minder geld voor verenigingen']]]
      ]
    ]);
    expect(quadrantNames).toEqual(swot.sections.map((s) => s.title));
    // The cluster step shows the same board, so the report can print each group once.
    expect(step(snapshot, 'bundelen', 'cluster').sections).toEqual(swot.sections);
  });

  it('counts dots once: for groups, not again on every idea of a group', () => {
    const snapshot = swotSnapshot();
    const swot = step(snapshot, 'swot', 'brainstorm');
    const groups = swot.sections.flatMap((s) => s.groups);
    const notes = groups.flatMap((g) => g.notes);
    expect(sum(groups.map((g) => g.dots))).toBe(15);
    expect(sum(notes.map((n) => n.dots))).toBe(0);
    const vote = step(snapshot, 'stemmen', 'vote');
    expect(sum(vote.ranking.map((r) => r.dots))).toBe(15);
  });

  it('opens with the outcomes: ties share a place, agreements with who and when', () => {
    const snapshot = swotSnapshot();
    const vote = step(snapshot, 'stemmen', 'vote');
    expect(vote.ranking.map((r) => [r.place, r.label, r.columnTitle, r.dots])).toEqual([
      [1, 'Sterke partners', 'Sterktes', 4],
      [1, 'Subsidies', 'Kansen', 4],
      [3, 'Besparingen', 'Bedreigingen', 3],
      [4, 'Ervaringsdeskundigen', 'Sterktes', 2],
      [4, 'Bereik', 'Zwaktes', 2]
    ]);
    expect(snapshot.summary?.votes).toEqual([
      {
        stepId: 'stemmen',
        title: 'Wat is het belangrijkst?',
        sourceTitle: 'Stil schrijven',
        top: vote.ranking
      }
    ]);
    expect(snapshot.partners).toBe(extras.partners);
    expect(snapshot.conclusion).toBe(extras.conclusion);
    const markdown = reportMarkdown(snapshot, nl);
    const summaryAt = markdown.indexOf('## Samenvatting');
    expect(summaryAt).toBeGreaterThan(0);
    expect(summaryAt).toBeLessThan(markdown.indexOf('## 1. '));
    expect(markdown).toContain(`- **Partners:** ${extras.partners}`);
    expect(markdown).toContain(`### Conclusie\n\n${extras.conclusion}`);
    expect(markdown).toContain(
      '| 1 | Sterke partners | Sterktes | 4 |\n| 1 | Subsidies | Kansen | 4 |'
    );
    expect(markdown).toContain(
      '| Subsidiedossier indienen bij de provincie | Ann (OCMW) | voor 1 juni |'
    );
  });

  it('only lists chosen cards, and the unchosen once', () => {
    const snapshot = snapshotOf4();
    expect(snapshot.summary?.picks).toEqual([
      {
        stepId: 'rollen-kiezen',
        title: 'Welke rol neem jij op?',
        chosen: step(snapshot, 'rollen-kiezen', 'pick').chosen
      }
    ]);
    const markdown = reportMarkdown(snapshot, nl);
    expect(markdown).toContain('- Visiebewaker — 2 keer gekozen');
    expect(markdown).toContain('*Niet gekozen: Netwerkpromotor en Netwerkkampioen.*');
    expect(markdown.match(/Netwerkpromotor/g)).toHaveLength(2); // the unchosen line and its empty column
    expect(markdown).not.toMatch(/Netwerkkampioen \| 0/);
  });
});

describe('Markdown report', () => {
  it('has the facts, every step, each group once and the agreements, in Dutch', () => {
    const markdown = reportMarkdown(swotSnapshot(), nl);
    expect(markdown).toMatch(/^# SWOT netwerk Vrije Tijd Lier\n/);
    expect(markdown).toContain('- **Datum:** 6 mei 2025');
    expect(markdown).toContain('- **Draaiboek:** SWOT-analyse');
    expect(markdown).toContain('- **Deelnemers:** 3');
    for (const name of quadrantNames)
      expect(markdown).toMatch(new RegExp(`^### ${name} \\(\\d ideeën?\\)$`, 'm'));
    for (const group of [
      'Sterke partners',
      'Ervaringsdeskundigen',
      'Bereik',
      'Subsidies',
      'Besparingen'
    ])
      expect(markdown.match(new RegExp(`^#### ${group}\\b`, 'gm'))).toHaveLength(1);
    expect(markdown).toContain(
      '#### Sterke partners — 4 stippen\n\n- Bib en OCMW werken al goed samen'
    );
    expect(markdown).toContain(
      '5 groepen. Je vindt ze met hun ideeën bij stap 2, ‘Stil schrijven’.'
    );
    expect(markdown).toContain('*De afspraken staan bovenaan, in de samenvatting.*');
  });

  it('reads well raw: escapes only what Markdown would misread', () => {
    const markdown = reportMarkdown(swotSnapshot(), nl);
    expect(markdown).toContain('- Mensen & vrijwilligers kennen elkaar');
    expect(markdown).toContain('- -10% deelnemers sinds vorig jaar');
    expect(markdown).not.toContain('\\&');
    expect(markdown).not.toContain('\\-');
    expect(markdownText(tricky.markup)).toBe(
      '\\<b>vet\\</b> & \\*ster\\* | \\[link\\](http://x) # =1+1'
    );
    expect(markdownText('# kop\n- lijst\n1. nummer\n---')).toBe(
      '\\# kop\\\n\\- lijst\\\n1\\. nummer\\\n\\---'
    );
    expect(markdownText('5 * 3 = 15, a_b_c is snake_case? no: _x_')).toBe(
      '5 * 3 = 15, a\\_b\\_c is snake\\_case? no: \\_x\\_'
    );
    expect(markdownText('Tom & Jerry &amp; co, 3 < 4, <b>, C:\\map')).toBe(
      'Tom & Jerry \\&amp; co, 3 < 4, \\<b>, C:\\map'
    );
    expect(markdownText('#1 prioriteit, -10%, +5, 2025. Klaar')).toBe(
      '#1 prioriteit, -10%, +5, 2025. Klaar'
    );
    expect(reportMarkdown(snapshotOf4(), nl)).not.toMatch(/(^|[^\\])<b>vet/m);
  });

  it('follows the session’s language', () => {
    const markdown = reportMarkdown(snapshotOf4(), en);
    expect(markdown).toContain('- **Date:** 12 March 2025');
    expect(markdown).toContain('## Summary');
    expect(markdown).toContain('### Agreements');
    expect(markdown).toContain('| What | Who | By when |');
  });
});

describe('CSV', () => {
  it('has one row per idea that parses back to the ideas (RFC 4180, UTF-8 with BOM)', () => {
    const { doc, record } = buildFixture();
    const snapshot = sessionSnapshot(doc, record);
    const csv = notesCsv(snapshot, nl, { timeZone });
    expect(
      csv.startsWith(
        '\ufeffStap,Kolom,Groep,Tekst,Stippen voor het idee,Stippen voor de groep,Gemaakt,Naam\r\n'
      )
    ).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(header).toHaveLength(8);
    const notes = [...readNotes(doc).values()];
    expect(rows).toHaveLength(notes.length);
    // The formula note is the one documented change: a leading apostrophe.
    const texts = rows.map((row) => row[3]);
    expect(texts.sort()).toEqual(
      notes.map((n) => (n.text.startsWith('=') ? `'${n.text}` : n.text)).sort()
    );
    const accents = rows.find((row) => row[3] === tricky.accents);
    expect(accents).toEqual([
      'Concrete plannen',
      'Concrete plannen',
      'Samen op stap',
      tricky.accents,
      '0',
      '4',
      expect.stringMatching(/^2025-03-12 \d\d:\d\d$/),
      ''
    ]);
    expect(rows.find((row) => row[3] === tricky.arabic)?.[7]).toBe('Amina');
    expect(rows.find((row) => row[3] === tricky.markup)?.[7]).toBe('Chloé "C" D., Jr');
    expect(rows.find((row) => row[3] === tricky.lines)?.[7]).toBe('');
    expect(rows.find((row) => row[3] === tricky.hebrew)?.[1]).toBe('Netwerkoperator');
  });

  it('keeps the dots columns apart: ideas own none when the vote was on groups', () => {
    const rows = parseCsv(notesCsv(swotSnapshot(), nl).slice(1)).slice(1);
    expect(rows).toHaveLength(11);
    expect(sum(rows.map((row) => Number(row[4])))).toBe(0);
    expect(rows.find((row) => row[3] === '-10% deelnemers sinds vorig jaar')).toEqual([
      'Stil schrijven',
      'Zwaktes',
      'Bereik',
      '-10% deelnemers sinds vorig jaar',
      '0',
      '2',
      expect.any(String),
      ''
    ]);
  });

  it('quotes only what needs quoting and guards real formulas without a stray apostrophe elsewhere', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a;=1+1')).toBe('"a;=1+1"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('+HYPERLINK("http://x")')).toBe('"\'+HYPERLINK(""http://x"")"');
    expect(csvField("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvField('\tfoo')).toBe('"\'\tfoo"');
    expect(csvField('-10% deelnemers')).toBe('-10% deelnemers');
    expect(csvField('+ meer tijd voor elkaar')).toBe('+ meer tijd voor elkaar');
    expect(csvField(-3)).toBe('-3');
  });

  it('lists the agreements', () => {
    const rows = parseCsv(actionsCsv(snapshotOf4(), nl).slice(1));
    expect(rows).toEqual([
      ['Stap', 'Wat', 'Wie', 'Tegen wanneer'],
      ['Afspraken', 'Afspraak met de bib, "snel"', 'Ann (OCMW)', 'voor 1 april'],
      ['Afspraken', 'מפגש עם ההורים', '', '']
    ]);
  });
});

describe('Excel workbook', () => {
  const sheet = (sheets: ReadSheet[], name: string): ReadSheet => {
    const found = sheets.find((s) => s.name === name);
    if (!found) throw new Error(`no sheet ${name}`);
    return found;
  };

  it('reads back with the ideas, their own dots and their groups’ dots', async () => {
    const { doc, record } = buildSwotFixture();
    const snapshot = sessionSnapshot(doc, record, { extras });
    const sheets = readWorkbook(await reportXlsx(snapshot, nl, { timeZone }));
    expect(sheets.map((s) => s.name)).toEqual([
      'Verslag',
      'Ideeën',
      'Groepen',
      'Stemmingen',
      'Kaarten',
      'Antwoorden',
      'Afspraken'
    ]);
    const ideas = sheet(sheets, 'Ideeën');
    expect(ideas.rows[0]).toEqual([
      'Stap',
      'Kolom',
      'Groep',
      'Tekst',
      'Stippen voor het idee',
      'Stippen voor de groep',
      'Gemaakt',
      'Naam'
    ]);
    const notes = [...readNotes(doc).values()];
    const rows = ideas.rows.slice(1);
    expect(rows.map((row) => row[3]).sort()).toEqual(notes.map((n) => n.text).sort());
    const groupDots = { Sterktes: 0, Zwaktes: 0, Kansen: 0, Bedreigingen: 0 } as Record<
      string,
      number
    >;
    for (const row of rows) {
      const note = notes.find((n) => n.text === row[3]);
      const swot = step(snapshot, 'swot', 'brainstorm');
      const group = swot.sections
        .flatMap((s) => s.groups)
        .find((g) => g.notes.some((n) => n.text === row[3]));
      expect(row[1]).toBe(
        quadrantNames[['sterktes', 'zwaktes', 'kansen', 'bedreigingen'].indexOf(note?.column ?? '')]
      );
      expect(row[2]).toBe(group?.name ?? '');
      expect(row[4]).toBe(0);
      expect(row[5]).toBe(group?.dots ?? 0);
      groupDots[String(row[1])] = Math.max(groupDots[String(row[1])] ?? 0, Number(row[5]));
    }
    expect(groupDots).toEqual({ Sterktes: 4, Zwaktes: 2, Kansen: 4, Bedreigingen: 3 });
    const groups = sheet(sheets, 'Groepen');
    expect(groups.rows.slice(1)).toEqual([
      ['Stil schrijven', 'Sterktes', 'Sterke partners', 2, 4],
      ['Stil schrijven', 'Sterktes', 'Ervaringsdeskundigen', 1, 2],
      ['Stil schrijven', 'Zwaktes', 'Bereik', 2, 2],
      ['Stil schrijven', 'Kansen', 'Subsidies', 2, 4],
      ['Stil schrijven', 'Bedreigingen', 'Besparingen', 2, 3]
    ]);
    expect(
      sheet(sheets, 'Stemmingen')
        .rows.slice(1)
        .map((row) => [row[1], row[2], row[4]])
    ).toEqual([
      [1, 'Sterke partners', 4],
      [1, 'Subsidies', 4],
      [3, 'Besparingen', 3],
      [4, 'Ervaringsdeskundigen', 2],
      [4, 'Bereik', 2]
    ]);
    expect(sheet(sheets, 'Afspraken').rows.slice(1)).toEqual([
      [
        'Mogelijke volgende stappen',
        'Subsidiedossier indienen bij de provincie',
        'Ann (OCMW)',
        'voor 1 juni'
      ],
      [
        'Mogelijke volgende stappen',
        'Jongeren bevragen in het jeugdhuis',
        'Jeugddienst',
        'na de zomer'
      ]
    ]);
    const facts = sheet(sheets, 'Verslag').rows;
    expect(facts).toContainEqual(['Partners', extras.partners]);
    expect(facts).toContainEqual(['Conclusie', extras.conclusion]);
  });

  it('stores text as text with a frozen header row and column widths', async () => {
    const sheets = readWorkbook(await reportXlsx(snapshotOf4(), nl));
    for (const s of sheets) {
      expect(s.formulas).toBe(0);
      expect(s.frozenRows).toBe(1);
      expect(s.widths.length).toBe(s.rows[0]?.length);
    }
    const ideas = sheet(sheets, 'Ideeën');
    const formula = ideas.rows.findIndex((row) => row[3] === tricky.formula);
    expect(formula).toBeGreaterThan(0);
    expect(ideas.types[formula]?.[3]).toBe('s');
    expect(ideas.rows.find((row) => row[3] === tricky.lines)?.[3]).toBe(tricky.lines);
    expect(ideas.widths[3]).toBeGreaterThan(ideas.widths[0] ?? 0);
    expect(sheet(sheets, 'Kaarten').rows.slice(1)).toEqual([
      ['Welke rol neem jij op?', 'Visiebewaker', 2],
      ['Welke rol neem jij op?', 'Netwerkoperator', 1],
      ['Welke rol neem jij op?', 'Creatieve denker', 1],
      ['Welke rol neem jij op?', 'Netwerkpromotor', 0],
      ['Welke rol neem jij op?', 'Netwerkkampioen', 0]
    ]);
    expect(sheet(sheets, 'Antwoorden').rows.slice(1)).toEqual([
      ['Check-out', 'Moe, maar blij'],
      ['Check-out', 'Verbonden 🤝'],
      ['Check-out', 'verbonden!']
    ]);
  });
});

describe('Word report', () => {
  async function parts(snapshot: SessionSnapshot, boards?: Parameters<typeof reportDocx>[2]) {
    const bytes = await reportDocx(snapshot, nl, boards);
    expect(strFromU8(bytes.slice(0, 2))).toBe('PK');
    const files = unzipSync(bytes);
    const text = (name: string): string => strFromU8(files[name] as Uint8Array);
    return { files, text };
  }

  /** The text of each paragraph with a given style. */
  const styled = (xml: string, style: string): string[] =>
    [...xml.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)]
      .map((m) => m[0])
      .filter((p) => p.includes(`<w:pStyle w:val="${style}"/>`))
      .map((p) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));

  it('has headings at the right levels: the title once at level 1, then steps, quadrants, groups', async () => {
    const { text } = await parts(swotSnapshot());
    const document = text('word/document.xml');
    expect(styled(document, 'Heading1')).toEqual(['SWOT netwerk Vrije Tijd Lier']);
    expect(styled(document, 'Title')).toEqual([]);
    const level2 = styled(document, 'Heading2');
    expect(level2[0]).toBe('Samenvatting');
    expect(level2.slice(1)).toEqual([
      '1. Waar kijken we naar?',
      '2. Stil schrijven',
      '3. Tonen en verduidelijken',
      '4. Bundelen per vak',
      '5. Wat is het belangrijkst?',
      '6. Mogelijke volgende stappen'
    ]);
    expect(styled(document, 'Heading3')).toEqual(
      [
        'Meeste stippen bij ‘Wat is het belangrijkst?’',
        'Conclusie',
        'Afspraken',
        'Sterktes (4 ideeën)',
        'Zwaktes (3 ideeën)',
        'Kansen (2 ideeën)',
        'Bedreigingen (2 ideeën)'
      ].sort((a, b) => (a === 'Conclusie' ? -1 : b === 'Conclusie' ? 1 : 0))
    );
    // Each group once.
    expect(styled(document, 'Heading4').filter((t) => t.startsWith('Sterke partners'))).toEqual([
      'Sterke partners — 4 stippen'
    ]);
    expect(document).toContain('Mensen &amp; vrijwilligers kennen elkaar');
    expect(document).toContain('-10% deelnemers sinds vorig jaar');
  });

  it('lays tables out for reading: a wide text column, fixed widths, rows that do not split', async () => {
    const { text } = await parts(swotSnapshot());
    const document = text('word/document.xml');
    const tables = [...document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    expect(tables.length).toBeGreaterThanOrEqual(4);
    for (const table of tables) {
      expect(table).toContain('<w:tblW w:type="dxa" w:w="9638"/>');
      expect(table).toContain('<w:tblLayout w:type="fixed"/>');
    }
    // The ranking: place narrow, the idea or group widest.
    const ranking = tables.find((t) => t.includes('Plaats') && t.includes('Mensen')) ?? '';
    const widths = [...ranking.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(5);
    expect(sum(widths)).toBe(9638);
    expect(Math.max(...widths)).toBe(widths[1]);
    expect(widths[0]).toBeLessThan(widths[1] ?? 0);
    const rows = ranking.match(/<w:tr>|<w:tr /g)?.length ?? 0;
    expect(ranking.match(/<w:cantSplit\/>/g)).toHaveLength(rows);
    expect(ranking).toContain('<w:tblHeader/>');
    // The SWOT as a 2×2.
    const quadrants = tables.find((t) => t.includes('Sterktes (4 ideeën)')) ?? '';
    expect([...quadrants.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]))).toEqual([
      4819, 4819
    ]);
    expect(quadrants.indexOf('Zwaktes')).toBeLessThan(quadrants.indexOf('Kansen'));
  });

  it('numbers the pages, names Kring as the author and embeds the board pictures given', async () => {
    const picture = { png: solidPng(96, 48, [255, 241, 161]), width: 1920, height: 960 };
    const { files, text } = await parts(swotSnapshot(), { boards: new Map([['swot', picture]]) });
    const footers = Object.keys(files).filter((name) => /^word\/footer\d*\.xml$/.test(name));
    expect(footers).toHaveLength(1);
    const footer = text(footers[0] ?? '');
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    expect(footer).toContain('Pagina ');
    const core = text('docProps/core.xml');
    expect(core).toContain('<dc:title>SWOT netwerk Vrije Tijd Lier</dc:title>');
    expect(core).toContain('<dc:creator>Kring</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>Kring</cp:lastModifiedBy>');
    expect(core).not.toContain('Un-named');
    const media = Object.keys(files).filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect([...(files[media[0] ?? ''] ?? []).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const document = text('word/document.xml');
    expect(document).toContain('descr="Het bord van ‘Stil schrijven’"');
    // Full text width (6.69 inch), in proportion.
    expect(document).toMatch(/<wp:extent cx="61\d{5}" cy="30\d{5}"\/>/);
    const without = await parts(swotSnapshot());
    expect(Object.keys(without.files).some((name) => name.startsWith('word/media/'))).toBe(false);
  });

  it('leaves unpicked cards out of the table and names them once', async () => {
    const { text } = await parts(snapshotOf4());
    const document = text('word/document.xml');
    expect(document.match(/Netwerkkampioen/g)).toHaveLength(2); // "niet gekozen" and its empty column
    expect(document).toContain('Niet gekozen: Netwerkpromotor en Netwerkkampioen.');
    expect(document).toContain('Hij zei &quot;dat lukt nooit&quot;');
    expect(document).toContain('&lt;b&gt;vet&lt;/b&gt; &amp; *ster*');
    expect(document).toMatch(/<w:bidi\/>[\s\S]*نحتاج/);
    expect(document).toContain('<w:rtl/>');
    expect(text('word/styles.xml')).toContain('nl-BE');
  });
});

/** How wrapped lines split a text: at a space, after the text's own hyphen, or with one added. */
function splitsOf(
  lines: readonly string[],
  text: string
): { at: number; kind: 'space' | 'own' | 'added' }[] {
  const splits: { at: number; kind: 'space' | 'own' | 'added' }[] = [];
  let at = 0;
  lines.forEach((line, index) => {
    const last = index === lines.length - 1;
    const own = text.startsWith(line, at);
    const body = own ? line : line.replace(/-$/, '');
    expect(text.startsWith(body, at)).toBe(true);
    at += body.length;
    if (last) return;
    if (text[at] === ' ') {
      splits.push({ at, kind: 'space' });
      at += 1;
    } else splits.push({ at, kind: own ? 'own' : 'added' });
  });
  expect(at).toBe(text.length);
  return splits;
}

describe('board image (SVG)', () => {
  it('draws a SWOT two by two with the groups inside each quadrant', () => {
    const snapshot = swotSnapshot();
    const svg = boardSvg(snapshot, step(snapshot, 'swot', 'brainstorm'), nl);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    expect(svg).toContain('width="1920"');
    const boxes = [
      ...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="[\d.]+" rx="12"/g)
    ].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
    expect(boxes).toHaveLength(4);
    const [s = [], w = [], o = [], t = []] = boxes;
    expect(s[1]).toBe(w[1]);
    expect(o[1]).toBe(t[1]);
    expect(o[1]).toBeGreaterThan(s[1] ?? 0);
    expect(s[0]).toBe(o[0]);
    expect(s[2]).toBeCloseTo(900, -1);
    for (const text of [
      'Sterktes (4)',
      'Zwaktes (3)',
      'Kansen (2)',
      'Bedreigingen (2)',
      'Sterke partners — 4 stippen'
    ])
      expect(svg).toContain(text);
    expect(svg).toContain('>Mensen &amp; vrijwilligers kennen</tspan>');
    expect(svg.match(/<text /g)?.length).toBe(svg.match(/<\/text>/g)?.length);
  });

  it('draws the columns and every idea of a step, escaped and wrapped', () => {
    const snapshot = snapshotOf4();
    const svg = boardSvg(snapshot, step(snapshot, 'wie-doet-wat', 'brainstorm'), nl);
    expect(svg).toContain('Visiebewaker (1)');
    expect(svg).toMatch(/Netwerkpromotor( |<\/tspan><tspan [^>]+>)\(0\)/);
    expect(svg).not.toMatch(/\d\.\d{3,}/);
    expect(svg).toContain('&lt;b&gt;vet&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('van Amina');
    expect(svg).toContain('direction="rtl"');
    const groups = boardSvg(snapshot, step(snapshot, 'plannen', 'brainstorm'), nl);
    expect(groups).toContain('Samen op stap — 4 stippen (2)');
    for (const line of ['Eerste regel', 'Tweede regel, met komma', 'Na een lege regel'])
      expect(groups).toContain(`>${line}</tspan>`);
  });

  it('wraps at word boundaries and splits long Dutch compounds only at a syllable, with a hyphen', () => {
    const hyphenate = hyphenatorFor('nl');
    const compounds = [
      'Ervaringsdeskundigen',
      'vrijetijdsparticipatiecoördinator',
      'samenwerkingsovereenkomst',
      'armoedebestrijdingsorganisaties',
      'OCMW-maatschappelijkwerker'
    ];
    for (const word of compounds)
      for (const max of [120, 160, 200, 260]) {
        const text = `De ${word} komen`;
        const lines = wrapText(text, max, 24, { hyphenate });
        for (const line of lines) expect(textWidth(line, 24)).toBeLessThanOrEqual(max);
        // Every break inside a word is after the word's own hyphen, or at a syllable of the
        // patterns with a hyphen added: never a bare cut.
        const points = hyphenate(word);
        for (const split of splitsOf(lines, text)) {
          if (split.kind === 'space') continue;
          const at = split.at - 'De '.length;
          if (split.kind === 'own') expect(word[at - 1]).toBe('-');
          else expect(points).toContain(at);
        }
      }
    expect(wrapText('Ervaringsdeskundigen', 200, 24, { hyphenate })).toEqual([
      'Ervaringsdes-',
      'kundigen'
    ]);
    expect(
      wrapText('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 150, 24, { hyphenate }).every(
        (l, i, all) => i === all.length - 1 || l.endsWith('-')
      )
    ).toBe(true);
    expect(wrapText('a\n\n\nb\n', 300, 24)).toEqual(['a', '', 'b']);
  });

  it('tells right-to-left text by its first strong letter', () => {
    expect(isRightToLeft(tricky.arabic)).toBe(true);
    expect(isRightToLeft(`12 ${tricky.hebrew}`)).toBe(true);
    expect(isRightToLeft(`Team ${tricky.hebrew}`)).toBe(false);
  });
});

describe('export files', () => {
  it('names files after the session, its date and the step', async () => {
    const snapshot = snapshotOf4();
    expect(fileBase(snapshot)).toBe('werkgroep-vrije-tijd-lier-12-3-2025-03-12');
    expect(fileBase(snapshot, 'plannen')).toBe(
      'werkgroep-vrije-tijd-lier-12-3-2025-03-12-2-concrete-plannen'
    );
    const csv = await exportFile('notesCsv', snapshot, nl, 'plannen');
    expect(csv.name).toBe(
      'werkgroep-vrije-tijd-lier-12-3-2025-03-12-2-concrete-plannen-ideeen.csv'
    );
    expect(parseCsv(new TextDecoder().decode(csv.bytes).slice(1))).toHaveLength(6);
    const xlsx = await exportFile('xlsx', snapshot, nl);
    expect(xlsx.name).toBe('werkgroep-vrije-tijd-lier-12-3-2025-03-12.xlsx');
    expect(strFromU8(xlsx.bytes.slice(0, 2))).toBe('PK');
    await expect(exportFile('svg', snapshot, nl)).rejects.toThrow();
  });
});

describe('privacy', () => {
  const outputs = async (snapshot: SessionSnapshot): Promise<string[]> => {
    const texts: string[] = [];
    const formats: ExportFormat[] = ['markdown', 'docx', 'xlsx', 'notesCsv', 'actionsCsv'];
    for (const stepId of [undefined, ...snapshot.steps.map((s) => s.id)]) {
      for (const format of formats) {
        const file = await exportFile(format, snapshot, nl, stepId);
        if (format === 'docx' || format === 'xlsx')
          texts.push(...Object.values(unzipSync(file.bytes)).map((part) => strFromU8(part)));
        else texts.push(new TextDecoder().decode(file.bytes));
      }
    }
    for (const s of snapshot.steps.filter(hasBoard)) texts.push(boardSvg(snapshot, s, nl));
    return texts;
  };

  it('no export holds an author id, a device token or a key', async () => {
    const { doc, record } = buildFixture();
    const secrets = [
      ...Object.values(authors),
      'device-amina',
      'device-bram',
      record.roomKey,
      record.facilitatorKey,
      'Bram Verborgen'
    ];
    for (const anonymise of [false, true]) {
      const texts = await outputs(sessionSnapshot(doc, record, { anonymise }));
      for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it('an anonymised export shows no name at all', async () => {
    const texts = await outputs(snapshotOf4(true));
    for (const text of texts) {
      expect(text).not.toContain('Amina');
      expect(text).not.toContain('Chloé');
    }
    expect((await outputs(snapshotOf4())).some((text) => text.includes('Amina'))).toBe(true);
  });

  it('the snapshot itself carries no author ids', () => {
    const json = JSON.stringify(snapshotOf4());
    for (const id of Object.values(authors)) expect(json).not.toContain(id);
  });
});

describe('an empty session', () => {
  it('exports without steps', async () => {
    const doc = new Y.Doc();
    const snapshot = sessionSnapshot(doc, { title: 'Leeg', createdAt: 0, locale: 'nl' });
    expect(snapshot.steps).toEqual([]);
    expect(reportMarkdown(snapshot, nl)).toContain('Deze sessie heeft nog geen stappen.');
    expect(parseCsv(notesCsv(snapshot, nl).slice(1))).toHaveLength(1);
    expect(readWorkbook(await reportXlsx(snapshot, nl))).toHaveLength(7);
  });
});
