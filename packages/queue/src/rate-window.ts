import type { Redis as RedisClient } from 'ioredis';

/**
 * A sliding-window start limiter in Redis, shared by every worker: at most `max` starts in any
 * `windowMs` (by Redis's own clock, so workers' clocks do not matter). Returns the Redis time of the
 * start once granted.
 */
const SCRIPT = `
local key = KEYS[1]
local max = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) < max then
  redis.call('ZADD', key, now, ARGV[3])
  redis.call('PEXPIRE', key, window * 2)
  return {1, now}
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now + 1}
`;

export const startWindowKey = (queue: string) => `glasshouse:starts:${queue}`;

export async function acquireStart(redis: RedisClient, key: string, max: number, windowMs: number, member: string): Promise<number> {
  for (;;) {
    const [ok, v] = (await redis.eval(SCRIPT, 1, key, String(max), String(windowMs), member)) as [number, number];
    if (ok === 1) return v;
    await new Promise((r) => setTimeout(r, Math.max(1, v)));
  }
}
