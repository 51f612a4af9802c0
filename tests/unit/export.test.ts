import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { wordCloud } from '../../src/lib/domain/rounds.ts';
import { boardSvg, wrapText, textWidth } from '../../src/lib/export/boardSvg.ts';
import { actionsCsv, csvField, notesCsv } from '../../src/lib/export/csv.ts';
import { reportDocx } from '../../src/lib/export/docx.ts';
import { exportFile, fileBase, type ExportFormat } from '../../src/lib/export/exportFiles.ts';
import { isRightToLeft } from '../../src/lib/export/exportText.ts';
import { markdownText, reportMarkdown } from '../../src/lib/export/markdown.ts';
import { reportWords } from '../../src/lib/export/reportWords.ts';
import {
  hasBoard,
  selectStep,
  sessionSnapshot,
  type SessionSnapshot,
  type StepSnapshot
} from '../../src/lib/export/snapshot.ts';
import { buildFixture, exportView, tricky } from './exportFixture.ts';
import { parseCsv } from '../support/csv.ts';

const nl = reportWords('nl');
const en = reportWords('en');
const timeZone = 'Europe/Brussels';

function snapshotOf(anonymise = false): SessionSnapshot {
  const { view, record } = buildFixture();
  return sessionSnapshot(view, record, { anonymise });
}

