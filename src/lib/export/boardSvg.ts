import type { NoteColour } from '../domain/board.ts';
import { escapeXml, isRightToLeft } from './exportText.ts';
import type { ReportWords } from './reportWords.ts';
import type { SessionSnapshot, SnapshotNote, StepSnapshot } from './snapshot.ts';

/*
 * A step's board as an SVG picture, laid out like the projector shows it (1920 pixels wide:
 * columns side by side, sticky notes in the note colours). SVG has no text layout of its
 * own, so lines are wrapped here with an estimate of each character's width that errs on
 * the wide side: a line may end early, never past its note.
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
const fontFamily =
  "'Atkinson Hyperlegible', system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";

const width = 1920;
const margin = 48;
const columnGap = 24;
const columnPadding = 18;
const noteGap = 14;
const notePadding = 16;
const noteEdge = 8;
const minNoteWidth = 360;
const noteFont = 24;
const lineHeight = 1.3;

/** Roughly how wide a character is, in ems, for a sans-serif font (generous). */
function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (char === ' ') return 0.3;
  if (/[iljI.,:;'!|()[\]]/.test(char)) return 0.34;
  if (/[mwMW@%]/.test(char)) return 0.95;
  if (/[A-Z]/.test(char)) return 0.7;
  if (code >= 0x1100 && (code <= 0x115f || code >= 0x2e80)) return 1.05; // CJK, emoji
  if (code >= 0x2190 && code <= 0x2bff) return 1.05; // arrows, symbols, dingbats
  return 0.6;
}

/** Estimated width of text in pixels. */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) ems += charWidth(char);
  return ems * fontSize;
}

/** Wraps text into lines no wider than `maxWidth` (words first, long words cut). */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n?|\n/)) {
    let line = '';
    for (const word of paragraph.split(/[ \t]+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(candidate, fontSize) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      // A word wider than the line is cut into pieces that fit.
      let piece = '';
      for (const char of word) {
        if (piece && textWidth(piece + char, fontSize) > maxWidth) {
          lines.push(piece);
          piece = '';
        }
        piece += char;
      }
      line = piece;
    }
    lines.push(line);
  }
  // Blank lines inside a note are kept once, never at the ends.
  const kept: string[] = [];
  for (const line of lines)
    if (line !== '' || (kept.length > 0 && kept.at(-1) !== '')) kept.push(line);
  while (kept.at(-1) === '') kept.pop();
  return kept;
}

interface Box {
  readonly title: string;
  readonly notes: readonly SnapshotNote[];
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

interface PlacedNote {
  readonly note: SnapshotNote;
  readonly lines: readonly string[];
  readonly author: readonly string[];
  readonly height: number;
}

function placeNote(note: SnapshotNote, noteWidth: number, words: ReportWords): PlacedNote {
  const inner = noteWidth - noteEdge - notePadding * 2;
  const lines = wrapText(note.text, inner, noteFont);
  const author = note.authorName ? wrapText(words.by(note.authorName), inner, noteFont * 0.8) : [];
  const height =
    notePadding * 2 +
    lines.length * noteFont * lineHeight +
    (author.length > 0 ? 6 + author.length * noteFont * 0.8 * lineHeight : 0);
  return { note, lines, author, height: Math.ceil(height) };
}

function boxesOf(step: StepSnapshot, words: ReportWords): Box[] {
  if (step.kind === 'brainstorm')
    return step.columns.map((c) => ({ title: c.title, notes: c.notes }));
  if (step.kind === 'cluster')
    return step.groups.map((g) => ({ title: g.name ?? words.unclustered, notes: g.notes }));
  return [];
}

/** The board of a brainstorm or cluster step as an SVG document (UTF-8 text). */
export function boardSvg(
  snapshot: SessionSnapshot,
  step: StepSnapshot,
  words: ReportWords
): string {
  const parts: string[] = [];
  let y = margin;
  const titleFont = 44;
  const promptFont = 26;
  const sessionFont = 22;
  parts.push(
    textElement(
      [snapshot.title],
      margin,
      y + sessionFont,
      width - margin,
      sessionFont,
      `fill="${muted}"`
    )
  );
  y += sessionFont * lineHeight + 12;
  const titleLines = wrapText(`${step.number}. ${step.title}`, width - 2 * margin, titleFont);
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
  const promptLines = wrapText(step.prompt, width - 2 * margin, promptFont);
  parts.push(
    textElement(promptLines, margin, y + promptFont, width - margin, promptFont, `fill="${ink}"`)
  );
  y += promptLines.length * promptFont * lineHeight + 28;

  const boxes = boxesOf(step, words);
  const count = Math.max(boxes.length, 1);
  const columnWidth = (width - 2 * margin - columnGap * (count - 1)) / count;
  const inner = columnWidth - 2 * columnPadding;
  const perRow = Math.max(1, Math.floor((inner + noteGap) / (minNoteWidth + noteGap)));
  const noteWidth = (inner - noteGap * (perRow - 1)) / perRow;
  const columnFont = 30;
  const top = y;
  let bottom = y;
  const columns: string[] = [];
  boxes.forEach((box, index) => {
    const x = margin + index * (columnWidth + columnGap);
    const content: string[] = [];
    let cy = top + columnPadding;
    const heading = wrapText(`${box.title} (${box.notes.length})`, inner, columnFont);
    content.push(
      textElement(
        heading,
        x + columnPadding,
        cy + columnFont,
        x + columnWidth - columnPadding,
        columnFont,
        `font-weight="700" fill="${ink}"`
      )
    );
    cy += heading.length * columnFont * lineHeight + 12;
    if (box.notes.length === 0) {
      content.push(
        textElement(
          [words.noNotes],
          x + columnPadding,
          cy + noteFont,
          x + columnWidth - columnPadding,
          noteFont,
          `fill="${muted}"`
        )
      );
      cy += noteFont * lineHeight;
    }
    const placed = box.notes.map((note) => placeNote(note, noteWidth, words));
    for (let start = 0; start < placed.length; start += perRow) {
      const row = placed.slice(start, start + perRow);
      const rowHeight = Math.max(...row.map((p) => p.height));
      row.forEach((p, column) => {
        const nx = x + columnPadding + column * (noteWidth + noteGap);
        content.push(drawNote(p, nx, cy, noteWidth, rowHeight));
      });
      cy += rowHeight + noteGap;
    }
    const height = cy - top + columnPadding - (placed.length > 0 ? noteGap : 0);
    columns.push(
      `<g><rect x="${round(x)}" y="${round(top)}" width="${round(columnWidth)}" height="${round(height)}" rx="12" fill="#eef0f2"/>${content.join('')}</g>`
    );
    bottom = Math.max(bottom, top + height);
  });
  parts.push(...columns);
  const height = Math.ceil(bottom + margin);
  const label = escapeXml(`${snapshot.title} — ${step.number}. ${step.title}`);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}" font-family="${escapeXml(fontFamily)}">` +
    `<title>${label}</title>` +
    `<rect width="${width}" height="${height}" fill="#fbfaf7"/>` +
    parts.join('') +
    `</svg>\n`
  );
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
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
  if (placed.author.length > 0) {
    const ay = y + notePadding + placed.lines.length * noteFont * lineHeight + 6 + noteFont * 0.8;
    parts.push(
      textElement(
        placed.author,
        round(textX),
        round(ay),
        round(right),
        Math.round(noteFont * 0.8),
        `font-style="italic" fill="#3d434c"`
      )
    );
  }
  return `<g>${parts.join('')}</g>`;
}
