import { describe, expect, it } from 'vitest';
import { checkTitle, maxTitleLength } from '../../src/lib/domain/title.ts';
import { newSession, sortForLibrary } from '../../src/lib/storage/sessionRecord.ts';

describe('checkTitle', () => {
  it('trims and collapses whitespace', () => {
    expect(checkTitle('  Startmoment \n Lier  ')).toEqual({ ok: true, title: 'Startmoment Lier' });
  });

  it('drops invisible and control characters', () => {
    expect(checkTitle('Start\u0000moment\u200b Lier\u0007')).toEqual({
      ok: true,
      title: 'Startmoment Lier'
    });
    expect(checkTitle('\u0000\u001b')).toEqual({ ok: false, error: 'empty' });
  });

  it('refuses an empty or blank title', () => {
    expect(checkTitle('')).toEqual({ ok: false, error: 'empty' });
    expect(checkTitle(' \t\n ')).toEqual({ ok: false, error: 'empty' });
  });

  it('counts characters, not UTF-16 units, against the limit', () => {
    expect(checkTitle('🙂'.repeat(maxTitleLength)).ok).toBe(true);
    expect(checkTitle('a'.repeat(maxTitleLength + 1))).toEqual({ ok: false, error: 'tooLong' });
  });

  it('keeps accents, emoji and right-to-left text as typed', () => {
    const title = 'Café één 🎉 مرحبا';
    expect(checkTitle(title)).toEqual({ ok: true, title });
  });
});

describe('newSession', () => {
  it('starts with opened time equal to created time', () => {
    const session = newSession({
      id: 'a',
      title: 'T',
      scriptId: 'swot',
      locale: 'nl',
      roomKey: 'k',
      facilitatorKey: 'f',
      now: 42
    });
    expect(session).toEqual({
      id: 'a',
      title: 'T',
      scriptId: 'swot',
      locale: 'nl',
      roomKey: 'k',
      facilitatorKey: 'f',
      createdAt: 42,
      lastOpenedAt: 42
    });
  });
});

describe('sortForLibrary', () => {
  const base = {
    title: 't',
    scriptId: 's',
    locale: 'nl' as const,
    roomKey: 'k',
    facilitatorKey: 'f'
  };
  it('puts the most recently opened first, then the newest, without changing the input', () => {
    const input = [
      { ...base, id: 'old', createdAt: 1, lastOpenedAt: 1 },
      { ...base, id: 'opened', createdAt: 2, lastOpenedAt: 9 },
      { ...base, id: 'new', createdAt: 5, lastOpenedAt: 5 },
      { ...base, id: 'tie-b', createdAt: 3, lastOpenedAt: 3 },
      { ...base, id: 'tie-a', createdAt: 3, lastOpenedAt: 3 }
    ];
    const copy = structuredClone(input);
    expect(sortForLibrary(input).map((s) => s.id)).toEqual([
      'opened',
      'new',
      'tie-a',
      'tie-b',
      'old'
    ]);
    expect(input).toEqual(copy);
  });
});
