import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '@glasshouse/scenarios';
import { readManifest, readStatusLog, runMatrix } from '@glasshouse/runner';
import type { EpisodeBackend, MatrixConfig } from '@glasshouse/runner';
import type { AgentPolicy } from '@glasshouse/schema';
import { connectRedis, queueBackend, RUNS_KEY, startQueueWorker } from '@glasshouse/queue';
import type { EpisodeJob } from '@glasshouse/queue';
import { testRedis } from './redis-server';

const redis = await testRedis(1);
afterAll(async () => redis?.close());
const tmp = () => mkdtempSync(join(tmpdir(), 'gh-queue-'));
const records = (out: string) =>
  Object.fromEntries(
    readdirSync(join(out, 'records'))
      .sort()
      .map((f) => [f, readFileSync(join(out, 'records', f), 'utf8')]),
  );

describe.skipIf(!redis)('queue: coordinator and workers in one process, real Redis', () => {
  const url = redis?.url ?? '';

  it('writes records byte-identical to an embedded run, each once; a rerun resumes with nothing to do', async () => {
    const cfg: MatrixConfig = { scenarios: ['goal-guarding', 'sandbagging-qa'], agents: ['scripted:honest', 'scripted:covert'] };
    const embedded = tmp();
    await runMatrix(cfg, SCENARIOS, { out: embedded, progress: false });
    const w1 = await startQueueWorker({ url, concurrency: 2, discoverMs: 100 });
    const w2 = await startQueueWorker({ url, concurrency: 2, discoverMs: 100 });
    try {
      const out = tmp();
      // The runner's started/finished hooks see every episode, as with the in-process backend.
      const started = new Set<string>();
      const inner = queueBackend({ url });
      const backend: EpisodeBackend = {
        name: inner.name,
        run: (run) =>
          inner.run({
            ...run,
            started: (k) => {
              started.add(k);
              run.started(k);
            },
          }),
      };
      const r = await runMatrix(cfg, SCENARIOS, { out, progress: false, backend });
      expect(r).toMatchObject({ ran: r.total, failed: 0, stopped: null });
      expect(started.size).toBe(r.total);
      expect(records(out)).toEqual(records(embedded));
      const done = readStatusLog(out).lines.filter((l) => 'key' in l);
      expect(done).toHaveLength(r.total);
      expect(new Set(done.map((l) => ('key' in l ? l.key : ''))).size).toBe(r.total);
      expect(readManifest(out)!.episodes.map((e) => e.verdict)).toEqual(readManifest(embedded)!.episodes.map((e) => e.verdict));
      const again = await runMatrix(cfg, SCENARIOS, { out, progress: false, backend: queueBackend({ url }) });
      expect(again).toMatchObject({ ran: 0, skippedDone: r.total });
      // A finished run leaves nothing of its own in Redis.
      const c = await connectRedis(url);
      expect(await c.hlen(RUNS_KEY)).toBe(0);
      expect(await c.keys('glasshouse:results:*')).toEqual([]);
      c.disconnect();
    } finally {
      await w1.close();
      await w2.close();
    }
  });

  it('large records go through the shared folder when the workers have one, and come out identical', async () => {
    const cfg: MatrixConfig = { scenarios: ['goal-guarding'], variants: ['goalNudge=none'], agents: ['scripted:covert'] };
    const embedded = tmp();
    await runMatrix(cfg, SCENARIOS, { out: embedded, progress: false });
    const shared = tmp();
    const w = await startQueueWorker({ url, concurrency: 2, discoverMs: 100, sharedDir: shared, sharedOverBytes: 1 });
    try {
      // A coordinator without the folder books each such episode as failed, naming the fix.
      const blind = await runMatrix(cfg, SCENARIOS, { out: tmp(), progress: false, backend: queueBackend({ url }) });
      expect(blind.failed).toBe(blind.total);
      expect(readManifest(blind.out)!.episodes[0]!.error).toMatch(/--shared-dir.*give the coordinator --shared-dir too/);
      const out = tmp();
      const r = await runMatrix(cfg, SCENARIOS, { out, progress: false, backend: queueBackend({ url, sharedDir: shared }) });
      expect(r).toMatchObject({ ran: r.total, failed: 0 });
      expect(records(out)).toEqual(records(embedded));
      expect(
        readdirSync(shared)
          .flatMap((d) => readdirSync(join(shared, d)))
          .filter((f) => f.startsWith('goal')),
      ).toHaveLength(r.total); // the blind run's files wait there
    } finally {
      await w.close();
    }
  });

  it('refuses a run made by another Glasshouse version, naming the difference', async () => {
    const logs: string[] = [];
    const c = await connectRedis(url);
    await c.hset(
      RUNS_KEY,
      'r-old',
      JSON.stringify({
        runId: 'r-old',
        out: '/elsewhere',
        versionHash: 'aaaaaaaaaaaa',
        versions: { '@glasshouse/engine': '0.0.1' },
        queues: ['glasshouse.aaaaaaaaaaaa.scripted'],
        started: new Date(0).toISOString(),
      }),
    );
    const w = await startQueueWorker({ url, log: (s) => logs.push(s) });
    try {
      expect(logs.find((l) => l.includes('refusing run r-old'))).toMatch(/another Glasshouse version \(@glasshouse\/engine 0\.0\.1 there, \S+ here/);
      expect(w.queues()).not.toContain('glasshouse.aaaaaaaaaaaa.scripted');
    } finally {
      await w.close();
      await c.hdel(RUNS_KEY, 'r-old');
      c.disconnect();
    }
  });

  it('holds a per-provider rate limit across two workers: no second has more starts than the limit', async () => {
    const starts: number[] = [];
    const onStarted = (_: EpisodeJob, at: number) => starts.push(at);
    const limits = new Map([['scripted', { perSecond: 4 }]]);
    const w1 = await startQueueWorker({ url, concurrency: 4, limits, onStarted, discoverMs: 100 });
    const w2 = await startQueueWorker({ url, concurrency: 4, limits, onStarted, discoverMs: 100 });
    try {
      const out = tmp();
      const r = await runMatrix({ scenarios: ['goal-guarding'], agents: ['scripted:honest'], epochs: 2 }, SCENARIOS, {
        out,
        progress: false,
        backend: queueBackend({ url }),
      });
      expect(r.ran).toBe(16);
      starts.sort((a, b) => a - b);
      expect(starts).toHaveLength(16);
      // Any 1 s window (by Redis's clock) holds at most 4 starts: the 5th after any start is ≥ 1 s later.
      for (let i = 0; i + 4 < starts.length; i++) expect((starts[i + 4] as number) - (starts[i] as number)).toBeGreaterThanOrEqual(1000);
      expect((starts.at(-1) as number) - (starts[0] as number)).toBeGreaterThanOrEqual(3000);
    } finally {
      await w1.close();
      await w2.close();
    }
  });

  it('on a spent budget removes waiting jobs, drains running ones and books the rest as skipped', async () => {
    const chatty = async (spec: string): Promise<AgentPolicy> => ({
      id: spec,
      next: async () => ({ text: 'done', usage: { inputTokens: 900, outputTokens: 100 } }),
    });
    const w = await startQueueWorker({ url, concurrency: 1, makeAgent: chatty, discoverMs: 100 });
    try {
      const out = tmp();
      const r = await runMatrix({ scenarios: ['lazy-checklist'], agents: ['chatty'], epochs: 6, budget: { maxTokens: 1500 } }, SCENARIOS, {
        out,
        progress: false,
        backend: queueBackend({ url, window: 2 }),
      });
      expect(r.stopped).toMatch(/token budget reached/);
      const m = readManifest(out)!;
      const done = m.episodes.filter((e) => e.status === 'done').length;
      expect(done).toBeGreaterThanOrEqual(2);
      expect(done).toBeLessThanOrEqual(3); // at most the window in flight when the budget was reached
      expect(m.episodes.filter((e) => e.status === 'skipped').length).toBe(m.episodes.length - done);
    } finally {
      await w.close();
    }
  });
});
