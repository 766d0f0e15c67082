import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCENARIOS } from '@glasshouse/scenarios';
import { inProcessBackend, runMatrix } from '@glasshouse/runner';
import type { EpisodeBackend, MatrixConfig } from '@glasshouse/runner';
import { queueBackend, startQueueWorker } from '@glasshouse/queue';
import { summarize } from './stats';
import type { Row } from './foundation';

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

/**
 * Issue #13: what the queue adds per episode. The same scripted matrix in one process, concurrency 1,
 * through the in-process backend and through Redis (coordinator + one worker in this process, so the
 * difference is the queue's own work: job add/fetch/complete, gzip, results hash, atomic write,
 * re-parse). Needs `redis-server` (started here on 127.0.0.1, a free port, a temp folder).
 */
export async function benchQueue(opts: { quick: boolean }): Promise<Row[] | string> {
  if (spawnSync('redis-server', ['--version']).status !== 0) return 'skipped: redis-server is not installed';
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'gh-bench-redis-'));
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'], { stdio: 'ignore' });
  try {
    for (let i = 0; i < 100 && spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() !== 'PONG'; i++) await new Promise((r) => setTimeout(r, 50));
    const url = `redis://127.0.0.1:${port}`;
    const worker = await startQueueWorker({ url, concurrency: 1, discoverMs: 50 });
    const cfg: MatrixConfig = { scenarios: opts.quick ? ['goal-guarding', 'sandbagging-qa'] : SCENARIOS.map((s) => s.id), agents: ['scripted:honest', 'scripted:covert'] };
    const time = async (backend: EpisodeBackend): Promise<number> => {
      const out = mkdtempSync(join(tmpdir(), 'gh-bench-queue-'));
      const t0 = performance.now();
      const r = await runMatrix(cfg, SCENARIOS, { out, progress: false, concurrency: 1, backend });
      const per = (performance.now() - t0) / r.ran;
      rmSync(out, { recursive: true, force: true });
      return per;
    };
    const local: number[] = [];
    const queued: number[] = [];
    await time(inProcessBackend); // warm-up
    for (let rep = 0; rep < (opts.quick ? 2 : 3); rep++) {
      local.push(await time(inProcessBackend));
      queued.push(await time(queueBackend({ url, pollMs: 5 })));
    }
    await worker.close();
    const diff = queued.map((q, i) => q - (local[i] as number));
    return [
      { name: 'scripted episode, in-process backend, concurrency 1 (per episode)', s: summarize(local) },
      { name: 'same through Redis: coordinator + 1 worker in one process (per episode)', s: summarize(queued) },
      { name: 'queue overhead per episode (difference of the two)', s: summarize(diff), target: '~2 ms' },
    ];
  } finally {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
