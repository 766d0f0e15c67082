import { GlasshouseError } from '@glasshouse/schema';
import type { Redis as RedisClient } from 'ioredis';

/**
 * Open an ioredis connection (loaded lazily: nothing of Redis is imported unless a queue is used)
 * and wait until it answers. Commands wait through reconnects (maxRetriesPerRequest: null), so a
 * Redis restart mid-run pauses the run instead of failing it.
 */
export async function connectRedis(url: string, opts: { timeoutMs?: number; name?: string } = {}): Promise<RedisClient> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new GlasshouseError('CONFIG_INVALID', `--queue '${url}' is not a URL (expected redis://host:port)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new GlasshouseError('CONFIG_INVALID', `--queue '${url}': expected a redis:// or rediss:// URL`);
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectionName: opts.name ?? 'glasshouse',
    retryStrategy: (n) => Math.min(1000, 50 * n),
  });
  // Connection errors while Redis is away are expected: commands wait for the reconnect.
  redis.on('error', () => {});
  const timeoutMs = opts.timeoutMs ?? 5000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new GlasshouseError(
                'QUEUE_UNAVAILABLE',
                `no Redis answered at ${url} within ${timeoutMs} ms (start one: redis-server --port ${parsed.port || 6379})`,
              ),
            ),
          timeoutMs,
        );
      }),
    ]);
  } catch (err) {
    redis.disconnect();
    throw err;
  } finally {
    if (timer) clearTimeout(timer);
  }
  return redis;
}