/** Every author id in a fixture's doc (one per person per step). */
function authorIds(doc: Y.Doc): string[] {
  return [...doc.getMap('e').keys()].map((key) => key.split('/')[1] as string);
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

describe('session snapshot', () => {
  it('reads steps, clusters, tallies, picks and answers with the domain rules', () => {
    const { view, record, script } = buildFixture();
    const snapshot = sessionSnapshot(view, record);
    expect(snapshot.title).toBe(record.title);
    expect(snapshot.scriptTitle).toBe('Werf 4: De netwerksamenwerking');
    expect(snapshot.steps.map((s) => s.id)).toEqual(script.steps.map((s) => s.id));
    // The most people in one step: Amina, Bram, Chloé and a modified app in "plannen".
    expect(snapshot.participants).toBe(4);

    const plans = step(snapshot, 'plannen', 'brainstorm');
    expect(plans.clustered).toBe(true);
    expect(plans.groups.map((g) => [g.name, g.notes.map((n) => n.text)])).toEqual([
      ['Samen op stap', [tricky.accents, tricky.emoji]],
      ['Middelen', [tricky.commas]],
      [null, [tricky.quotes, tricky.lines]]
    ]);
    // Each note shows its cluster's dots.
    expect(plans.groups.flatMap((g) => g.notes.map((n) => n.votes))).toEqual([4, 4, 3, 0, 0]);

    const vote = step(snapshot, 'plannen-kiezen', 'vote');
    expect(vote.ranking).toEqual([
      { label: 'Samen op stap', dots: 4, voters: 3 },
      { label: 'Middelen', dots: 3, voters: 2 }
    ]);
    expect(vote.ranking.map((r) => r.dots)).toEqual([4, 3]);
    expect(vote.voters).toBe(3);
    expect(vote.on).toBe('cluster');

    const picks = step(snapshot, 'rollen-kiezen', 'pick');
    expect(picks.people).toBe(3);
    expect(picks.picks.slice(0, 3)).toEqual([
      { title: 'Visiebewaker', count: 2 },
      { title: 'Netwerkoperator', count: 1 },
      { title: 'Creatieve denker', count: 1 }
    ]);

    const round = step(snapshot, 'check-out', 'round');
    expect(round.answers).toEqual(['Moe, maar blij', 'Verbonden 🤝', 'verbonden!']);
    expect(round.words).toEqual(wordCloud(round.answers, 'nl'));
    expect(snapshot.actions.map((a) => a.what)).toEqual([
      'Afspraak met de bib, "snel"',
      'מפגש עם ההורים'
    ]);
  });

  it('shows a name only where the participant gave one in a named step, and none when anonymised', () => {
    const named = snapshotOf();
    const who = step(named, 'wie-doet-wat', 'brainstorm');
    expect(who.columns.flatMap((c) => c.notes.map((n) => n.authorName))).toEqual([
      undefined,
      'Amina',
      'Chloé "C" D., Jr'
    ]);
    const plans = step(named, 'plannen', 'brainstorm');
    expect(plans.groups.flatMap((g) => g.notes).some((n) => n.authorName)).toBe(false);
    const anonymous = snapshotOf(true);
    expect(anonymous.anonymised).toBe(true);
    const all = anonymous.steps.flatMap((s) =>
      s.kind === 'brainstorm' ? s.groups.flatMap((g) => g.notes) : []
    );
    expect(all.some((n) => n.authorName)).toBe(false);
  });

  it('narrows to one step with that step’s agreements only', () => {
    const snapshot = snapshotOf();
    expect(selectStep(snapshot, 'plannen').steps.map((s) => s.id)).toEqual(['plannen']);
    expect(selectStep(snapshot, 'plannen').actions).toEqual([]);
    expect(selectStep(snapshot, 'afspraken').actions).toHaveLength(2);
    expect(snapshot.steps.filter(hasBoard).map((s) => s.id)).toEqual([
      'plannen',
      'wie-doet-wat',
      'taken-werkwijze'
    ]);
  });
});

describe('Markdown report', () => {
  it('has the header, every step, the ranking and the agreements, in Dutch', () => {
    const markdown = reportMarkdown(snapshotOf(), nl);
    expect(markdown).toMatch(/^# Werkgroep vrije tijd “Lier”, 12\/3\n/);
    expect(markdown).toContain('- **Datum:** 12 maart 2025');
    expect(markdown).toContain('- **Draaiboek:** Werf 4: De netwerksamenwerking');
    expect(markdown).toContain('- **Deelnemers:** 4');
    expect(markdown).toContain('## 2. Concrete plannen');
    expect(markdown).toContain('### Samen op stap (2)');
    expect(markdown).toContain('1. Samen op stap — 4 stippen (van 3 mensen)');
    expect(markdown).toContain('2. Middelen — 3 stippen (van 2 mensen)');
    expect(markdown).toContain('- Visiebewaker — 2 keer gekozen');
    expect(markdown).toContain(`- ${tricky.arabic} — *van Amina*`);
    expect(markdown).toContain(
      '- Eerste regel\\\n  Tweede regel, met komma\\\n  Na een lege regel'
    );
    expect(markdown).toContain('| Afspraak met de bib, "snel" | Ann (OCMW) | voor 1 april |');
    expect(markdown).toContain('| מפגש עם ההורים | — | — |');
    for (const text of [tricky.accents, tricky.emoji, tricky.quotes, tricky.commas, tricky.hebrew])
      expect(markdown).toContain(text);
  });

  it('escapes participants’ text so it never becomes markup', () => {
    expect(markdownText(tricky.markup)).toBe(
      '\\<b\\>vet\\</b\\> \\& \\*ster\\* \\| \\[link\\](http://x) # =1+1'
    );
    expect(markdownText('# kop\n- lijst\n1. nummer')).toBe('\\# kop\\\n\\- lijst\\\n1\\. nummer');
    expect(reportMarkdown(snapshotOf(), nl)).not.toContain('<b>');
  });

  it('follows the session’s language', () => {
    const markdown = reportMarkdown(snapshotOf(), en);
    expect(markdown).toContain('- **Date:** 12 March 2025');
    expect(markdown).toContain('## Agreements');
    expect(markdown).toContain('| What | Who | By when |');
  });
});

describe('CSV', () => {
  it('has one row per note that parses back to the notes (RFC 4180, UTF-8 with BOM)', () => {
    const { view, record } = buildFixture();
    const snapshot = sessionSnapshot(view, record);
    const csv = notesCsv(snapshot, nl, { timeZone });
    expect(csv.startsWith('\ufeffStap,Kolom,Groep,Tekst,Stippen,Gemaakt,Naam\r\n')).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(header).toHaveLength(7);
    const notes = (view.script?.steps ?? []).flatMap((s) => view.notesOf(s.id));
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
      '4',
      expect.stringMatching(/^2025-03-12 \d\d:\d\d$/),
      ''
    ]);
    expect(rows.find((row) => row[3] === tricky.arabic)?.[6]).toBe('Amina');
    expect(rows.find((row) => row[3] === tricky.markup)?.[6]).toBe('Chloé "C" D., Jr');
    expect(rows.find((row) => row[3] === tricky.lines)?.[6]).toBe('');
    expect(rows.find((row) => row[3] === tricky.hebrew)?.[1]).toBe('Netwerkoperator');
  });

  it('quotes only what needs quoting and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe('-3');
  });

  it('lists the agreements', () => {
    const rows = parseCsv(actionsCsv(snapshotOf(), nl).slice(1));
    expect(rows).toEqual([
      ['Stap', 'Wat', 'Wie', 'Tegen wanneer'],
      ['Afspraken', 'Afspraak met de bib, "snel"', 'Ann (OCMW)', 'voor 1 april'],
      ['Afspraken', 'מפגש עם ההורים', '', '']
    ]);
  });
});

describe('DOCX report', () => {
  it('is a valid zip with the document parts, the title and the notes', async () => {
    const bytes = await reportDocx(snapshotOf(), nl);
    expect(strFromU8(bytes.slice(0, 2))).toBe('PK');
    const files = unzipSync(bytes);
    for (const part of [
      '[Content_Types].xml',
      '_rels/.rels',
      'word/document.xml',
      'word/styles.xml',
      'word/_rels/document.xml.rels',
      'docProps/core.xml'
    ])
      expect(Object.keys(files)).toContain(part);
    const document = strFromU8(files['word/document.xml'] as Uint8Array);
    expect(document).toContain('Werkgroep vrije tijd “Lier”, 12/3');
    expect(document).toContain(tricky.emoji);
    expect(document).toContain('Hij zei &quot;dat lukt nooit&quot;');
    expect(document).toContain('&lt;b&gt;vet&lt;/b&gt; &amp; *ster*');
    expect(document).toContain('Samen op stap (2)');
    expect(document).toContain('Tegen wanneer');
    // Right-to-left notes are right-to-left paragraphs.
    expect(document).toMatch(/<w:bidi\/>[\s\S]*نحتاج/);
    expect(document).toContain('<w:rtl/>');
    expect(strFromU8(files['word/styles.xml'] as Uint8Array)).toContain('nl-BE');
  });
});

