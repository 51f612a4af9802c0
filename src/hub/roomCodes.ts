import { randomInt } from 'node:crypto';
import { checkRoomKeyShape as checkRoomKey, deriveRoomSecrets } from '../lib/access/roomKeys.ts';

// No 0/O, 1/I/L: the code is read off a projector and typed on a phone.
const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const codeLength = 6;

export interface RoomCodeOptions {
  /** How long a code keeps working after the present screen last asked for it. */
  readonly lifetimeMs?: number;
  readonly maxCodes?: number;
  /** Failed look-ups allowed per client address per minute. */
  readonly lookupsPerMinute?: number;
  readonly now?: () => number;
  readonly pick?: (alphabetSize: number) => number;
}

export type LookupResult =
  | { readonly ok: true; readonly roomKey: string }
  | { readonly ok: false; readonly problem: 'unknown' | 'tooMany' };

interface Entry {
  readonly roomKey: string;
  expires: number;
}

/**
 * Short session codes a participant can type instead of scanning. The present screen
 * registers its room key; the hub hands it to whoever types the code. That tells the hub
 * nothing it could not already read (it relays the room), and failed guesses are rate
 * limited per address, so codes cannot be swept.
 */
export class RoomCodes {
  readonly #byCode = new Map<string, Entry>();
  readonly #byRoom = new Map<string, string>();
  readonly #failures = new Map<string, number[]>();
  readonly #lifetime: number;
  readonly #maxCodes: number;
  readonly #perMinute: number;
  readonly #now: () => number;
  readonly #pick: (size: number) => number;

  constructor(options: RoomCodeOptions = {}) {
    this.#lifetime = options.lifetimeMs ?? 24 * 60 * 60 * 1000;
    this.#maxCodes = options.maxCodes ?? 1000;
    this.#perMinute = options.lookupsPerMinute ?? 10;
    this.#now = options.now ?? Date.now;
    this.#pick = options.pick ?? ((size) => randomInt(size));
  }

  /** The code for a room (the same one while it lives); undefined for a malformed key. */
  register(rawRoomKey: string): string | undefined {
    const key = checkRoomKey(rawRoomKey);
    if (!key.ok) return undefined;
    const { roomId } = deriveRoomSecrets(key.roomKey);
    this.#prune();
    const expires = this.#now() + this.#lifetime;
    const existing = this.#byRoom.get(roomId);
    const entry = existing ? this.#byCode.get(existing) : undefined;
    if (existing && entry) {
      entry.expires = expires;
      return existing;
    }
    let code: string;
    do {
      code = Array.from(
        { length: codeLength },
        () => codeAlphabet[this.#pick(codeAlphabet.length)]
      ).join('');
    } while (this.#byCode.has(code));
    if (this.#byCode.size >= this.#maxCodes) this.#evictOldest();
    this.#byCode.set(code, { roomKey: key.roomKey, expires });
    this.#byRoom.set(roomId, code);
    return code;
  }

  /** Finds the room key for a typed code (case, spaces and dashes ignored). */
  lookUp(typed: string, clientAddress: string): LookupResult {
    const now = this.#now();
    const recent = (this.#failures.get(clientAddress) ?? []).filter((at) => now - at < 60_000);
    if (recent.length >= this.#perMinute) return { ok: false, problem: 'tooMany' };
    const code = typed.replace(/[\s-]/g, '').toUpperCase();
    const entry = this.#byCode.get(code);
    if (entry && entry.expires > now) {
      this.#failures.delete(clientAddress);
      return { ok: true, roomKey: entry.roomKey };
    }
    recent.push(now);
    this.#failures.set(clientAddress, recent);
    return { ok: false, problem: 'unknown' };
  }

  #prune(): void {
    const now = this.#now();
    for (const [code, entry] of this.#byCode) {
      if (entry.expires <= now) this.#forget(code, entry);
    }
    for (const [address, times] of this.#failures) {
      if (times.every((at) => now - at >= 60_000)) this.#failures.delete(address);
    }
  }

  #evictOldest(): void {
    let oldest: [string, Entry] | undefined;
    for (const item of this.#byCode)
      if (!oldest || item[1].expires < oldest[1].expires) oldest = item;
    if (oldest) this.#forget(oldest[0], oldest[1]);
  }

  #forget(code: string, entry: Entry): void {
    this.#byCode.delete(code);
    this.#byRoom.delete(deriveRoomSecrets(entry.roomKey).roomId);
  }
}
