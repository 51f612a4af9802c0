import type { Redis } from 'ioredis';
import type { CodeBook, GuessCounter } from '../roomCodes.ts';
import { redisKeys } from './redisKeys.ts';

/*
 * What the hubs of a hosted Kring share besides leases (leases.ts): short session codes, failed
 * code guesses per address, and open connections per address. Everything carries a TTL, so
 * nothing a crashed hub left behind stays for long.
 */

const renewCodeScript = `
local code = redis.call('GET', KEYS[1])
if not code then return false end
if redis.call('PEXPIRE', ARGV[2] .. code, ARGV[1]) == 0 then return false end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return code
`;

const addCodeScript = `
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[3]) then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
return 1
`;

/** Codes in Redis: any hub answers a code any other hub handed out. */
export function redisCodeBook(redis: Redis): CodeBook {
  const codePrefix = redisKeys.code('');
  return {
    async renew(roomId, expires, now) {
      const code = (await redis.eval(
        renewCodeScript,
        1,
        redisKeys.codeOf(roomId),
        String(Math.max(1, expires - now)),
        codePrefix
      )) as string | null;
      return code ?? undefined;
    },
    async add(code, roomId, roomKey, expires, now) {
      const added = await redis.eval(
        addCodeScript,
        2,
        redisKeys.code(code),
        redisKeys.codeOf(roomId),
        `${roomId} ${roomKey}`,
        code,
        String(Math.max(1, expires - now))
      );
      return added === 1;
    },
    async lookUp(code) {
      const value = await redis.get(redisKeys.code(code));
      return value?.slice(value.indexOf(' ') + 1) || undefined;
    }
  };
}

/** Failed code look-ups per address, counted per minute window across all hubs. */
export function redisGuessCounter(redis: Redis): GuessCounter {
  return {
    async recentFailures(address) {
      return Number((await redis.get(redisKeys.guesses(address))) ?? 0);
    },
    async fail(address) {
      await redis
        .multi()
        .incr(redisKeys.guesses(address))
        .pexpire(redisKeys.guesses(address), 60_000, 'NX')
        .exec();
    },
    async forgive(address) {
      await redis.del(redisKeys.guesses(address));
    }
  };
}

// Counts an address's connections on live hub incarnations only (a crashed hub's entries go),
// and adds one for this incarnation unless the limit is reached. 1: admitted.
const admitScript = `
local total = 0
local fields = redis.call('HGETALL', KEYS[1])
for i = 1, #fields, 2 do
  if redis.call('EXISTS', ARGV[3] .. fields[i]) == 1 then
    total = total + tonumber(fields[i + 1])
  else
    redis.call('HDEL', KEYS[1], fields[i])
  end
end
if tonumber(ARGV[2]) > 0 and total >= tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('PEXPIRE', KEYS[1], 86400000)
return 1
`;

const leaveScript = `
if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1
`;

export interface SharedConnections {
  /** Counts a connection of `address`; false when the address has `limit` open across hubs. */
  admit(address: string): Promise<boolean>;
  /** The connection closed. */
  leave(address: string): Promise<void>;
}

/** Open WebSockets per address across all hubs (0: no limit, nothing counted). */
export function sharedConnections(
  redis: Redis,
  incarnation: string,
  limit: number
): SharedConnections {
  const alivePrefix = redisKeys.hubAlive('');
  return {
    async admit(address) {
      if (limit <= 0) return true;
      const admitted = await redis.eval(
        admitScript,
        1,
        redisKeys.connections(address),
        incarnation,
        String(limit),
        alivePrefix
      );
      return admitted === 1;
    },
    async leave(address) {
      if (limit <= 0) return;
      await redis.eval(leaveScript, 1, redisKeys.connections(address), incarnation);
    }
  };
}