describe('board image (SVG)', () => {
  it('draws the columns and every note of a step, escaped and wrapped', () => {
    const snapshot = snapshotOf();
    const svg = boardSvg(snapshot, step(snapshot, 'wie-doet-wat', 'brainstorm'), nl);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    expect(svg).toContain('width="1920"');
    expect(svg).toContain('Visiebewaker (1)');
    expect(svg).toMatch(/Netwerkpromotor( |<\/tspan><tspan [^>]+>)\(0\)/);
    expect(svg).not.toMatch(/\d\.\d{3,}/);
    expect(svg).toContain('&lt;b&gt;vet&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('van Amina');
    expect(svg).toContain('direction="rtl"');
    expect(svg.match(/<text /g)?.length).toBe(svg.match(/<\/text>/g)?.length);
    const clusters = boardSvg(snapshot, step(snapshot, 'plannen', 'brainstorm'), nl);
    expect(clusters).toContain('Concrete plannen (5)');
    for (const line of ['Eerste regel', 'Tweede regel, met komma', 'Na een lege regel'])
      expect(clusters).toContain(`>${line}</tspan>`);
  });

  it('wraps text within the width and cuts words longer than a line', () => {
    const lines = wrapText(`${'woord '.repeat(30)}${'x'.repeat(80)}`, 300, 24);
    for (const line of lines) expect(textWidth(line, 24)).toBeLessThanOrEqual(300);
    expect(lines.join('').replace(/ /g, '')).toBe(`${'woord'.repeat(30)}${'x'.repeat(80)}`);
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
    const snapshot = snapshotOf();
    expect(fileBase(snapshot)).toBe('werkgroep-vrije-tijd-lier-12-3-2025-03-12');
    expect(fileBase(snapshot, 'plannen')).toBe(
      'werkgroep-vrije-tijd-lier-12-3-2025-03-12-2-concrete-plannen'
    );
    const csv = await exportFile('notesCsv', snapshot, nl, 'plannen');
    expect(csv.name).toBe(
      'werkgroep-vrije-tijd-lier-12-3-2025-03-12-2-concrete-plannen-ideeen.csv'
    );
    expect(parseCsv(new TextDecoder().decode(csv.bytes).slice(1))).toHaveLength(6);
    await expect(exportFile('svg', snapshot, nl)).rejects.toThrow();
  });
});

describe('privacy', () => {
  const outputs = async (snapshot: SessionSnapshot): Promise<string[]> => {
    const texts: string[] = [];
    const formats: ExportFormat[] = ['markdown', 'docx', 'notesCsv', 'actionsCsv'];
    for (const stepId of [undefined, ...snapshot.steps.map((s) => s.id)]) {
      for (const format of formats) {
        const file = await exportFile(format, snapshot, nl, stepId);
        if (format === 'docx')
          texts.push(...Object.values(unzipSync(file.bytes)).map((part) => strFromU8(part)));
        else texts.push(new TextDecoder().decode(file.bytes));
      }
    }
    for (const s of snapshot.steps.filter(hasBoard)) texts.push(boardSvg(snapshot, s, nl));
    return texts;
  };

  it('no export holds an author id, a device token or a key', async () => {
    const { doc, view, record } = buildFixture();
    const secrets = [
      ...authorIds(doc),
      'device-amina',
      'device-bram',
      record.roomKey,
      record.facilitatorKey,
      'Bram Verborgen'
    ];
    for (const anonymise of [false, true]) {
      const texts = await outputs(sessionSnapshot(view, record, { anonymise }));
      for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it('an anonymised export shows no name at all', async () => {
    const texts = await outputs(snapshotOf(true));
    for (const text of texts) {
      expect(text).not.toContain('Amina');
      expect(text).not.toContain('Chloé');
    }
    expect((await outputs(snapshotOf())).some((text) => text.includes('Amina'))).toBe(true);
  });

  it('the snapshot itself carries no author ids', () => {
    const { doc, view, record } = buildFixture();
    const json = JSON.stringify(sessionSnapshot(view, record));
    for (const id of authorIds(doc)) expect(json).not.toContain(id);
  });
});

describe('an empty session', () => {
  it('exports without steps', () => {
    const doc = new Y.Doc();
    const view = exportView(doc, buildFixture().record.roomKey);
    const snapshot = sessionSnapshot(view, { title: 'Leeg', createdAt: 0, locale: 'nl' });
    expect(snapshot.steps).toEqual([]);
    expect(reportMarkdown(snapshot, nl)).toContain('Deze sessie heeft nog geen stappen.');
    expect(parseCsv(notesCsv(snapshot, nl).slice(1))).toHaveLength(1);
  });
});
