import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { toGlasshouseError } from '@glasshouse/schema';
import { ProcessPool } from './process-pool';
import { inProcessBackend } from './in-process-backend';
import type { BackendRun, EpisodeBackend, EpisodeOutcome } from './episode-backend';
import type { PlannedEpisode } from './episode-plan';
import type { ResolvedMatrixConfig } from './matrix-config';

/**
 * What a pool worker imports to learn the scenario library and how to build model agents. The
 * module exports `setup(args)`; `args` is JSON (e.g. paths of external scenario files).
 */
export interface PoolSetupRef {
  /** Module specifier or file URL, resolvable from the worker. */
  module: string;
  args?: unknown;
}

export interface PoolJob {
  episode: PlannedEpisode;
  config: Pick<ResolvedMatrixConfig, 'interview' | 'maxSteps'>;
  recordPath: string;
  turnDelayMs?: number;
}

export interface PoolBackendOptions {
  /** Worker processes (default: the machine's available parallelism). */
  workers?: number;
  setup: PoolSetupRef;
}

/** Below this many episodes to run, worker start-up costs more than it saves. */
export const POOL_MIN_EPISODES = 48;

/**
 * Node flags of the episode workers. An episode allocates a lot that dies young (a world, a shell,
 * parsed commands, record lines): a 32 MiB semi-space (larger than V8 sizes it by default) cuts the
 * scavenges; measured ≈ 13% less CPU per scripted 20-step episode (docs/benchmarks.md), for at most
 * ≈ 64 MiB of young generation per worker.
 */
export const POOL_WORKER_FLAGS: readonly string[] = ['--max-semi-space-size=32'];

/**
 * `--workers auto`: the process pool when the machine has several cores and the run is CPU-bound
 * (only scripted agents) and big enough; otherwise the in-process backend, where model agents
 * share one per-provider request limiter and nothing extra is started.
 */
export function autoBackend(opts: Omit<PoolBackendOptions, 'workers'>): EpisodeBackend {
  const pool = poolBackend(opts);
  return {
    name: 'auto',
    run(run: BackendRun): Promise<void> {
      const cpuBound = run.todo.every((p) => p.agent.startsWith('scripted:'));
      const usePool = availableParallelism() > 1 && cpuBound && run.todo.length >= POOL_MIN_EPISODES;
      return (usePool ? pool : inProcessBackend).run(run);
    },
  };
}

/**
 * Runs episodes in a pool of supervised worker processes, so CPU-bound (scripted) matrices use
 * every core. Each worker writes its episode's record straight to the run folder; this process
 * only books outcomes. A worker that dies costs its current episode (booked as failed, rerun on
 * resume) and is replaced. Records are byte-identical to the in-process backend's: every episode is
 * seeded on its own and nothing about it depends on where it ran.
 */
export function poolBackend(opts: PoolBackendOptions): EpisodeBackend {
  return {
    name: 'process-pool',
    async run(run: BackendRun): Promise<void> {
      if (run.todo.length === 0) return;
      const size = Math.max(1, Math.min(opts.workers ?? availableParallelism(), run.todo.length));
      const pool = new ProcessPool<PoolJob, EpisodeOutcome>({
        entry: new URL(`./pool-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.mjs'}`, import.meta.url),
        size,
        init: opts.setup,
        execArgv: POOL_WORKER_FLAGS,
      });
      const config = { interview: run.config.interview, ...(run.config.maxSteps ? { maxSteps: run.config.maxSteps } : {}) };
      let next = 0;
      // Keep each worker busy with one episode and one queued behind it, so IPC latency never idles a core.
      const lanes = Math.max(1, run.concurrency, size * 2);
      const lane = async (): Promise<void> => {
        for (;;) {
          if (run.stopReason()) return;
          const p = run.todo[next++];
          if (!p) return;
          run.started(p.key);
          try {
            run.finished(
              p.key,
              await pool.run({
                episode: p,
                config,
                recordPath: join(run.out, 'records', `${p.key}.jsonl`),
                ...(run.turnDelayMs ? { turnDelayMs: run.turnDelayMs } : {}),
              }),
            );
          } catch (err) {
            const g = toGlasshouseError(err);
            run.finished(p.key, { status: 'failed', error: g.message, code: g.code });
          }
        }
      };
      try {
        await Promise.all(Array.from({ length: lanes }, () => lane()));
      } finally {
        await pool.close();
      }
    },
  };
}
