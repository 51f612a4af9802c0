import { randomInt } from 'node:crypto';
import { checkRoomKey, deriveRoomSecrets } from '../lib/sync/roomAccess.ts';

// No 0/O, 1/I/L: the code is read off a projector and typed on a phone.
const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const codeLength = 6;
const minute = 60_000;

/**
 * Where codes live: in memory (tests), in the hub's SQLite database on a laptop
 * (storage/sqliteCodeBook.ts), in Redis when several hubs share them (hosted/redisCodes.ts).
 */
export interface CodeBook {
  /** The live code of a room, its lifetime pushed to `expires`; undefined when it has none. */
  renew(roomId: string, expires: number, now: number): Promise<string | undefined>;
  /** Files a new code for a room; false when the code is taken (another is picked). */
  add(
    code: string,
    roomId: string,
    roomKey: string,
    expires: number,
    now: number
  ): Promise<boolean>;
  /** The room key of a live code. */
  lookUp(code: string, now: number): Promise<string | undefined>;
}

/** Counts failed look-ups per client address over the last minute. */
export interface GuessCounter {
  recentFailures(address: string, now: number): Promise<number>;
  fail(address: string, now: number): Promise<void>;
  forgive(address: string): Promise<void>;
}

export interface RoomCodeOptions {
  /** How long a code keeps working after the present screen last asked for it. */
  readonly lifetimeMs?: number;
  readonly maxCodes?: number;
  /** Failed look-ups allowed per client address per minute. */
  readonly lookupsPerMinute?: number;
  readonly now?: () => number;
  readonly pick?: (alphabetSize: number) => number;
  /** Where the codes are kept; in this process's memory by default. */
  readonly book?: CodeBook;
  /** Where failed look-ups are counted; in this process's memory by default. */
  readonly guesses?: GuessCounter;
}

export type LookupResult =
  | { readonly ok: true; readonly roomKey: string }
  | { readonly ok: false; readonly problem: 'unknown' | 'tooMany' };

/**
 * Short session codes a participant can type instead of scanning. The present screen
 * registers its room key; the hub hands it to whoever types the code. That tells the hub
 * nothing it could not already read (it relays the room), and failed guesses are rate
 * limited per address, so codes cannot be swept.
 */
export class RoomCodes {
  readonly #book: CodeBook;
  readonly #guesses: GuessCounter;
  readonly #lifetime: number;
  readonly #perMinute: number;
  readonly #now: () => number;
  readonly #pick: (size: number) => number;

  constructor(options: RoomCodeOptions = {}) {
    this.#lifetime = options.lifetimeMs ?? 24 * 60 * 60 * 1000;
    this.#perMinute = options.lookupsPerMinute ?? 10;
    this.#now = options.now ?? Date.now;
    this.#pick = options.pick ?? ((size) => randomInt(size));
    this.#book = options.book ?? memoryCodeBook(options.maxCodes ?? 1000);
    this.#guesses = options.guesses ?? memoryGuessCounter();
  }

  /** The code for a room (the same one while it lives); undefined for a malformed key. */
  async register(rawRoomKey: string): Promise<string | undefined> {
    const key = checkRoomKey(rawRoomKey);
    if (!key.ok) return undefined;
    const { roomId } = deriveRoomSecrets(key.roomKey);
    const now = this.#now();
    const expires = now + this.#lifetime;
    const existing = await this.#book.renew(roomId, expires, now);
    if (existing) return existing;
    for (;;) {
      const code = Array.from(
        { length: codeLength },
        () => codeAlphabet[this.#pick(codeAlphabet.length)]
      ).join('');
      if (await this.#book.add(code, roomId, key.roomKey, expires, now)) return code;
    }
  }

  /** Finds the room key for a typed code (case, spaces and dashes ignored). */
  async lookUp(typed: string, clientAddress: string): Promise<LookupResult> {
    const now = this.#now();
    if ((await this.#guesses.recentFailures(clientAddress, now)) >= this.#perMinute)
      return { ok: false, problem: 'tooMany' };
    const code = typed.replace(/[\s-]/g, '').toUpperCase();
    const roomKey = /^[A-Z0-9]{1,12}$/.test(code) ? await this.#book.lookUp(code, now) : undefined;
    if (roomKey) {
      await this.#guesses.forgive(clientAddress);
      return { ok: true, roomKey };
    }
    await this.#guesses.fail(clientAddress, now);
    return { ok: false, problem: 'unknown' };
  }
}

interface Entry {
  readonly roomId: string;
  readonly roomKey: string;
  expires: number;
}

/** Codes in this process's memory, at most `maxCodes` (the oldest go first). */
export function memoryCodeBook(maxCodes: number): CodeBook {
  const byCode = new Map<string, Entry>();
  const byRoom = new Map<string, string>();
  const forget = (code: string, entry: Entry): void => {
    byCode.delete(code);
    byRoom.delete(entry.roomId);
  };
  return {
    async renew(roomId, expires, now) {
      const code = byRoom.get(roomId);
      const entry = code === undefined ? undefined : byCode.get(code);
      if (!code || !entry || entry.expires <= now) return undefined;
      entry.expires = expires;
      return code;
    },
    async add(code, roomId, roomKey, expires, now) {
      for (const [known, entry] of byCode) if (entry.expires <= now) forget(known, entry);
      if (byCode.has(code)) return false;
      if (byCode.size >= maxCodes) {
        let oldest: [string, Entry] | undefined;
        for (const item of byCode)
          if (!oldest || item[1].expires < oldest[1].expires) oldest = item;
        if (oldest) forget(oldest[0], oldest[1]);
      }
      byCode.set(code, { roomId, roomKey, expires });
      byRoom.set(roomId, code);
      return true;
    },
    async lookUp(code, now) {
      const entry = byCode.get(code);
      return entry && entry.expires > now ? entry.roomKey : undefined;
    }
  };
}

/** Failed look-ups in this process's memory. */
export function memoryGuessCounter(): GuessCounter {
  const failures = new Map<string, number[]>();
  const recent = (address: string, now: number): number[] =>
    (failures.get(address) ?? []).filter((at) => now - at < minute);
  return {
    async recentFailures(address, now) {
      return recent(address, now).length;
    },
    async fail(address, now) {
      for (const [known, times] of failures) {
        if (times.every((at) => now - at >= minute)) failures.delete(known);
      }
      failures.set(address, [...recent(address, now), now]);
    },
    async forgive(address) {
      failures.delete(address);
    }
  };
}
