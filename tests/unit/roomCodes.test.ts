import { describe, expect, it } from 'vitest';
import { RoomCodes } from '../../src/hub/roomCodes.ts';
import { newRoomKey } from '../../src/lib/access/roomKeys.ts';

function clock(start = 0) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('RoomCodes', () => {
  it('gives a room one short, unambiguous code that leads back to its key', () => {
    const codes = new RoomCodes();
    const key = newRoomKey();
    const code = codes.register(key);
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    expect(codes.register(key)).toBe(code);
    expect(codes.lookUp(code ?? '', 'a')).toEqual({ ok: true, roomKey: key });
    expect(codes.lookUp(` ${code?.slice(0, 3).toLowerCase()}-${code?.slice(3)} `, 'a')).toEqual({
      ok: true,
      roomKey: key
    });
  });

  it('refuses malformed keys', () => {
    const codes = new RoomCodes();
    expect(codes.register('')).toBeUndefined();
    expect(codes.register('abc')).toBeUndefined();
    expect(codes.register('<script>')).toBeUndefined();
  });

  it('forgets a code after its lifetime unless the present screen renews it', () => {
    const time = clock();
    const codes = new RoomCodes({ lifetimeMs: 1000, now: time.now });
    const key = newRoomKey();
    const code = codes.register(key) ?? '';
    time.advance(900);
    expect(codes.register(key)).toBe(code);
    time.advance(900);
    expect(codes.lookUp(code, 'a').ok).toBe(true);
    time.advance(1001);
    expect(codes.lookUp(code, 'a')).toEqual({ ok: false, problem: 'unknown' });
  });

  it('slows down guessing per address, not for everyone', () => {
    const time = clock();
    const codes = new RoomCodes({ lookupsPerMinute: 3, now: time.now });
    const code = codes.register(newRoomKey()) ?? '';
    for (let i = 0; i < 3; i++) expect(codes.lookUp('AAAAAA', 'guesser').ok).toBe(false);
    expect(codes.lookUp(code, 'guesser')).toEqual({ ok: false, problem: 'tooMany' });
    expect(codes.lookUp(code, 'someone-else').ok).toBe(true);
    time.advance(60_001);
    expect(codes.lookUp(code, 'guesser').ok).toBe(true);
  });

  it('never hands out a code twice and stays bounded', () => {
    let counter = 0;
    // A picker that repeats itself at first, to force the collision path.
    const codes = new RoomCodes({ maxCodes: 3, pick: (size) => Math.floor(counter++ / 12) % size });
    const keys = [newRoomKey(), newRoomKey(), newRoomKey(), newRoomKey()];
    const handed = keys.map((key) => codes.register(key));
    expect(new Set(handed).size).toBe(4);
    expect(codes.lookUp(handed[0] ?? '', 'a').ok).toBe(false);
    expect(codes.lookUp(handed[3] ?? '', 'a').ok).toBe(true);
  });
});
