import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType
} from 'docx';
import { isRightToLeft, xmlSafe } from './exportText.ts';
import {
  reportOutline,
  type ReportBlock,
  type ReportOutline,
  type TableColumn
} from './reportOutline.ts';
import type { ReportWords } from './reportWords.ts';
import type { SessionSnapshot } from './snapshot.ts';

/*
 * The report as a Word document (municipalities work in Word), drawn from the same outline as
 * the Markdown report and the print view. Made to be sent as it is: A4 with margins and page
 * numbers, the title as Heading 1, headings kept with what follows, tables with a wide text
 * column and rows that stay on one page, a SWOT as a 2×2 table, the board pictures where the
 * browser drew them, and document properties that name Kring as the author.
 */

type Block = Paragraph | Table;

/** A board picture: PNG bytes and the pixel size they were drawn at. */
export interface BoardPicture {
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export interface DocxOptions {
  /** Board pictures by step id (drawn from the SVG in the browser); steps without one get none. */
  readonly boards?: ReadonlyMap<string, BoardPicture>;
}

const languageTags = { nl: 'nl-BE', en: 'en-GB' } as const;

// A4 in twentieths of a point, 2 cm margins: the width tables and pictures may take.
const page = { width: 11906, height: 16838, margin: 1134 } as const;
const textWidth = page.width - 2 * page.margin;
const pixelsPerTwip = 96 / 1440;
const ink = '1F2328';
const muted = '4D5663';
const line = 'A0A4AA';

const headingLevels = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4
} as const;

/** A paragraph of participants' or script text; line breaks kept, direction from the text. */
function textParagraph(
  text: string,
  options: {
    bullet?: boolean;
    italic?: boolean;
    colour?: string;
    suffix?: string | undefined;
    bold?: boolean;
    align?: 'end';
    indent?: boolean;
    keepNext?: boolean;
  } = {}
): Paragraph {
  const rtl = isRightToLeft(text);
  const runs = xmlSafe(text)
    .split(/\r\n?|\n/)
    .map(
      (part, index) =>
        new TextRun({
          text: part,
          break: index > 0 ? 1 : 0,
          italics: options.italic,
          bold: options.bold,
          color: options.colour,
          rightToLeft: rtl
        })
    );
  if (options.suffix)
    runs.push(new TextRun({ text: ` — ${xmlSafe(options.suffix)}`, italics: true, color: muted }));
  return new Paragraph({
    children: runs,
    bidirectional: rtl,
    ...(options.keepNext ? { keepNext: true } : {}),
    ...(options.align ? { alignment: AlignmentType.END } : {}),
    ...(options.indent
      ? {
          indent: { left: 240 },
          border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'C8CCD2', space: 8 } }
        }
      : {}),
    ...(options.bullet ? { bullet: { level: 0 } } : {})
  });
}

/**
 * A heading, kept with what follows. Not inside a table: there "keep with next" would tie
 * the row to the next one and push a whole 2×2 to a new page.
 */
function heading(text: string, level: 1 | 2 | 3 | 4, inTable = false): Paragraph {
  return new Paragraph({
    heading: headingLevels[level],
    keepNext: !inTable,
    keepLines: true,
    bidirectional: isRightToLeft(text),
    children: [new TextRun(xmlSafe(text))]
  });
}

const border = { style: BorderStyle.SINGLE, size: 4, color: line };
const borders = {
  top: border,
  bottom: border,
  left: border,
  right: border,
  insideHorizontal: border,
  insideVertical: border
};

/** Column widths in twips from their weights, filling the text width exactly. */
function widthsOf(columns: readonly TableColumn[], width: number): number[] {
  const total = columns.reduce((sum, column) => sum + column.weight, 0);
  const widths = columns.map((column) => Math.floor((width * column.weight) / total));
  widths[widths.length - 1] = (widths.at(-1) ?? 0) + width - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function table(block: Extract<ReportBlock, { kind: 'table' }>): Table {
  const widths = widthsOf(block.columns, textWidth);
  const row = (cells: readonly string[], header: boolean): TableRow =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map(
        (text, index) =>
          new TableCell({
            width: { size: widths[index] ?? 0, type: WidthType.DXA },
            verticalAlign: VerticalAlign.TOP,
            ...(header
              ? { shading: { type: ShadingType.CLEAR, fill: 'EEF0F2', color: 'auto' } }
              : {}),
            children: [
              textParagraph(text, {
                bold: header,
                ...(block.columns[index]?.numeric ? { align: 'end' as const } : {})
              })
            ]
          })
      )
    });
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders,
    rows: [
      row(
        block.columns.map((column) => column.title),
        true
      ),
      ...block.rows.map((cells) => row(cells, false))
    ]
  });
}

/** Roughly how many lines blocks take in a half-width cell: a row taller than a page must split. */
function lineEstimate(blocks: readonly ReportBlock[]): number {
  const lines = (text: string): number =>
    text.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / 40)), 0);
  return blocks.reduce((sum, block) => {
    switch (block.kind) {
      case 'section':
        return sum + 2 + lineEstimate(block.blocks);
      case 'ideas':
        return sum + block.items.reduce((n, idea) => n + lines(idea.text + (idea.extra ?? '')), 0);
      case 'text':
        return sum + lines(block.text);
      default:
        return sum + 3;
    }
  }, 0);
}

