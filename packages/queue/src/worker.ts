import { hostname } from 'node:os';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { toGlasshouseError } from '@glasshouse/schema';
import { packageVersions } from '@glasshouse/engine';
import { runPlannedEpisode } from '@glasshouse/runner';
import type { MakeAgent, PlannedEpisode } from '@glasshouse/runner';
import type { Job, Queue, Worker } from 'bullmq';
import type { Redis as RedisClient } from 'ioredis';
import { connectRedis } from './redis-connect';
import { compressRecord, EpisodeJob, RunRegistration } from './job-data';
import type { EpisodeResultEnvelope } from './job-data';
import { resultsKey, RUNS_KEY, versionHash } from './queue-names';
import type { ProviderLimit } from './provider-limits';
import { acquireStart, startWindowKey } from './rate-window';

export interface QueueWorkerOptions {
  url: string;
  /** Episodes in flight in this process, across every queue it serves (default 2). */
  concurrency?: number;
  /** Builds model agents from spec strings with this process's own keys (the CLI's factory). */
  makeAgent?: MakeAgent;
  /** Per-provider limits, shared by all workers through the queue (episodes/second, in flight). */
  limits?: ReadonlyMap<string, ProviderLimit>;
  /** Records whose compressed size exceeds `sharedOverBytes` go here instead of through Redis. */
  sharedDir?: string;
  sharedOverBytes?: number;
  /** How long a job's lock lasts without renewal: a dead worker's episode is re-run after about this (ms, default 10 s). */
  lockDurationMs?: number;
  /** How often workers look for stalled jobs (ms, default = lockDurationMs). */
  stalledIntervalMs?: number;
  /** How often the run registry is read for new runs (ms, default 1000). */
  discoverMs?: number;
  /** Name in results and logs (default host:pid). */
  name?: string;
  log?: (s: string) => void;
  /** Called as an episode starts here (tests, live views); `atMs` is Redis's clock when a start limit applies. */
  onStarted?: (job: EpisodeJob, atMs: number) => void;
  /** Versions this worker runs (default: the engine's packageVersions()). */
  versions?: Record<string, string>;
}

export interface QueueWorkerHandle {
  readonly name: string;
  readonly versionHash: string;
  /** Queues served so far. */
  queues(): string[];
  /** Pause a provider's queue for every worker (a 429 from the provider). */
  pauseProvider(queue: string, ms: number): Promise<void>;
  close(): Promise<void>;
}

/** A counting semaphore: the process-wide cap across queues. */
function semaphore(n: number) {
  let free = n;
  const waiting: (() => void)[] = [];
  return {
    async acquire(): Promise<void> {
      if (free > 0) {
        free--;
        return;
      }
      await new Promise<void>((r) => waiting.push(r));
    },
    release(): void {
      const w = waiting.shift();
      if (w) w();
      else free++;
    },
  };
}

/**
 * A worker: reads the run registry, serves the queues of runs made by the same Glasshouse version
 * (others are refused, once, with the difference), runs each episode exactly as the CLI would and
 * puts its record (gzip) in the run's results hash, or in the shared folder when it is large.
 */
