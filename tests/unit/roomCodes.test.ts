import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RoomCodes } from '../../src/hub/roomCodes.ts';
import { openSqliteCodeBook } from '../../src/hub/storage/sqliteCodeBook.ts';
import { newRoomKey } from '../../src/lib/sync/roomAccess.ts';

function clock(start = 0) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('RoomCodes', () => {
  it('gives a room one short, unambiguous code that leads back to its key', async () => {
    const codes = new RoomCodes();
    const key = newRoomKey();
    const code = (await codes.register(key)) ?? '';
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    expect(await codes.register(key)).toBe(code);
    expect(await codes.lookUp(code, 'a')).toEqual({ ok: true, roomKey: key });
    expect(await codes.lookUp(` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `, 'a')).toEqual(
      { ok: true, roomKey: key }
    );
  });

  it('refuses malformed keys', async () => {
    const codes = new RoomCodes();
    expect(await codes.register('')).toBeUndefined();
    expect(await codes.register('abc')).toBeUndefined();
    expect(await codes.register('<script>')).toBeUndefined();
  });

  it('forgets a code after its lifetime unless the present screen renews it', async () => {
    const time = clock();
    const codes = new RoomCodes({ lifetimeMs: 1000, now: time.now });
    const key = newRoomKey();
    const code = (await codes.register(key)) ?? '';
    time.advance(900);
    expect(await codes.register(key)).toBe(code);
    time.advance(900);
    expect((await codes.lookUp(code, 'a')).ok).toBe(true);
    time.advance(1001);
    expect(await codes.lookUp(code, 'a')).toEqual({ ok: false, problem: 'unknown' });
  });

  it('slows down guessing per address, not for everyone', async () => {
    const time = clock();
    const codes = new RoomCodes({ lookupsPerMinute: 3, now: time.now });
    const code = (await codes.register(newRoomKey())) ?? '';
    for (let i = 0; i < 3; i++) expect((await codes.lookUp('AAAAAA', 'guesser')).ok).toBe(false);
    expect(await codes.lookUp(code, 'guesser')).toEqual({ ok: false, problem: 'tooMany' });
    expect((await codes.lookUp(code, 'someone-else')).ok).toBe(true);
    time.advance(60_001);
    expect((await codes.lookUp(code, 'guesser')).ok).toBe(true);
  });

  it('never hands out a code twice and stays bounded', async () => {
    let counter = 0;
    // A picker that repeats itself at first, to force the collision path.
    const codes = new RoomCodes({ maxCodes: 3, pick: (size) => Math.floor(counter++ / 12) % size });
    const keys = [newRoomKey(), newRoomKey(), newRoomKey(), newRoomKey()];
    const handed: (string | undefined)[] = [];
    for (const key of keys) handed.push(await codes.register(key));
    expect(new Set(handed).size).toBe(4);
    expect((await codes.lookUp(handed[0] ?? '', 'a')).ok).toBe(false);
    expect((await codes.lookUp(handed[3] ?? '', 'a')).ok).toBe(true);
  });
});

describe('room codes in the hub database', () => {
  it('keeps a code across a hub restart, with its lifetime and bound', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kring-codes-'));
    dirs.push(dir);
    const time = clock(1_000_000);
    const key = newRoomKey();
    const before = openSqliteCodeBook(dir, 2);
    const code =
      (await new RoomCodes({ book: before, now: time.now, lifetimeMs: 1000 }).register(key)) ?? '';
    before.close();

    // A new process: a new RoomCodes on the same folder.
    const book = openSqliteCodeBook(dir, 2);
    const after = new RoomCodes({ book, now: time.now, lifetimeMs: 1000 });
    expect(await after.lookUp(code, 'phone')).toEqual({ ok: true, roomKey: key });
    // The present screen asks again: the same code, a fresh lifetime.
    time.advance(900);
    expect(await after.register(key)).toBe(code);
    time.advance(900);
    expect((await after.lookUp(code, 'phone')).ok).toBe(true);
    // Bounded: two more rooms push the oldest code out.
    await after.register(newRoomKey());
    await after.register(newRoomKey());
    expect(await after.lookUp(code, 'phone')).toEqual({ ok: false, problem: 'unknown' });
    time.advance(1001);
    book.close();
  });
});
