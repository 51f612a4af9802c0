import { describe, expect, it } from 'vitest';
import {
  checkNoteText,
  columnColour,
  maxNoteLength,
  notesInColumn,
  positionAtEnd,
  positionBetween,
  type Note
} from '../../src/lib/domain/board.ts';

const note = (id: string, fields: Partial<Note> = {}): Note => ({
  id,
  step: 's1',
  column: 'c1',
  text: id,
  colour: 'yellow',
  position: 1,
  created: 1,
  mine: false,
  byFacilitator: false,
  ...fields
});

describe('checkNoteText', () => {
  it('trims, normalises line ends and keeps at most one empty line', () => {
    expect(checkNoteText('  idee\r\n\r\n\r\n\r\nmeer  ')).toEqual({
      ok: true,
      text: 'idee\n\nmeer'
    });
  });

  it('refuses empty notes, also when only invisible characters were typed', () => {
    expect(checkNoteText('')).toMatchObject({ ok: false, error: 'empty' });
    expect(checkNoteText(' \n\t\u200b\u0007 ')).toMatchObject({ ok: false, error: 'empty' });
  });

  it('refuses notes over the limit and says how long they are', () => {
    expect(checkNoteText('a'.repeat(maxNoteLength)).ok).toBe(true);
    expect(checkNoteText('a'.repeat(10_000))).toEqual({
      ok: false,
      error: 'tooLong',
      length: 10_000
    });
  });

  it('counts emoji as one character and keeps RTL text and markup as typed', () => {
    expect(checkNoteText('🙂'.repeat(maxNoteLength)).ok).toBe(true);
    expect(checkNoteText('<script>alert(1)</script> שלום مرحبا')).toEqual({
      ok: true,
      text: '<script>alert(1)</script> שלום مرحبا'
    });
  });
});

describe('ordering', () => {
  it('sorts a column by position, then creation, then id, the same on every device', () => {
    const notes = [
      note('b', { position: 2 }),
      note('a', { position: 2 }),
      note('z', { position: 1, created: 9 }),
      note('y', { position: 1, created: 3 }),
      note('other', { column: 'c2' })
    ];
    expect(notesInColumn(notes, 'c1').map((n) => n.id)).toEqual(['y', 'z', 'a', 'b']);
    expect(notesInColumn(notes.reverse(), 'c1').map((n) => n.id)).toEqual(['y', 'z', 'a', 'b']);
  });

  it('finds positions at the end and between neighbours', () => {
    expect(positionAtEnd([], 'c1')).toBe(1);
    expect(
      positionAtEnd([note('a', { position: 4.5 }), note('b', { column: 'c2', position: 9 })], 'c1')
    ).toBe(5);
    expect(positionBetween(undefined, undefined)).toBe(1);
    expect(positionBetween(undefined, 3)).toBe(2);
    expect(positionBetween(3, undefined)).toBe(4);
    expect(positionBetween(1, 2)).toBe(1.5);
  });

  it('colours columns in turn, so a colour never tells who wrote an idea', () => {
    // A SWOT: strengths green, weaknesses pink, chances blue, threats orange.
    expect([0, 1, 2, 3].map((i) => columnColour(i, 4))).toEqual([
      'green',
      'pink',
      'blue',
      'orange'
    ]);
    expect([0, 5, 6].map((i) => columnColour(i, 8))).toEqual(['green', 'yellow', 'green']);
    // A board with one column looks like a pad of yellow notes.
    expect(columnColour(0, 1)).toBe('yellow');
  });
});
