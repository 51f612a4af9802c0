import type { NoteColour } from '../domain/board.ts';
import { escapeXml, isRightToLeft } from './exportText.ts';
import { hyphenatorFor, type Hyphenator } from './hyphenation.ts';
import type { ReportWords } from './reportWords.ts';
import { wrapWords, type LineBreaking } from '../layout/wrapLines.ts';
import {
  hasBoard,
  type SessionSnapshot,
  type SnapshotNote,
  type StepSnapshot
} from './snapshot.ts';

/*
 * A step's board as an SVG picture, 1920 pixels wide: its columns (a SWOT's quadrants two by
 * two), the groups inside each column, sticky notes in the note colours. SVG has no text
 * layout of its own, so lines are wrapped here: at spaces first, after a hyphen or slash in a
 * word next, and a word wider than a line is split at a syllable with a hyphen added
 * (hyphenation patterns of the session's language). Widths come from the browser's own
 * measurement where there is one, or from an estimate that errs on the wide side.
 */

/** The projector's note colours (app.css): fill and edge. */
const noteColours: Record<NoteColour, { fill: string; edge: string }> = {
  yellow: { fill: '#fff1a1', edge: '#d4b800' },
  pink: { fill: '#ffd9e8', edge: '#e0609a' },
  green: { fill: '#d4f3d4', edge: '#45a845' },
  blue: { fill: '#d5eaff', edge: '#4a90d9' },
  orange: { fill: '#ffe1c4', edge: '#e8862a' },
  purple: { fill: '#e9ddff', edge: '#8d65d6' }
};

const ink = '#161a1f';
const muted = '#4d5663';
/** The font the picture asks for; a browser measuring text must use the same. */
export const boardFontFamily =
  "'Atkinson Hyperlegible', system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";

const width = 1920;
const margin = 48;
const boxGap = 24;
const boxPadding = 18;
const noteGap = 14;
const notePadding = 16;
const noteEdge = 8;
const minNoteWidth = 360;
const noteFont = 24;
const groupFont = 26;
const boxFont = 30;
const lineHeight = 1.3;

/** Width of text in pixels at a font size (and weight). */
export type Measure = (text: string, fontSize: number, bold: boolean) => number;

const charWidths = new Map<string, number>();

/** Roughly how wide a character is, in ems, for a sans-serif font (generous). */
function charWidth(char: string): number {
  let width = charWidths.get(char);
  if (width === undefined) {
    width = estimateChar(char);
    charWidths.set(char, width);
  }
  return width;
}