/** A SWOT's four quadrants as a 2×2 table (rows kept whole when they fit on a page). */
function quadrants(cells: readonly ReportBlock[], context: Context): Table {
  const half = Math.floor(textWidth / 2);
  const rows: TableRow[] = [];
  for (let start = 0; start < cells.length; start += 2) {
    const pair = cells.slice(start, start + 2);
    while (pair.length < 2) pair.push({ kind: 'text', text: '' });
    rows.push(
      new TableRow({
        cantSplit: Math.max(...pair.map((cell) => lineEstimate([cell]))) <= 36,
        children: pair.map(
          (cell) =>
            new TableCell({
              width: { size: half, type: WidthType.DXA },
              margins: { top: 80, bottom: 80, left: 120, right: 120 },
              children: blocksOf(cell, { ...context, inTable: true })
            })
        )
      })
    );
  }
  return new Table({
    width: { size: half * 2, type: WidthType.DXA },
    columnWidths: [half, half],
    layout: TableLayoutType.FIXED,
    borders,
    rows
  });
}

function picture(block: Extract<ReportBlock, { kind: 'board' }>, context: Context): Paragraph[] {
  const board = context.boards?.get(block.stepId);
  if (!board) return [];
  // Full text width, but never taller than most of a page.
  const maxWidth = textWidth * pixelsPerTwip;
  const maxHeight = (page.height - 2 * page.margin) * pixelsPerTwip * 0.8;
  const scale = Math.min(maxWidth / board.width, maxHeight / board.height);
  return [
    new Paragraph({
      keepNext: true,
      spacing: { before: 120, line: 240, lineRule: LineRuleType.AUTO },
      children: [
        new ImageRun({
          type: 'png',
          data: board.png,
          transformation: {
            width: Math.round(board.width * scale),
            height: Math.round(board.height * scale)
          },
          altText: {
            name: xmlSafe(block.label),
            title: xmlSafe(block.label),
            description: xmlSafe(block.label)
          }
        })
      ]
    }),
    textParagraph(block.label, { italic: true, colour: muted })
  ];
}

interface Context {
  readonly boards: ReadonlyMap<string, BoardPicture> | undefined;
  readonly inTable?: boolean;
}

function blocksOf(block: ReportBlock, context: Context, last = true): Block[] {
  switch (block.kind) {
    case 'section':
      return [
        heading(block.title, block.level, context.inTable),
        ...block.blocks.flatMap((child, index) =>
          blocksOf(child, context, index === block.blocks.length - 1)
        )
      ];
    case 'facts':
      return block.rows.map(
        (row) =>
          new Paragraph({
            bidirectional: isRightToLeft(row.value),
            children: [
              new TextRun({ text: `${row.label}: `, bold: true }),
              ...xmlSafe(row.value)
                .split(/\r\n?|\n/)
                .map((part, index) => new TextRun({ text: part, break: index > 0 ? 1 : 0 }))
            ]
          })
      );
    case 'text':
      // A prompt or a line of counts stays with what follows it in its section.
      return [
        textParagraph(block.text, {
          italic: block.tone !== undefined,
          colour: block.tone ? muted : undefined,
          indent: block.tone === 'prompt',
          keepNext: !last && !context.inTable
        })
      ];
    case 'ideas':
      return block.items.map((idea) =>
        textParagraph(idea.text, { bullet: true, suffix: idea.extra })
      );
    case 'list':
      return block.items.map((item) => textParagraph(item, { bullet: true }));
    case 'table':
      // An empty paragraph after a table keeps the next heading from sticking to its last row.
      return [table(block), new Paragraph({ children: [], spacing: { after: 0 } })];
    case 'quadrants':
      return [
        quadrants(block.cells, context),
        new Paragraph({ children: [], spacing: { after: 0 } })
      ];
    case 'board':
      return picture(block, context);
  }
}

/** The report as a .docx file. */
export async function reportDocx(
  snapshot: SessionSnapshot,
  words: ReportWords,
  options: DocxOptions = {}
): Promise<Uint8Array> {
  return outlineDocx(
    reportOutline(snapshot, words),
    { words, description: snapshot.scriptTitle || words.report },
    options
  );
}

/** Any report outline (a session's, a track's) as a .docx file. */
export async function outlineDocx(
  outline: ReportOutline,
  about: { readonly words: ReportWords; readonly description: string },
  options: DocxOptions = {}
): Promise<Uint8Array> {
  const { words } = about;
  const context: Context = { boards: options.boards };
  const children: Block[] = [
    heading(outline.title, 1),
    ...outline.blocks.flatMap((block) => blocksOf(block, context))
  ];
  const [before, between, after] = words.pageFooter;
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            color: muted,
            size: 18,
            children: [before, PageNumber.CURRENT, between, PageNumber.TOTAL_PAGES, after]
          })
        ]
      })
    ]
  });

  const headingRun = (size: number) => ({ run: { size, bold: true, color: ink, font: 'Arial' } });
  const document = new Document({
    title: xmlSafe(outline.title),
    subject: xmlSafe(words.report),
    creator: 'Kring',
    lastModifiedBy: 'Kring',
    description: xmlSafe(about.description),
    styles: {
      default: {
        document: {
          run: {
            font: 'Arial',
            size: 22,
            color: ink,
            language: { value: languageTags[words.locale] }
          },
          paragraph: { spacing: { after: 80, line: 276, lineRule: LineRuleType.AUTO } }
        },
        heading1: {
          ...headingRun(36),
          paragraph: { spacing: { before: 0, after: 160 } }
        },
        heading2: {
          ...headingRun(28),
          paragraph: { spacing: { before: 280, after: 100 } }
        },
        heading3: {
          ...headingRun(24),
          paragraph: { spacing: { before: 200, after: 80 } }
        },
        heading4: {
          ...headingRun(22),
          paragraph: { spacing: { before: 160, after: 60 } }
        }
      }
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: page.width, height: page.height },
            margin: {
              top: page.margin,
              bottom: page.margin,
              left: page.margin,
              right: page.margin,
              footer: 567
            }
          }
        },
        footers: { default: footer },
        children
      }
    ]
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
