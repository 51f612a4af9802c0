import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { redisKeys } from './redisKeys.ts';

/*
 * Which hub serves which room, in Redis: a room is served by one hub at a time, the one that
 * holds its lease (a key with a TTL, renewed every `renewMs` while the hub has the room open).
 * The balancer sends a room's connections to one hub by hashing its id; when that hub is not
 * the holder (the holder died, is draining, or the balancer's set of hubs changed), it asks the
 * holder to hand the room over and waits for the lease:
 *   - a live holder closes the room's connections, commits, unloads and deletes its lease
 *     (placement.ts), usually within a few hundred milliseconds;
 *   - a dead holder's lease simply expires after `ttlMs`.
 * The lease keeps two hubs from serving one room at once; it is not what keeps data safe.
 * Rows in Postgres are CRDT updates, so even a holder that lost its lease without noticing
 * (stalled longer than the TTL) can only add rows, never overwrite another hub's.
 */

export interface LeaseOptions {
  readonly hubId: string;
  /** How long a lease lives without renewal (default 4 s). */
  readonly ttlMs?: number;
  /** How often held leases are renewed (default 1 s). */
  readonly renewMs?: number;
  /** How long acquire waits for another holder to hand over or expire (default 8 s). */
  readonly waitMs?: number;
}

export interface RoomLeases {
  /** This process: hub id and a random incarnation (a restarted hub is a new holder). */
  readonly holder: string;
  readonly incarnation: string;
  /** Takes a room's lease for this hub, asking its holder to hand it over; false on time-out. */
  acquire(room: string): Promise<boolean>;
  /** Gives a room's lease up (if this hub still holds it). */
  release(room: string): Promise<void>;
  holds(room: string): boolean;
  /** Rooms this hub holds. */
  held(): string[];
  /** Called when another hub asks for a room this hub holds. */
  onHandoverRequest(listener: (room: string) => void): void;
  /** Called when renewal finds a room's lease taken by another hub. */
  onLost(listener: (room: string) => void): void;
  close(): Promise<void>;
}

// Renews the leases in KEYS that still hold ARGV[1]; takes back those that expired
// meanwhile (nobody took them). Returns the keys now held by someone else.
const renewScript = `
local lost = {}
for i, key in ipairs(KEYS) do
  local holder = redis.call('GET', key)
  if holder == ARGV[1] then
    redis.call('PEXPIRE', key, ARGV[2])
  elseif not holder then
    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
  else
    table.insert(lost, key)
  end
end
redis.call('SET', ARGV[3], '1', 'PX', ARGV[2])
return lost
`;

const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Room leases for this hub. `redis` runs commands; `subscriber` is a second connection
 * (Redis puts a subscribed connection in a mode of its own).
 */
export async function openRoomLeases(
  redis: Redis,
  subscriber: Redis,
  options: LeaseOptions
): Promise<RoomLeases> {
  const ttlMs = options.ttlMs ?? 4000;
  const renewMs = options.renewMs ?? 1000;
  const waitMs = options.waitMs ?? 8000;
  const incarnation = randomBytes(8).toString('hex');
  const holder = `${options.hubId}/${incarnation}`;
  const mine = new Set<string>();
  const handoverListeners: ((room: string) => void)[] = [];
  const lostListeners: ((room: string) => void)[] = [];

  const channel = redisKeys.handover(options.hubId);
  subscriber.on('message', (from: string, room: string) => {
    if (from === channel && mine.has(room))
      for (const listener of handoverListeners) listener(room);
  });
  await subscriber.subscribe(channel);
  await redis.set(redisKeys.hubAlive(incarnation), '1', 'PX', ttlMs);

  const renew = async (): Promise<void> => {
    const rooms = [...mine];
    const lost = (await redis.eval(
      renewScript,
      rooms.length,
      ...rooms.map(redisKeys.lease),
      holder,
      String(ttlMs),
      redisKeys.hubAlive(incarnation)
    )) as string[];
    for (const key of lost) {
      const room = rooms.find((candidate) => redisKeys.lease(candidate) === key);
      if (room === undefined || !mine.delete(room)) continue;
      for (const listener of lostListeners) listener(room);
    }
  };
  let renewing = false;
  const timer = setInterval(() => {
    if (renewing) return;
    renewing = true;
    // Redis unreachable: nobody else can take a lease either; keep serving and retry.
    void renew()
      .catch(() => undefined)
      .finally(() => (renewing = false));
  }, renewMs);

  const release = async (room: string): Promise<void> => {
    mine.delete(room);
    await redis.eval(releaseScript, 1, redisKeys.lease(room), holder);
  };

  return {
    holder,
    incarnation,
    async acquire(room) {
      const key = redisKeys.lease(room);
      const deadline = Date.now() + waitMs;
      let asked: string | undefined;
      for (;;) {
        if ((await redis.set(key, holder, 'PX', ttlMs, 'NX')) === 'OK') {
          mine.add(room);
          return true;
        }
        const current = await redis.get(key);
        if (current === holder) {
          mine.add(room);
          return true;
        }
        const currentHub = current?.slice(0, current.lastIndexOf('/'));
        if (current && current !== asked && currentHub) {
          asked = current;
          await redis.publish(redisKeys.handover(currentHub), room);
        }
        if (Date.now() >= deadline) return false;
        await sleep(50);
      }
    },
    release,
    holds: (room) => mine.has(room),
    held: () => [...mine],
    onHandoverRequest: (listener) => void handoverListeners.push(listener),
    onLost: (listener) => void lostListeners.push(listener),
    async close() {
      clearInterval(timer);
      await subscriber.unsubscribe(channel).catch(() => undefined);
      await Promise.all([...mine].map((room) => release(room).catch(() => undefined)));
      await redis.del(redisKeys.hubAlive(incarnation)).catch(() => undefined);
    }
  };
}
