/*
 * Greedy line breaking, as a browser does it for text that wraps at spaces: words go on a
 * line while they fit; a word wider than a whole line is split by the caller's rule. Shared
 * by the SVG board export (which splits at syllables, with a hyphen) and the projector's
 * layout estimate (which splits anywhere, as `overflow-wrap: anywhere` does).
 */

/** How lines are measured, and what to do with a word wider than a line. */
export interface LineBreaking {
  /** Width of a piece of text, in pixels. */
  readonly width: (text: string) => number;
  /** Splits a word wider than a line into pieces that fit (the last one may be short). */
  readonly split: (word: string, fits: (text: string) => boolean) => string[];
  /**
   * The start of a word wider than a line that may still end the line before it, in `room`
   * pixels: [that start, the rest]. Without one, such a word begins a new line.
   */
  readonly head?:
    ((word: string, room: number) => readonly [string, string] | undefined) | undefined;
}

/** The lines of one paragraph (its words in order; an empty word is a second space). */
export function wrapWords(
  words: readonly string[],
  maxWidth: number,
  breaking: LineBreaking
): string[] {
  const { width } = breaking;
  const fits = (part: string): boolean => width(part) <= maxWidth;
  const space = width(' ');
  const lines: string[] = [];
  let line = '';
  // Whether the line holds a word yet (an empty word counts: it stands for a space).
  let open = false;
  // Widths add up word by word (a line is measured once per word, not again as a whole).
  let lineWidth = 0;
  for (const word of words) {
    const wordWidth = width(word);
    if (open && lineWidth + space + wordWidth <= maxWidth) {
      line = `${line} ${word}`;
      lineWidth += space + wordWidth;
      continue;
    }
    if (wordWidth <= maxWidth) {
      if (open) lines.push(line);
      line = word;
      lineWidth = wordWidth;
      open = true;
      continue;
    }
    let rest = word;
    const head = open ? breaking.head?.(word, maxWidth - lineWidth - space) : undefined;
    if (head) {
      lines.push(`${line} ${head[0]}`);
      rest = head[1];
    } else if (open) lines.push(line);
    const pieces = breaking.split(rest, fits);
    lines.push(...pieces.slice(0, -1));
    line = pieces.at(-1) ?? '';
    lineWidth = width(line);
    open = true;
  }
  lines.push(line);
  return lines;
}
