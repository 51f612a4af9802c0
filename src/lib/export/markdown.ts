import { reportOutline, type ReportBlock, type ReportOutline } from './reportOutline.ts';
import type { ReportWords } from './reportWords.ts';
import type { SessionSnapshot } from './snapshot.ts';

/*
 * The report as Markdown (CommonMark, with GFM tables), meant to read well as plain text.
 * Participants' text is escaped only where Markdown would read it as something else: a pair
 * of stars or underscores (emphasis), brackets that could make a link, an HTML tag, an
 * entity, a list or heading marker at the start of a line, a "|" in a table cell. "Mensen & vrijwilligers" and "-10%" in a
 * sentence stay as typed.
 */

const asciiPunctuation = /[!-/:-@[-`{-~]/;

/** Escapes the characters inside a line that Markdown would misread. */
function escapeInline(line: string): string {
  const count = (char: string): number => line.split(char).length - 1;
  const pairs = new Set(['*', '_', '~', '`'].filter((char) => count(char) >= 2));
  const link = line.includes('[') && line.includes(']');
  const chars = [...line];
  return chars
    .map((char, index) => {
      const next = chars[index + 1] ?? '';
      let escape = false;
      if (char === '\\') escape = next === '' || asciiPunctuation.test(next);
      else if (pairs.has(char)) escape = true;
      else if (char === '[' || char === ']') escape = link;
      else if (char === '<') escape = /^[A-Za-z/!?]/.test(next);
      else if (char === '&') escape = /^#?[A-Za-z0-9]+;/.test(chars.slice(index + 1).join(''));
      return escape ? `\\${char}` : char;
    })
    .join('');
}

/** Escapes what would start a heading, list, quote or rule at the start of a line. */
function escapeLineStart(line: string): string {
  return line
    .replace(/^(#{1,6})(?=\s|$)/, '\\$1')
    .replace(/^([-+*])(?=\s|$)/, '\\$1')
    .replace(/^>/, '\\>')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^([=-])(?=[=\-\s]*$)/, '\\$1');
}

/**
 * Participants' text for inline Markdown: escaped where needed, line breaks kept as hard
 * breaks inside the same block (continuation lines indented by `indent`). With `midLine`
 * the text follows other text on its first line (a heading's marks, a table cell), where
 * a list or heading marker means nothing.
 */
export function markdownText(text: string, indent = '', midLine = false): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n+/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line, index) => {
      const escaped = escapeInline(line);
      return midLine && index === 0 ? escaped : escapeLineStart(escaped);
    })
    .join(`\\\n${indent}`);
}

/** A heading's text: as inline text, with a closing " #" kept as text. */
const headingText = (text: string): string =>
  markdownText(text.replace(/\s+/g, ' '), '', true).replace(/(\s)(#+)$/, '$1\\$2');

/** A table cell: one line, and a "|" would end the cell. */
const cell = (text: string): string =>
  markdownText(text.replace(/\s+/g, ' '), '', true).replace(/\|/g, '\\|') || '—';

function tableLines(block: Extract<ReportBlock, { kind: 'table' }>): string[] {
  const row = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [
    row(block.columns.map((column) => column.title)),
    `| ${block.columns.map((column) => (column.numeric ? '---:' : '---')).join(' | ')} |`,
    ...block.rows.map(row)
  ];
}

function blockLines(block: ReportBlock): string[] {
  switch (block.kind) {
    case 'section':
      return [
        `${'#'.repeat(block.level)} ${headingText(block.title)}`,
        '',
        ...block.blocks.flatMap(blockLines)
      ];
    case 'facts':
      return [
        ...block.rows.map((row) => `- **${row.label}:** ${markdownText(row.value, '  ', true)}`),
        ''
      ];
    case 'text':
      if (block.tone === 'prompt')
        return [
          ...block.text
            .split(/\n+/)
            .filter((line) => line.trim())
            .map((line) => `> ${markdownText(line)}`),
          ''
        ];
      return [
        block.tone === 'muted' ? `*${markdownText(block.text)}*` : markdownText(block.text),
        ''
      ];
    case 'ideas':
      return [
        ...block.items.map(
          (idea) =>
            `- ${markdownText(idea.text, '  ')}${idea.extra ? ` — ${markdownText(idea.extra, '', true)}` : ''}`
        ),
        ''
      ];
    case 'list':
      return [...block.items.map((item) => `- ${markdownText(item.replace(/\s+/g, ' '))}`), ''];
    case 'table':
      return [...tableLines(block), ''];
    case 'quadrants':
      return block.cells.flatMap(blockLines);
    case 'board':
      return [];
  }
}

/** The report in Markdown: title, facts, summary, then each step. */
export function reportMarkdown(snapshot: SessionSnapshot, words: ReportWords): string {
  return outlineMarkdown(reportOutline(snapshot, words));
}

/** Any report outline (a session's, a track's) in Markdown. */
export function outlineMarkdown(outline: ReportOutline): string {
  const lines = [`# ${headingText(outline.title)}`, '', ...outline.blocks.flatMap(blockLines)];
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