function estimateChar(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (char === ' ') return 0.3;
  if (/[iljI.,:;'!|()[\]]/.test(char)) return 0.34;
  if (/[mwMW@%]/.test(char)) return 0.95;
  if (/[A-Z]/.test(char)) return 0.7;
  if (code >= 0x1100 && (code <= 0x115f || code >= 0x2e80)) return 1.05; // CJK, emoji
  if (code >= 0x2190 && code <= 0x2bff) return 1.05; // arrows, symbols, dingbats
  return 0.6;
}

/** Estimated width of text in pixels (bold text is about a tenth wider). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let ems = 0;
  for (const char of text) ems += charWidth(char);
  return ems * fontSize * (bold ? 1.1 : 1);
}

export interface WrapOptions {
  readonly measure?: Measure | undefined;
  readonly hyphenate?: Hyphenator | undefined;
  readonly bold?: boolean | undefined;
}

/** Places inside a word where it may be split: after a hyphen or slash, or at a syllable. */
function breakPoints(
  word: string,
  hyphenate: Hyphenator | undefined
): { at: number; hyphen: boolean }[] {
  const points = new Map<number, boolean>();
  for (const point of hyphenate?.(word) ?? []) points.set(point, true);
  for (let index = 1; index < word.length - 1; index++)
    if (word[index - 1] === '-' || word[index - 1] === '/') points.set(index, false);
  return [...points].map(([at, hyphen]) => ({ at, hyphen })).sort((a, b) => a.at - b.at);
}

/**
 * Splits a word wider than a line into pieces that fit, each ending where the word may
 * be split (a hyphen added at a syllable). Only a piece with no such place inside it is cut
 * between letters, and then also with a hyphen: never a bare cut in the middle of a word.
 */
function splitWord(
  word: string,
  fits: (text: string) => boolean,
  hyphenate: Hyphenator | undefined
): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (!fits(rest)) {
    const points = breakPoints(rest, hyphenate);
    const piece = (at: number, hyphen: boolean): string =>
      `${rest.slice(0, at)}${hyphen ? '-' : ''}`;
    const best = points.filter((p) => fits(piece(p.at, p.hyphen))).at(-1);
    let at: number;
    let hyphen: boolean;
    if (best) ({ at, hyphen } = best);
    else {
      // No syllable fits (a very narrow line, or a string of letters without syllables).
      const chars = [...rest];
      let count = 1;
      while (count < chars.length - 1 && fits(`${chars.slice(0, count + 1).join('')}-`)) count++;
      at = chars.slice(0, count).join('').length;
      hyphen = true;
    }
    pieces.push(piece(at, hyphen));
    rest = rest.slice(at);
  }
  pieces.push(rest);
  return pieces;
}

/** Wraps text into lines no wider than `maxWidth`: at spaces, else at syllables with a hyphen. */
export function wrapText(
  text: string,
  maxWidth: number,
  fontSize: number,
  options: WrapOptions = {}
): string[] {
  const bold = options.bold === true;
  const width = (part: string): number =>
    options.measure ? options.measure(part, fontSize, bold) : textWidth(part, fontSize, bold);
  const breaking: LineBreaking = {
    width,
    split: (word, fits) => splitWord(word, fits, options.hyphenate),
    // A word wider than a line: its first syllables may still fill the end of this line.
    head: (word, room) => {
      const point = breakPoints(word, options.hyphenate)
        .filter((p) => width(`${word.slice(0, p.at)}${p.hyphen ? '-' : ''}`) <= room)
        .at(-1);
      return point
        ? [`${word.slice(0, point.at)}${point.hyphen ? '-' : ''}`, word.slice(point.at)]
        : undefined;
    }
  };
  const lines = text
    .split(/\r\n?|\n/)
    .flatMap((paragraph) =>
      wrapWords(paragraph.split(/[ \t]+/).filter(Boolean), maxWidth, breaking)
    );
  // Blank lines inside a note are kept once, never at the ends.
  const kept: string[] = [];
  for (const line of lines)
    if (line !== '' || (kept.length > 0 && kept.at(-1) !== '')) kept.push(line);
  while (kept.at(-1) === '') kept.pop();
  return kept;
}

interface BoxPart {
  /** A group's name (and dots); absent for ideas shown without groups. */
  readonly heading?: string | undefined;
  readonly notes: readonly SnapshotNote[];
}

interface Box {
  readonly title: string;
  readonly parts: readonly BoxPart[];
}

/** What the board shows: a box per column (groups inside), or a box per group. */
function boxesOf(step: StepSnapshot, words: ReportWords): Box[] {
  if (!hasBoard(step)) return [];
  const groupTitle = (name: string | null, dots: number): string =>
    name === null ? words.unclustered : step.voted ? `${name} — ${words.dots(dots)}` : name;
  if (step.layout === 'single') {
    const section = step.sections[0];
    if (!section) return [];
    if (step.groupCount > 0)
      return section.groups.map((group) => ({
        title: `${groupTitle(group.name, group.dots)} (${group.notes.length})`,
        parts: [{ notes: group.notes }]
      }));
    return [
      {
        title: `${section.title ?? step.title} (${section.noteCount})`,
        parts: [{ notes: section.groups.flatMap((group) => group.notes) }]
      }
    ];
  }
  return step.sections.map((section) => ({
    title: section.spread ? words.spreadGroups : `${section.title ?? ''} (${section.noteCount})`,
    parts:
      step.groupCount > 0
        ? section.groups.map((group) => ({
            heading: groupTitle(group.name, group.dots),
            notes: group.notes
          }))
        : [{ notes: section.groups.flatMap((group) => group.notes) }]
  }));
}

/** How many boxes share a row: a SWOT two by two, at most four, rows as even as can be. */
function boxesPerRow(count: number, quadrants: boolean): number {
  if (quadrants) return 2;
  if (count <= 4) return Math.max(1, count);
  return Math.ceil(count / Math.ceil(count / 4));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function textElement(
  lines: readonly string[],
  x: number,
  y: number,
  right: number,
  fontSize: number,
  attributes: string
): string {
  const rtl = lines.some((line) => isRightToLeft(line)) && isRightToLeft(lines.join(' '));
  const anchorX = round(rtl ? right : x);
  const spans = lines
    .map(
      (line, index) =>
        `<tspan x="${anchorX}" dy="${index === 0 ? 0 : Math.round(fontSize * lineHeight)}">${escapeXml(line)}</tspan>`
    )
    .join('');
  const direction = rtl ? ' direction="rtl" unicode-bidi="plaintext"' : '';
  return `<text x="${anchorX}" y="${round(y)}" font-size="${fontSize}"${direction} ${attributes}>${spans}</text>`;
}

export interface BoardOptions {
  /** The browser's text measurement; an estimate without one. */
  readonly measure?: Measure | undefined;
}

/** The board of a brainstorm or cluster step as an SVG document (UTF-8 text). */
export function boardSvg(
  snapshot: SessionSnapshot,
  step: StepSnapshot,
  words: ReportWords,
  options: BoardOptions = {}
): string {
  const hyphenate = hyphenatorFor(words.locale);
  const wrap = (text: string, max: number, size: number, bold = false): string[] =>
    wrapText(text, max, size, { measure: options.measure, hyphenate, bold });
  const voted = hasBoard(step) && step.voted;
  const parts: string[] = [];
  let y = margin;
  const titleFont = 44;
  const promptFont = 26;
  const sessionFont = 22;
  const full = width - 2 * margin;
  const sessionLines = wrap(snapshot.title, full, sessionFont);
  parts.push(
    textElement(
      sessionLines,
      margin,
      y + sessionFont,
      width - margin,
      sessionFont,
      `fill="${muted}"`
    )
  );
  y += sessionLines.length * sessionFont * lineHeight + 12;
  const titleLines = wrap(`${step.number}. ${step.title}`, full, titleFont, true);
  parts.push(
    textElement(
      titleLines,
      margin,
      y + titleFont,
      width - margin,
      titleFont,
      `font-weight="700" fill="${ink}"`
    )
  );
  y += titleLines.length * titleFont * lineHeight + 8;
  const promptLines = wrap(step.prompt, full, promptFont);
  parts.push(
    textElement(promptLines, margin, y + promptFont, width - margin, promptFont, `fill="${ink}"`)
  );
  y += promptLines.length * promptFont * lineHeight + 28;

  const boxes = boxesOf(step, words);
  const perRow = boxesPerRow(boxes.length, hasBoard(step) && step.layout === 'quadrants');
  const boxWidth = (full - boxGap * (perRow - 1)) / perRow;
  const inner = boxWidth - 2 * boxPadding;
  const notesPerRow = Math.max(1, Math.floor((inner + noteGap) / (minNoteWidth + noteGap)));
  const noteWidth = (inner - noteGap * (notesPerRow - 1)) / notesPerRow;
  const noteInner = noteWidth - noteEdge - notePadding * 2;

  /** A box's content drawn from its top-left corner; returns the markup and its height. */
  const layBox = (box: Box, x: number, top: number): { markup: string[]; height: number } => {
    const markup: string[] = [];
    let cy = top + boxPadding;
    const heading = wrap(box.title, inner, boxFont, true);
    markup.push(
      textElement(
        heading,
        x + boxPadding,
        cy + boxFont,
        x + boxWidth - boxPadding,
        boxFont,
        `font-weight="700" fill="${ink}"`
      )
    );
    cy += heading.length * boxFont * lineHeight + 12;
    if (box.parts.every((part) => part.notes.length === 0)) {
      markup.push(
        textElement(
          [words.noNotes],
          x + boxPadding,
          cy + noteFont,
          x + boxWidth - boxPadding,
          noteFont,
          `fill="${muted}"`
        )
      );
      cy += noteFont * lineHeight + noteGap;
    }
    for (const part of box.parts) {
      if (part.heading !== undefined) {
        const lines = wrap(part.heading, inner, groupFont, true);
        markup.push(
          textElement(
            lines,
            x + boxPadding,
            cy + groupFont,
            x + boxWidth - boxPadding,
            groupFont,
            `font-weight="700" fill="${muted}"`
          )
        );
        cy += lines.length * groupFont * lineHeight + 8;
      }
      const placed = part.notes.map((note) => placeNote(note, noteInner, wrap, words, voted));
      for (let start = 0; start < placed.length; start += notesPerRow) {
        const row = placed.slice(start, start + notesPerRow);
        const rowHeight = Math.max(...row.map((p) => p.height));
        row.forEach((p, column) => {
          markup.push(
            drawNote(p, x + boxPadding + column * (noteWidth + noteGap), cy, noteWidth, rowHeight)
          );
        });
        cy += rowHeight + noteGap;
      }
      if (part.heading !== undefined) cy += 6;
    }
    return { markup, height: cy - top + boxPadding - noteGap };
  };

  let top = y;
  for (let start = 0; start < boxes.length; start += perRow) {
    const row = boxes.slice(start, start + perRow).map((box, index) => {
      const x = margin + index * (boxWidth + boxGap);
      return { x, ...layBox(box, x, top) };
    });
    const rowHeight = Math.max(...row.map((box) => box.height));
    for (const box of row)
      parts.push(
        `<g><rect x="${round(box.x)}" y="${round(top)}" width="${round(boxWidth)}" height="${round(rowHeight)}" rx="12" fill="#eef0f2"/>${box.markup.join('')}</g>`
      );
    top += rowHeight + boxGap;
  }
  const height = Math.ceil((boxes.length > 0 ? top - boxGap : y) + margin);
  const label = escapeXml(`${snapshot.title} — ${step.number}. ${step.title}`);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}" font-family="${escapeXml(boardFontFamily)}">` +
    `<title>${label}</title>` +
    `<rect width="${width}" height="${height}" fill="#fbfaf7"/>` +
    parts.join('') +
    `</svg>\n`
  );
}

