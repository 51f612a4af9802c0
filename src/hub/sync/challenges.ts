import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { fromBase32, toBase32 } from '../../lib/domain/ids.ts';

/*
 * Login challenges (access/hubLogin.ts): a device asks for one, signs it, and the hub
 * accepts each challenge once, for the room it was issued for, within a minute. A challenge
 * carries its own proof (an HMAC under the hub's secret), so the hub keeps no list of issued
 * ones, only of those used until they expire. Hubs that share a secret accept each other's
 * challenges (hosted mode routes a room's requests to one hub anyway).
 */

export interface ChallengeOptions {
  /** The HMAC key; a fresh random one when absent (challenges then die with the process). */
  readonly secret?: Uint8Array | undefined;
  readonly lifetimeMs?: number;
  readonly now?: () => number;
}

const nonceBytes = 16;
const macBytes = 16;

export class Challenges {
  readonly #secret: Uint8Array;
  readonly #lifetimeMs: number;
  readonly #now: () => number;
  /** Used challenges until they expire. */
  readonly #used = new Map<string, number>();

  constructor(options: ChallengeOptions = {}) {
    this.#secret = options.secret ?? randomBytes(32);
    this.#lifetimeMs = options.lifetimeMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** A fresh challenge for a room. */
  issue(roomId: string): string {
    const expiry = Math.ceil((this.#now() + this.#lifetimeMs) / 1000);
    const body = Buffer.alloc(nonceBytes + 4);
    randomBytes(nonceBytes).copy(body);
    body.writeUInt32BE(expiry, nonceBytes);
    return toBase32(Buffer.concat([body, this.#mac(body, roomId)]));
  }

  /** Accepts a challenge once: issued by this hub for this room, not expired, not used. */
  consume(challenge: string, roomId: string): boolean {
    this.#prune();
    const bytes = fromBase32(challenge);
    if (!bytes || bytes.length !== nonceBytes + 4 + macBytes) return false;
    if (toBase32(bytes) !== challenge) return false;
    const body = Buffer.from(bytes.subarray(0, nonceBytes + 4));
    const mac = Buffer.from(bytes.subarray(nonceBytes + 4));
    if (!timingSafeEqual(mac, this.#mac(body, roomId))) return false;
    const expiresAt = body.readUInt32BE(nonceBytes) * 1000;
    if (expiresAt < this.#now() || this.#used.has(challenge)) return false;
    this.#used.set(challenge, expiresAt);
    return true;
  }

  #mac(body: Uint8Array, roomId: string): Buffer {
    return createHmac('sha256', this.#secret)
      .update(body)
      .update(`|${roomId}`)
      .digest()
      .subarray(0, macBytes);
  }

  #prune(): void {
    const now = this.#now();
    for (const [challenge, expiresAt] of this.#used) {
      if (expiresAt < now) this.#used.delete(challenge);
    }
  }
}