export async function startQueueWorker(opts: QueueWorkerOptions): Promise<QueueWorkerHandle> {
  const log = opts.log ?? (() => {});
  const name = opts.name ?? `${hostname()}:${process.pid}`;
  const versions = opts.versions ?? packageVersions();
  const hash = versionHash(versions);
  const redis: RedisClient = await connectRedis(opts.url, { name: `glasshouse-worker-${name}` });
  const { Worker: WorkerClass, Queue: QueueClass, UnrecoverableError } = await import('bullmq');
  const { findScenario } = await import('@glasshouse/scenarios');
  const gate = semaphore(Math.max(1, opts.concurrency ?? 2));
  const workers = new Map<string, Worker>();
  const admin = new Map<string, Queue>();
  const refused = new Set<string>();
  const lockDuration = opts.lockDurationMs ?? 10_000;

  const processJob = async (job: Job, queue: string, limit: ProviderLimit | undefined): Promise<{ stored: string }> => {
    const parsed = EpisodeJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`job ${job.id}: not a Glasshouse episode (${parsed.error.issues[0]?.message})`);
    const d = parsed.data;
    if (d.versionHash !== hash) throw new UnrecoverableError(`worker ${name} runs glasshouse ${hash}, the run was made by ${d.versionHash}`);
    const def = findScenario(d.scenario);
    if (!def) throw new UnrecoverableError(`worker ${name} has no scenario '${d.scenario}'`);
    if (def.version !== d.scenarioVersion)
      throw new UnrecoverableError(`worker ${name} has scenario '${d.scenario}' version ${def.version}, the run was made with ${d.scenarioVersion}`);
    await gate.acquire();
    let env: EpisodeResultEnvelope;
    try {
      // Episodes per second on this provider, for all workers together: a sliding window in Redis.
      const at = limit?.perSecond
        ? await acquireStart(redis, startWindowKey(queue), limit.perSecond, 1000, `${name}:${job.id}:${job.attemptsStarted}`)
        : Date.now();
      opts.onStarted?.(d, at);
      const p: PlannedEpisode = { key: d.key, scenario: d.scenario, variantId: d.variantId, variant: d.variant, agent: d.agent, epoch: d.epoch, seed: d.seed };
      try {
        const res = await runPlannedEpisode(
          p,
          def,
          { interview: d.interview, ...(d.maxSteps ? { maxSteps: d.maxSteps } : {}) },
          { recordPath: null, ...(opts.makeAgent ? { makeAgent: opts.makeAgent } : {}) },
        );
        const gz = compressRecord(res.text);
        if (opts.sharedDir && gz.length > (opts.sharedOverBytes ?? 4 * 1024 * 1024)) {
          const rel = join(d.runId, `${d.key}.jsonl.gz`);
          const path = join(opts.sharedDir, rel);
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(`${path}.tmp`, gz);
          renameSync(`${path}.tmp`, path);
          env = { status: 'done', worker: name, shared: rel, bytes: gz.length };
        } else env = { status: 'done', worker: name, gz: gz.toString('base64') };
      } catch (err) {
        // An episode that cannot run is a result (as in-process), not a queue retry.
        env = { status: 'failed', worker: name, error: toGlasshouseError(err).message };
      }
    } finally {
      gate.release();
    }
    // If this write fails (Redis away), the job throws and is retried: the same episode, the same bytes.
    await redis.hset(resultsKey(d.runId), d.key, JSON.stringify(env));
    return { stored: 'results' };
  };

  const serve = async (queue: string): Promise<void> => {
    if (workers.has(queue)) return;
    const provider = queue.split('.').slice(2).join('.');
    const limit = opts.limits?.get(provider);
    const w = new WorkerClass(queue, (job: Job) => processJob(job, queue, limit), {
      connection: redis,
      concurrency: Math.max(1, opts.concurrency ?? 2),
      lockDuration,
      stalledInterval: opts.stalledIntervalMs ?? lockDuration,
      maxStalledCount: 10,
      name,
    });
    w.on('error', (err) => log(`worker ${name}: ${queue}: ${err.message}`));
    w.on('failed', (job, err) => log(`worker ${name}: ${job?.id ?? '?'} failed: ${err.message}`));
    workers.set(queue, w);
    const q = new QueueClass(queue, { connection: redis });
    q.on('error', () => {});
    admin.set(queue, q);
    if (limit?.inFlight) await q.setGlobalConcurrency(limit.inFlight);
    log(`worker ${name}: serving ${queue}${limit ? ` (limit ${limit.perSecond ?? '∞'}/s, ${limit.inFlight ?? '∞'} in flight)` : ''}`);
  };

  const discover = async (): Promise<void> => {
    const runs = await redis.hgetall(RUNS_KEY);
    for (const [runId, raw] of Object.entries(runs)) {
      const r = RunRegistration.safeParse(
        (() => {
          try {
            return JSON.parse(raw);
          } catch {
            return null;
          }
        })(),
      );
      if (!r.success) continue;
      if (r.data.versionHash !== hash) {
        if (!refused.has(runId)) {
          refused.add(runId);
          const diff = [...new Set([...Object.keys(versions), ...Object.keys(r.data.versions)])]
            .filter((k) => versions[k] !== r.data.versions[k])
            .map((k) => `${k} ${r.data.versions[k] ?? 'absent'} there, ${versions[k] ?? 'absent'} here`);
          log(`worker ${name}: refusing run ${runId} (${r.data.out}): made by another Glasshouse version (${diff.join('; ')})`);
        }
        continue;
      }
      for (const q of r.data.queues) await serve(q);
    }
  };

  await discover();
  let stopping = false;
  const discoverMs = opts.discoverMs ?? 1000;
  const loop = (async () => {
    while (!stopping) {
      await new Promise((r) => setTimeout(r, discoverMs));
      if (stopping) break;
      try {
        await discover();
      } catch (err) {
        log(`worker ${name}: ${toGlasshouseError(err).message} (retrying)`);
      }
    }
  })();
  log(`worker ${name}: glasshouse ${hash}, concurrency ${opts.concurrency ?? 2}, waiting for runs at ${opts.url}`);

  return {
    name,
    versionHash: hash,
    queues: () => [...workers.keys()],
    async pauseProvider(queue, ms) {
      const q = admin.get(queue);
      if (q) await q.rateLimit(ms);
    },
    async close() {
      stopping = true;
      await loop;
      await Promise.all([...workers.values()].map((w) => w.close()));
      await Promise.all([...admin.values()].map((q) => q.close()));
      redis.disconnect();
    },
  };
}