interface PlacedNote {
  readonly note: SnapshotNote;
  readonly lines: readonly string[];
  /** Smaller lines under the text: the name, the idea's own dots. */
  readonly extra: readonly string[];
  readonly height: number;
}

const extraFont = Math.round(noteFont * 0.8);

function placeNote(
  note: SnapshotNote,
  inner: number,
  wrap: (text: string, max: number, size: number) => string[],
  words: ReportWords,
  voted: boolean
): PlacedNote {
  const lines = wrap(note.text, inner, noteFont);
  const extraText = [
    note.authorName ? words.by(note.authorName) : '',
    voted && note.dots > 0 ? words.dots(note.dots) : ''
  ]
    .filter(Boolean)
    .join(' · ');
  const extra = extraText ? wrap(extraText, inner, extraFont) : [];
  const height =
    notePadding * 2 +
    lines.length * noteFont * lineHeight +
    (extra.length > 0 ? 6 + extra.length * extraFont * lineHeight : 0);
  return { note, lines, extra, height: Math.ceil(height) };
}

function drawNote(
  placed: PlacedNote,
  x: number,
  y: number,
  noteWidth: number,
  rowHeight: number
): string {
  const colour = noteColours[placed.note.colour];
  const textX = x + noteEdge + notePadding;
  const right = x + noteWidth - notePadding;
  const parts = [
    `<rect x="${round(x)}" y="${round(y)}" width="${round(noteWidth)}" height="${rowHeight}" rx="6" fill="${colour.fill}"/>`,
    `<rect x="${round(x)}" y="${round(y)}" width="${noteEdge}" height="${rowHeight}" fill="${colour.edge}"/>`,
    textElement(
      placed.lines,
      round(textX),
      round(y + notePadding + noteFont),
      round(right),
      noteFont,
      `fill="${ink}"`
    )
  ];
  if (placed.extra.length > 0) {
    const ay = y + notePadding + placed.lines.length * noteFont * lineHeight + 6 + extraFont;
    parts.push(
      textElement(
        placed.extra,
        round(textX),
        round(ay),
        round(right),
        extraFont,
        `font-style="italic" fill="#3d434c"`
      )
    );
  }
  return `<g>${parts.join('')}</g>`;
}
