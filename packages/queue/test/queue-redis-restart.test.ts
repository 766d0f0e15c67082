import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '@glasshouse/scenarios';
import { readStatusLog, runMatrix } from '@glasshouse/runner';
import type { MatrixConfig } from '@glasshouse/runner';
import { queueBackend, startQueueWorker } from '@glasshouse/queue';
import { hasRedisServer, startRedis } from './redis-server';
import type { RedisServer } from './redis-server';

const tmp = () => mkdtempSync(join(tmpdir(), 'gh-queue-restart-'));
const records = (out: string) =>
  Object.fromEntries(
    readdirSync(join(out, 'records'))
      .sort()
      .map((f) => [f, readFileSync(join(out, 'records', f), 'utf8')]),
  );
const can = hasRedisServer();
if (!can && process.env.CI === 'true') throw new Error('the Redis restart test needs redis-server under CI (tools/bootstrap.sh installs it)');
if (!can) console.warn('queue Redis-restart test skipped: redis-server is not installed');

describe.skipIf(!can)('queue: Redis restarts mid-run (its own redis-server, append-only file on)', () => {
  it('the run pauses while Redis is away and finishes with every record, byte-identical to an embedded run', async () => {
    let server: RedisServer = await startRedis();
    const cfg: MatrixConfig = { scenarios: ['goal-guarding', 'sandbagging-qa', 'oversight-subversion'], agents: ['scripted:honest', 'scripted:covert'] };
    const embedded = tmp();
    await runMatrix(cfg, SCENARIOS, { out: embedded, progress: false });
    const worker = await startQueueWorker({ url: server.url, concurrency: 2, discoverMs: 100, lockDurationMs: 2000 });
    const out = tmp();
    let restarted: Promise<void> | null = null;
    try {
      const r = await runMatrix(cfg, SCENARIOS, {
        out,
        progress: false,
        backend: queueBackend({ url: server.url, reconcileMs: 500 }),
        onProgress: (s) => {
          if (!restarted && s.done >= s.total / 3) {
            restarted = (async () => {
              await server.stop();
              await new Promise((res) => setTimeout(res, 300));
              server = await startRedis(server.port, server.dir);
            })();
          }
        },
      });
      await restarted;
      expect(restarted).not.toBeNull();
      expect(r).toMatchObject({ failed: 0, stopped: null, ran: r.total });
      expect(records(out)).toEqual(records(embedded));
      const keys = readStatusLog(out).lines.flatMap((l) => ('key' in l ? [l.key] : []));
      expect(new Set(keys).size).toBe(keys.length);
    } finally {
      await worker.close();
      await server.stop();
    }
  });
});
