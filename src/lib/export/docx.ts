import {
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType
} from 'docx';
import { formatDate, isRightToLeft, xmlSafe } from './exportText.ts';
import type { ReportWords } from './reportWords.ts';
import type { SessionSnapshot, SnapshotGroup, SnapshotNote, StepSnapshot } from './snapshot.ts';

/*
 * The report as a Word document (municipalities work in Word): the same content as the
 * Markdown report, with real headings, bulleted notes and tables for rankings, picks and
 * agreements. Right-to-left notes get right-to-left paragraphs.
 */

type Block = Paragraph | Table;

const languageTags = { nl: 'nl-BE', en: 'en-GB' } as const;

/** A paragraph of participants' or script text; line breaks kept, direction from the text. */
function textParagraph(
  text: string,
  options: { bullet?: boolean; italic?: boolean; suffix?: string } = {}
): Paragraph {
  const rtl = isRightToLeft(text);
  const lines = xmlSafe(text).split(/\r\n?|\n/);
  const runs = lines.map(
    (line, index) =>
      new TextRun({
        text: line,
        break: index > 0 ? 1 : 0,
        italics: options.italic,
        rightToLeft: rtl
      })
  );
  if (options.suffix)
    runs.push(new TextRun({ text: ` — ${xmlSafe(options.suffix)}`, italics: true }));
  return new Paragraph({
    children: runs,
    bidirectional: rtl,
    ...(options.bullet ? { bullet: { level: 0 } } : {})
  });
}

function heading(text: string, level: 1 | 2 | 3): Paragraph {
  const levels = {
    1: HeadingLevel.HEADING_1,
    2: HeadingLevel.HEADING_2,
    3: HeadingLevel.HEADING_3
  };
  return new Paragraph({
    heading: levels[level],
    keepNext: true,
    bidirectional: isRightToLeft(text),
    children: [new TextRun(xmlSafe(text))]
  });
}

const border = { style: BorderStyle.SINGLE, size: 4, color: 'A0A4AA' };

function table(header: readonly string[], rows: readonly (readonly string[])[]): Table {
  const row = (cells: readonly string[], bold: boolean): TableRow =>
    new TableRow({
      tableHeader: bold,
      children: cells.map(
        (text) =>
          new TableCell({
            children: [
              new Paragraph({
                bidirectional: isRightToLeft(text),
                children: [new TextRun({ text: xmlSafe(text), bold })]
              })
            ]
          })
      )
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border
    },
    rows: [row(header, true), ...rows.map((cells) => row(cells, false))]
  });
}

function noteParagraph(note: SnapshotNote, words: ReportWords): Paragraph {
  return textParagraph(note.text, {
    bullet: true,
    suffix: note.authorName ? words.by(note.authorName) : undefined
  });
}

function notesBlocks(
  title: string | null,
  notes: readonly SnapshotNote[],
  words: ReportWords
): Block[] {
  const blocks: Block[] = [];
  if (title !== null) blocks.push(heading(`${title} (${notes.length})`, 3));
  if (notes.length === 0) blocks.push(textParagraph(words.noNotes, { italic: true }));
  else blocks.push(...notes.map((note) => noteParagraph(note, words)));
  return blocks;
}

function groupsBlocks(groups: readonly SnapshotGroup[], words: ReportWords): Block[] {
  return groups.flatMap((group) =>
    notesBlocks(group.name ?? words.unclustered, group.notes, words)
  );
}

function stepBlocks(step: StepSnapshot, words: ReportWords): Block[] {
  const blocks: Block[] = [heading(`${step.number}. ${step.title}`, 2)];
  blocks.push(textParagraph(step.prompt, { italic: true }));
  switch (step.kind) {
    case 'info':
      break;
    case 'brainstorm':
      blocks.push(textParagraph(words.notesCount(step.noteCount)));
      if (step.noteCount === 0) break;
      if (step.clustered) blocks.push(...groupsBlocks(step.groups, words));
      else if (step.columns.length > 1)
        blocks.push(...step.columns.flatMap((c) => notesBlocks(c.title, c.notes, words)));
      else
        blocks.push(
          ...notesBlocks(
            null,
            step.groups.flatMap((g) => g.notes),
            words
          )
        );
      break;
    case 'cluster':
      blocks.push(textParagraph(words.clustersOf(step.sourceTitle)));
      blocks.push(...groupsBlocks(step.groups, words));
      break;
    case 'vote':
      blocks.push(textParagraph(`${words.voteOn(step.sourceTitle)} ${words.voters(step.voters)}`));
      blocks.push(
        table(
          [words.rank, words.item, words.votes, words.participants],
          step.ranking.map((row, index) => [
            `${index + 1}`,
            row.label,
            words.dots(row.dots),
            String(row.voters)
          ])
        )
      );
      break;
    case 'pick':
      blocks.push(textParagraph(words.pickers(step.people)));
      blocks.push(
        table(
          [words.card, words.count],
          step.picks.map((pick) => [pick.title, words.chosen(pick.count)])
        )
      );
      break;
    case 'round':
      blocks.push(textParagraph(words.answers(step.answers.length)));
      if (step.answers.length === 0) blocks.push(textParagraph(words.noAnswers, { italic: true }));
      else if (step.display === 'cloud')
        blocks.push(
          table(
            [words.answer, words.count],
            step.words.map((word) => [word.word, String(word.count)])
          )
        );
      else blocks.push(...step.answers.map((answer) => textParagraph(answer, { bullet: true })));
      break;
    case 'actions':
      blocks.push(textParagraph(words.actionsBelow, { italic: true }));
      break;
  }
  return blocks;
}

/** The report as a .docx file. */
export async function reportDocx(
  snapshot: SessionSnapshot,
  words: ReportWords
): Promise<Uint8Array> {
  const children: Block[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      bidirectional: isRightToLeft(snapshot.title),
      children: [new TextRun(xmlSafe(snapshot.title))]
    }),
    textParagraph(`${words.date}: ${formatDate(snapshot.date, words.locale)}`),
    textParagraph(`${words.script}: ${snapshot.scriptTitle || '—'}`),
    textParagraph(`${words.participants}: ${snapshot.participants}`)
  ];
  if (snapshot.anonymised) children.push(textParagraph(words.anonymised, { italic: true }));
  if (snapshot.steps.length === 0) children.push(textParagraph(words.noSteps));
  for (const step of snapshot.steps) children.push(...stepBlocks(step, words));
  children.push(heading(words.actions, 2));
  if (snapshot.actions.length === 0)
    children.push(textParagraph(words.noActions, { italic: true }));
  else
    children.push(
      table(
        [words.what, words.who, words.when],
        snapshot.actions.map((action) => [action.what, action.who || '—', action.when || '—'])
      )
    );

  const document = new Document({
    title: xmlSafe(snapshot.title),
    creator: 'Kring',
    description: words.report,
    styles: {
      default: {
        document: {
          run: { font: 'Arial', size: 22, language: { value: languageTags[words.locale] } },
          paragraph: { spacing: { after: 80 } }
        },
        heading2: { paragraph: { spacing: { before: 360, after: 120 } } },
        heading3: { paragraph: { spacing: { before: 200, after: 80 } } }
      }
    },
    sections: [{ children }]
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
