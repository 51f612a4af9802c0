import { characterCount, stripInvisible } from './text.ts';

/** Sticky-note colours; the projector and phones map each to a high-contrast pair. */
export const noteColours = ['yellow', 'pink', 'green', 'blue', 'orange', 'purple'] as const;
export type NoteColour = (typeof noteColours)[number];

/** A note can be a short paragraph, not an essay: long text is unreadable on a projector. */
export const maxNoteLength = 280;

/** A column (or quadrant) of the board. */
export interface Column {
  readonly id: string;
  readonly title: string;
}

/** One idea on a board, as every screen and export reads it (model/view.ts makes these). */
export interface Note {
  readonly id: string;
  /** The script step the idea was written in. */
  readonly step: string;
  readonly column: string;
  readonly text: string;
  /**
   * Its colour on screen: the column's, never the writer's device, so a colour cannot tell
   * who wrote an idea in an anonymous step.
   */
  readonly colour: NoteColour;
  /** Only set when the writer chose to show a name and the step is not anonymous. */
  readonly authorName?: string | undefined;
  /** Order within the column; any number, compared ascending. */
  readonly position: number;
  /** The group (cluster) the facilitator put it in, if any. */
  readonly cluster?: string | undefined;
  /** Milliseconds since the epoch on the writer's clock: advisory, for display only. */
  readonly created: number;
  /** Written on this device (the writer's own phone marks it "your idea"). */
  readonly mine: boolean;
  /** Typed in by a facilitator for someone without a phone. */
  readonly byFacilitator: boolean;
  /** Carried in from an earlier session of the track: where it came from. */
  readonly carried?: string | undefined;
}

export type NoteTextCheck =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly error: 'empty' | 'tooLong'; readonly length: number };

/** Cleans up typed note text and checks it against the length limit (in characters). */
export function checkNoteText(raw: string, maxLength: number = maxNoteLength): NoteTextCheck {
  const text = stripInvisible(raw.replace(/\r\n?/g, '\n'))
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const length = characterCount(text);
  if (length === 0) return { ok: false, error: 'empty', length };
  if (length > Math.min(maxLength, maxNoteLength)) return { ok: false, error: 'tooLong', length };
  return { ok: true, text };
}

/** Column colours in turn: a SWOT reads strengths green, weaknesses pink, chances blue. */
const columnColours: readonly NoteColour[] = [
  'green',
  'pink',
  'blue',
  'orange',
  'purple',
  'yellow'
];

/**
 * The colour of a column: the step's columns take the colours in turn, and a board with one
 * column looks like a pad of yellow notes.
 */
export function columnColour(columnIndex: number, columnCount: number): NoteColour {
  if (columnCount <= 1) return 'yellow';
  return columnColours[Math.max(0, columnIndex) % columnColours.length] ?? 'yellow';
}

/** Orders notes for display: by position, then creation, then id, so every device agrees. */
export function compareNotes(a: Note, b: Note): number {
  return a.position - b.position || a.created - b.created || a.id.localeCompare(b.id);
}

/** The notes of one column in display order. */
export function notesInColumn(notes: Iterable<Note>, column: string): Note[] {
  return [...notes].filter((note) => note.column === column).sort(compareNotes);
}

/** A position after every note in the column. */
export function positionAtEnd(notes: Iterable<Note>, column: string): number {
  let last = 0;
  for (const note of notes) if (note.column === column) last = Math.max(last, note.position);
  return Math.floor(last) + 1;
}

/** A position between two neighbours (either may be missing at the ends of a column). */
export function positionBetween(before: number | undefined, after: number | undefined): number {
  if (before === undefined && after === undefined) return 1;
  if (before === undefined) return (after as number) - 1;
  if (after === undefined) return before + 1;
  return (before + after) / 2;
}
