import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GlasshouseError, toGlasshouseError } from '@glasshouse/schema';
import { recordComplete } from '@glasshouse/runner';
import type { BackendRun, EpisodeBackend, PlannedEpisode } from '@glasshouse/runner';
import type { ScenarioDefinition } from '@glasshouse/engine';
import type { Queue, QueueEvents } from 'bullmq';
import type { Redis as RedisClient } from 'ioredis';
import { connectRedis } from './redis-connect';
import { decompressRecord, type EpisodeJob, EpisodeResultEnvelope, type RunRegistration } from './job-data';
import { jobIdOf, providerOf, queueName, resultsKey, RUNS_KEY, versionHash } from './queue-names';

export interface QueueBackendOptions {
  /** redis://host:port */
  url: string;
  /** Where workers put records too large for the queue (the same folder, as mounted here). */
  sharedDir?: string;
  /** Jobs of this run in the queue at once (default 1000). Smaller keeps a budget's overshoot small. */
  window?: number;
  /** How often results are collected (ms, default 50). */
  pollMs?: number;
  /** How often outstanding jobs are checked for failure or loss (ms, default 5000). */
  reconcileMs?: number;
  /** Cap of BullMQ's event stream per queue (default 1000 events). */
  eventsMaxLen?: number;
  /** Job attempts (retries with exponential backoff) when a worker's processing throws (default 5). */
  attempts?: number;
  log?: (s: string) => void;
  /** Wall clock for the run registration (metadata only). */
  wallClock?: () => Date;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Job data for a planned episode. */
export function episodeJob(run: Pick<BackendRun, 'runId' | 'config'>, p: PlannedEpisode, def: ScenarioDefinition, hash: string): EpisodeJob {
  return {
    runId: run.runId,
    key: p.key,
    scenario: p.scenario,
    scenarioVersion: def.version,
    variantId: p.variantId,
    variant: { ...p.variant },
    agent: p.agent,
    epoch: p.epoch,
    seed: p.seed,
    interview: run.config.interview,
    ...(run.config.maxSteps ? { maxSteps: run.config.maxSteps } : {}),
    versionHash: hash,
  };
}

/**
 * The coordinator side of a queued run: enqueue episodes without a record (a window at a time), collect
 * the workers' records from the run's results hash and write each once (temp file + rename), book it
 * with the runner, and on a spent budget remove what is still waiting and drain what is running.
 */
export function queueBackend(opts: QueueBackendOptions): EpisodeBackend {
  const log = opts.log ?? (() => {});
  return {
    name: 'queue',
    async run(run: BackendRun): Promise<void> {
      const defs = new Map<string, ScenarioDefinition>();
      const { findScenario } = await import('@glasshouse/scenarios');
      for (const p of run.todo) {
        if (defs.has(p.scenario)) continue;
        const own = run.library.find((s) => s.id === p.scenario);
        const lib = findScenario(p.scenario);
        if (!own || !lib || lib.version !== own.version || lib.build !== own.build)
          throw new GlasshouseError(
            'CONFIG_INVALID',
            `scenario '${p.scenario}' is not from the scenario library: workers can only run library scenarios (run it without --queue)`,
          );
        defs.set(p.scenario, own);
      }
      const hash = versionHash(run.versions);
      const redis = await connectRedis(opts.url, { name: `glasshouse-coordinator-${run.runId}` });
      const { Queue: QueueClass } = await import('bullmq');
      const queues = new Map<string, Queue>();
      const queueFor = (agent: string): Queue => {
        const name = queueName(hash, providerOf(agent));
        let q = queues.get(name);
        if (!q) {
          q = new QueueClass(name, { connection: redis, streams: { events: { maxLen: opts.eventsMaxLen ?? 1000 } } });
          q.on('error', () => {}); // Redis away: the loop below logs and retries
          queues.set(name, q);
        }
        return q;
      };
      for (const p of run.todo) queueFor(p.agent);
      const registration: RunRegistration = {
        runId: run.runId,
        out: run.out,
        versionHash: hash,
        versions: run.versions,
        queues: [...queues.keys()],
        started: (opts.wallClock ?? (() => new Date()))().toISOString(),
      };
      await redis.hset(RUNS_KEY, run.runId, JSON.stringify(registration));
      log(`queue: run ${run.runId} (glasshouse ${hash}) on ${[...queues.keys()].join(', ')}; ${run.todo.length} episodes to run`);

      const byKey = new Map(run.todo.map((p) => [p.key, p]));
      const open = new Set<string>(); // enqueued (or found enqueued), not yet booked
      const booked = new Set<string>();
      // Episode starts, from BullMQ's (capped) event stream, once each and always before the episode's
      // finish: a result collected before its start event was read reports the start first.
      const startedKeys = new Set<string>();
      const startOnce = (key: string): void => {
        if (!byKey.has(key) || booked.has(key) || startedKeys.has(key)) return;
        startedKeys.add(key);
        run.started(key);
      };
      const { QueueEvents: QueueEventsClass } = await import('bullmq');
      const events: { qe: QueueEvents; conn: RedisClient }[] = [];
      const prefix = `${run.runId}.`;
      for (const name of queues.keys()) {
        const conn = redis.duplicate();
        conn.on('error', () => {});
        // From the start of the (capped) stream, so no start is missed before the first read; others' events are filtered out.
        const qe = new QueueEventsClass(name, { connection: conn, lastEventId: '0-0' });
        qe.on('error', () => {});
        qe.on('active', ({ jobId }) => {
          const key = jobId.startsWith(prefix) ? jobId.slice(prefix.length) : null;
          if (key) startOnce(key);
        });
        events.push({ qe, conn });
      }
      const recordsDir = join(run.out, 'records');
      mkdirSync(recordsDir, { recursive: true });

      const book = (key: string, env: EpisodeResultEnvelope): void => {
        const p = byKey.get(key);
        if (!p || booked.has(key)) return; // another run's leftovers or a second answer: nothing to write
        startOnce(key);
        if (env.status === 'failed') {
          booked.add(key);
          open.delete(key);
          run.finished(key, { status: 'failed', error: env.error });
          return;
        }
        const path = join(recordsDir, `${key}.jsonl`);
        let done = recordComplete(path);
        if (!done) {
          let text: string;
          if ('gz' in env) text = decompressRecord(Buffer.from(env.gz, 'base64'));
          else {
            if (!opts.sharedDir) {
              // The record waits in the workers' shared folder; this episode reruns once the coordinator has it.
              booked.add(key);
              open.delete(key);
              run.finished(key, {
                status: 'failed',
                error: `worker ${env.worker} put ${key} (${env.bytes} bytes gzipped) in its --shared-dir; give the coordinator --shared-dir too and rerun`,
              });
              return;
            }
            text = decompressRecord(readFileSync(join(opts.sharedDir, env.shared)));
          }
          const tmp = join(recordsDir, `.${key}.jsonl.tmp`);
          writeFileSync(tmp, text);
          done = recordComplete(tmp);
          if (!done) {
            rmSync(tmp, { force: true });
            booked.add(key);
            open.delete(key);
            run.finished(key, { status: 'failed', error: `worker ${env.worker} sent an incomplete record for ${key}` });
            return;
          }
          renameSync(tmp, path);
        }
        if ('shared' in env && opts.sharedDir) rmSync(join(opts.sharedDir, env.shared), { force: true });
        booked.add(key);
        open.delete(key);
        run.finished(key, { status: 'done', verdict: done.verdict, outcome: done.outcome, usage: done.usage });
      };

      const collect = async (): Promise<number> => {
        const all = await redis.hgetallBuffer(resultsKey(run.runId));
        let n = 0;
        for (const [key, raw] of Object.entries(all)) {
          let env: EpisodeResultEnvelope;
          try {
            env = EpisodeResultEnvelope.parse(JSON.parse(raw.toString('utf8')));
          } catch (err) {
            env = { status: 'failed', worker: '?', error: `unreadable result for ${key}: ${toGlasshouseError(err).message}` };
          }
          book(key, env);
          await redis.hdel(resultsKey(run.runId), key);
          n++;
        }
        return n;
      };

      const jobOpts = (p: PlannedEpisode) => ({
        jobId: jobIdOf(run.runId, p.key),
        attempts: opts.attempts ?? 5,
        backoff: { type: 'exponential' as const, delay: 1000 },
        removeOnComplete: true,
        removeOnFail: false,
      });
      const enqueue = async (ps: PlannedEpisode[]): Promise<void> => {
        const groups = new Map<Queue, PlannedEpisode[]>();
        for (const p of ps) {
          const q = queueFor(p.agent);
          groups.set(q, [...(groups.get(q) ?? []), p]);
          open.add(p.key);
        }
        for (const [q, group] of groups)
          await q.addBulk(
            group.map((p) => ({ name: 'episode', data: episodeJob(run, p, defs.get(p.scenario) as ScenarioDefinition, hash), opts: jobOpts(p) })),
          );
      };

      /** Outstanding jobs that failed for good, or vanished without a result, are booked or re-added. */
      const reconcile = async (): Promise<void> => {
        const missing: PlannedEpisode[] = [];
        const keys = [...open];
        const states: string[] = [];
        for (let i = 0; i < keys.length; i += 200) {
          states.push(
            ...(await Promise.all(
              keys.slice(i, i + 200).map((key) => queueFor((byKey.get(key) as PlannedEpisode).agent).getJobState(jobIdOf(run.runId, key))),
            )),
          );
        }
        for (const [i, key] of keys.entries()) {
          if (!open.has(key)) continue;
          const p = byKey.get(key) as PlannedEpisode;
          const q = queueFor(p.agent);
          const id = jobIdOf(run.runId, key);
          const state = states[i];
          if (state === 'failed') {
            const job = await q.getJob(id);
            await collect(); // a result may have landed just before the failure
            if (!booked.has(key))
              book(key, { status: 'failed', worker: '?', error: `queue: ${job?.failedReason ?? 'job failed'} (after ${job?.attemptsMade ?? '?'} attempts)` });
            await job?.remove().catch(() => {});
          } else if (state === 'unknown' || state === 'completed') {
            // Completed jobs are removed at once and their result is in the hash first: look again.
            if ((await redis.hexists(resultsKey(run.runId), key)) || booked.has(key)) continue;
            if (state === 'completed') await (await q.getJob(id))?.remove().catch(() => {});
            open.delete(key);
            missing.push(p);
          }
        }
        if (missing.length) {
          log(`queue: re-adding ${missing.length} episode(s) whose jobs vanished without a result`);
          await enqueue(missing);
        }
      };

      /** Budget spent: take this run's waiting jobs back out, let running ones finish. */
      const withdraw = async (): Promise<void> => {
        for (const key of [...open]) {
          const p = byKey.get(key) as PlannedEpisode;
          const job = await queueFor(p.agent).getJob(jobIdOf(run.runId, key));
          if (!job) continue;
          const state = await job.getState();
          if (state === 'waiting' || state === 'delayed' || state === 'prioritized') {
            try {
              await job.remove();
              open.delete(key);
            } catch {
              /* it became active meanwhile: it drains like the others */
            }
          }
        }
      };

      const pollMs = opts.pollMs ?? 50;
      const reconcileMs = opts.reconcileMs ?? 5000;
      const window = Math.max(1, opts.window ?? 1000);
      let next = 0;
      let lastReconcile = performance.now();
      let lastCounts = 0;
      let withdrawn = false;
      let lastError = '';
      const t0 = performance.now();
      let collected = 0;
      try {
        collected += await collect();
        for (;;) {
          try {
            if (run.stopReason()) {
              if (!withdrawn) {
                log(`queue: ${run.stopReason()}; removing waiting jobs, draining running ones`);
                await withdraw();
                withdrawn = true;
              }
            } else {
              const batch: PlannedEpisode[] = [];
              while (open.size + batch.length < window && next < run.todo.length) {
                const p = run.todo[next++] as PlannedEpisode;
                if (!booked.has(p.key)) batch.push(p);
              }
              if (batch.length) await enqueue(batch);
            }
            collected += await collect();
            if (open.size === 0 && (next >= run.todo.length || withdrawn)) break;
            const now = performance.now();
            if (now - lastReconcile >= reconcileMs) {
              lastReconcile = now;
              await reconcile();
            }
            if (run.onQueueCounts && now - lastCounts >= 1000) {
              lastCounts = now;
              const counts: Record<string, number> = {};
              for (const q of queues.values())
                for (const [k, v] of Object.entries(await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized'))) counts[k] = (counts[k] ?? 0) + v;
              run.onQueueCounts(counts);
            }
            lastError = '';
          } catch (err) {
            const g = toGlasshouseError(err);
            if (g.message !== lastError) log(`queue: ${g.message} (retrying)`);
            lastError = g.message;
            await sleep(500);
          }
          await sleep(pollMs);
        }
        const secs = (performance.now() - t0) / 1000;
        log(`queue: collected ${collected} results in ${secs.toFixed(2)} s (${(collected / Math.max(secs, 0.001)).toFixed(1)} episodes/s)`);
        await redis.hdel(RUNS_KEY, run.runId);
        if ((await redis.hlen(resultsKey(run.runId))) === 0) await redis.del(resultsKey(run.runId));
      } finally {
        for (const { qe, conn } of events) {
          await qe.close().catch(() => {});
          conn.disconnect();
        }
        for (const q of queues.values()) await q.close().catch(() => {});
        redis.disconnect();
      }
    },
  };
}
