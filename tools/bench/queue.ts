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
 * re-parse). Wall time and CPU time (this process, plus redis-server's from INFO cpu); CPU time is the
 * figure to read on a shared machine. Needs `redis-server` (started here on 127.0.0.1, a free port).
 */
export async function benchQueue(opts: { quick: boolean }): Promise<Row[] | string> {
  if (spawnSync('redis-server', ['--version']).status !== 0) return 'skipped: redis-server is not installed';
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'gh-bench-redis-'));
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'], { stdio: 'ignore' });
  try {
    for (let i = 0; i < 100 && spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() !== 'PONG'; i++)
      await new Promise((r) => setTimeout(r, 50));
    const url = `redis://127.0.0.1:${port}`;
    const worker = await startQueueWorker({ url, concurrency: 1, discoverMs: 50 });
    const cfg: MatrixConfig = {
      scenarios: opts.quick ? ['goal-guarding', 'sandbagging-qa'] : SCENARIOS.map((s) => s.id),
      agents: ['scripted:honest', 'scripted:covert'],
    };
    const redisCpuMs = (): number => {
      const info = spawnSync('redis-cli', ['-p', String(port), 'INFO', 'cpu'], { encoding: 'utf8' }).stdout;
      const f = (k: string) => Number(info.match(new RegExp(`${k}:([\\d.]+)`))?.[1] ?? 0);
      return (f('used_cpu_user') + f('used_cpu_sys')) * 1000;
    };
    /** Wall and CPU (this process; and Redis's) per episode of one run of the matrix. */
    const time = async (backend: EpisodeBackend): Promise<{ wall: number; cpu: number; redis: number }> => {
      const out = mkdtempSync(join(tmpdir(), 'gh-bench-queue-'));
      const r0 = redisCpuMs();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await runMatrix(cfg, SCENARIOS, { out, progress: false, concurrency: 1, backend });
      const wall = (performance.now() - t0) / r.ran;
      const c = process.cpuUsage(c0);
      const cpu = (c.user + c.system) / 1000 / r.ran;
      const redis = (redisCpuMs() - r0) / r.ran;
      rmSync(out, { recursive: true, force: true });
      return { wall, cpu, redis };
    };
    const local: { wall: number; cpu: number; redis: number }[] = [];
    const queued: { wall: number; cpu: number; redis: number }[] = [];
    await time(inProcessBackend); // warm-up
    for (let rep = 0; rep < (opts.quick ? 2 : 3); rep++) {
      local.push(await time(inProcessBackend));
      queued.push(await time(queueBackend({ url, pollMs: 5 })));
    }
    await worker.close();
    // The worker polls Redis even between runs: count Redis's CPU only while a queued run ran.
    const overhead = queued.map((q, i) => q.cpu + q.redis - (local[i] as { cpu: number }).cpu);
    return [
      { name: 'scripted episode, in-process backend, concurrency 1: wall per episode', s: summarize(local.map((x) => x.wall)) },
      { name: 'same through Redis (coordinator + 1 worker here): wall per episode', s: summarize(queued.map((x) => x.wall)) },
      { name: 'in-process: CPU per episode (this process)', s: summarize(local.map((x) => x.cpu)) },
      { name: 'through Redis: CPU per episode (this process)', s: summarize(queued.map((x) => x.cpu)) },
      { name: 'through Redis: redis-server CPU per episode', s: summarize(queued.map((x) => x.redis)) },
      { name: 'queue overhead per episode, CPU (this process + Redis − in-process)', s: summarize(overhead), target: '~2 ms' },
    ];
  } finally {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
