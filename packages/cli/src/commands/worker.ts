import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';

function int(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`'${v}' is not a positive integer`);
  return n;
}

/**
 * `glasshouse worker --queue redis://host:port --concurrency N` — serve queued runs until stopped
 * (SIGINT/SIGTERM finish the episodes in hand; kill -9 is safe too: its episodes are re-run elsewhere).
 */
export function registerWorkerCommand(program: Command, log: (s: string) => void): void {
  program
    .command('worker')
    .description('Run episodes of queued runs (glasshouse run … --queue URL) from a Redis queue, on this machine')
    .requiredOption('--queue <url>', 'Redis URL, e.g. redis://10.0.0.5:6379')
    .option('--concurrency <n>', 'episodes in flight in this worker', int, 2)
    .option(
      '--limit <spec>',
      "per-provider limit shared by all workers: <provider>=<n>/s[,<in flight>] (repeatable), e.g. 'openai=2/s,8'",
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--shared-dir <dir>', 'shared folder for records over --shared-over (the coordinator reads it with its own --shared-dir)')
    .option('--shared-over <bytes>', 'compressed record size above which a record goes to --shared-dir', int, 4 * 1024 * 1024)
    .option('--lock-ms <ms>', "how long an episode's lock lasts unrenewed: a dead worker's episodes are re-run after about this", int, 10_000)
    .action(async (o: { queue: string; concurrency: number; limit: string[]; sharedDir?: string; sharedOver: number; lockMs: number }) => {
      const q = await import('@glasshouse/queue');
      const { cliAgentFactory } = await import('../agent-factory');
      const limits = q.parseProviderLimits(o.limit);
      let handle: Awaited<ReturnType<typeof q.startQueueWorker>> | null = null;
      // A 429 that the provider answers pauses that provider's queue for every worker.
      const makeAgent = cliAgentFactory({
        onRetry: (spec, info) => {
          if (info.status !== 429 || !handle) return;
          void handle.pauseProvider(q.queueName(handle.versionHash, q.providerOf(spec)), info.delayMs).catch(() => {});
          log(`worker: ${spec}: HTTP 429, provider queue paused for ${info.delayMs} ms`);
        },
      });
      handle = await q.startQueueWorker({
        url: o.queue,
        concurrency: o.concurrency,
        makeAgent: (spec) => makeAgent(spec),
        limits,
        ...(o.sharedDir ? { sharedDir: o.sharedDir, sharedOverBytes: o.sharedOver } : {}),
        lockDurationMs: o.lockMs,
        log,
      });
      const h = handle;
      await new Promise<void>((resolve) => {
        const stop = () => {
          log(`worker ${h.name}: stopping (finishing episodes in hand)`);
          void h.close().then(resolve, resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
