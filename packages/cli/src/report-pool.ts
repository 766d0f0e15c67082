import { Worker } from 'node:worker_threads';
import type { EpisodeSummary, RecordDigest, ResolvedReportOptions, SummaryPart, SummaryTask } from '@glasshouse/report';
import { GlasshouseError } from '@glasshouse/schema';

/** One record file read: its digest, or why it was skipped (the message `readRecords` gives). */
export type ReadOutcome = { digest: RecordDigest } | { skipped: string };

/** What the main thread asks of a report worker. */
export type PoolRequest =
  | { kind: 'read'; id: number; paths: readonly string[] }
  /** The run's prepared episodes, once per summary, before its tasks. */
  | { kind: 'episodes'; episodes: readonly EpisodeSummary[]; opts: ResolvedReportOptions }
  | { kind: 'task'; id: number; task: SummaryTask }
  /** The prepared episodes as report.json holds them (`renderEpisodesJson`). */
  | { kind: 'episodes-json'; id: number };
export type PoolReply =
  | { kind: 'read'; id: number; results: ReadOutcome[] }
  | { kind: 'task'; id: number; part: SummaryPart }
  | { kind: 'episodes-json'; id: number; json: string };

const BATCH = 64;

/**
 * Jobs sent to a worker before its first one answers: the next job is already in its queue when it
 * finishes one, so it never waits for this thread (which may be loading the library or computing
 * the summary's own share) to hand it out. A worker answers its jobs in the order it got them.
 */
const IN_FLIGHT = 2;

interface Job {
  request: PoolRequest & { id: number };
  done: (reply: PoolReply) => void;
}

/**
 * Worker threads for `glasshouse report` (packages/cli/src/report-worker.ts): they read and digest
 * record files in batches, then compute the summary's tasks (bootstrap and permutation work) and
 * render the episodes for report.json while this thread does its own share. Jobs go to the least
 * busy workers, up to IN_FLIGHT each; results come back by job, so order never depends on which
 * worker was faster. A worker that fails fails the report (nothing is written).
 */
export class ReportPool {
  private readonly workers: Worker[];
  private readonly queue: Job[] = [];
  /** Each worker's jobs in flight, in the order sent (and answered). */
  private readonly running = new Map<Worker, Job[]>();
  private failure: Error | null = null;
  private readonly failed: ((err: Error) => void)[] = [];
  private nextId = 0;

  constructor(size: number) {
    const source = import.meta.url.endsWith('.ts');
    const entry = new URL(`./report-worker${source ? '.ts' : '.mjs'}`, import.meta.url);
    this.workers = Array.from({ length: size }, () => {
      // A large young generation: reading a record allocates many short-lived strings and objects
      // (10,000 records: 2.24 s → 2.07–2.16 s wall on the quiet 2-core machine, docs/benchmarks.md).
      const w = new Worker(entry, {
        execArgv: source ? ['--import', import.meta.resolve('tsx')] : [],
        stdout: false,
        stderr: false,
        resourceLimits: { maxYoungGenerationSizeMb: 96 },
      });
      w.on('message', (reply: PoolReply) => {
        const job = this.running.get(w)?.shift();
        if (job?.request.id !== reply.id) return this.fail(new GlasshouseError('INTERNAL', `report worker answered job ${reply.id} out of order`));
        job.done(reply);
        this.pump();
      });
      w.on('error', (err) => this.fail(new GlasshouseError('INTERNAL', `report worker failed: ${err.message}`)));
      w.on('exit', (code) => this.fail(new GlasshouseError('INTERNAL', `report worker exited (code ${code})`)));
      this.running.set(w, []);
      return w;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const f of this.failed.splice(0)) f(err);
  }

  /** Hand out queued jobs: first to workers with nothing to do, then a second to each, and so on. */
  private pump(): void {
    for (let depth = 1; depth <= IN_FLIGHT && this.queue.length; depth++) {
      for (const w of this.workers) {
        const jobs = this.running.get(w) as Job[];
        if (jobs.length >= depth || !this.queue.length) continue;
        const job = this.queue.shift() as Job;
        jobs.push(job);
        w.postMessage(job.request);
      }
    }
  }

  private run(requests: (PoolRequest & { id: number })[]): Promise<PoolReply[]> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.failed.push(reject);
      const replies: PoolReply[] = new Array(requests.length);
      let left = requests.length;
      if (left === 0) return resolve(replies);
      requests.forEach((request, i) => {
        this.queue.push({
          request,
          done: (reply) => {
            replies[i] = reply;
            if (--left === 0) resolve(replies);
          },
        });
      });
      this.pump();
    });
  }

  /** Read and digest record files, in batches across the workers; outcomes in the order of `paths`. */
  async read(paths: readonly string[]): Promise<ReadOutcome[]> {
    const requests: (PoolRequest & { id: number })[] = [];
    for (let start = 0; start < paths.length; start += BATCH) requests.push({ kind: 'read', id: this.nextId++, paths: paths.slice(start, start + BATCH) });
    const replies = await this.run(requests);
    return replies.flatMap((r) => (r.kind === 'read' ? r.results : []));
  }

  /**
   * The summary's tasks over the run's prepared episodes; parts in the order of `tasks`. Every
   * worker gets the episodes first; the costliest jobs are handed out first: rendering the episodes
   * for report.json (with `renderEpisodes`), then the control gaps and variable comparisons (the
   * last tasks).
   */
  async summarize(
    episodes: readonly EpisodeSummary[],
    opts: ResolvedReportOptions,
    tasks: readonly SummaryTask[],
    options: { renderEpisodes?: boolean } = {},
  ): Promise<{ parts: SummaryPart[]; episodesJson?: string }> {
    if (this.failure) throw this.failure;
    for (const w of this.workers) w.postMessage({ kind: 'episodes', episodes, opts } satisfies PoolRequest);
    const order = tasks.map((_, i) => tasks.length - 1 - i);
    const requests: (PoolRequest & { id: number })[] = order.map((i) => ({ kind: 'task', id: this.nextId++, task: tasks[i] as SummaryTask }));
    if (options.renderEpisodes) requests.unshift({ kind: 'episodes-json', id: this.nextId++ });
    const replies = await this.run(requests);
    let episodesJson: string | undefined;
    if (options.renderEpisodes) {
      const r = replies.shift();
      if (r?.kind !== 'episodes-json') throw new GlasshouseError('INTERNAL', 'report worker answered the episodes rendering with something else');
      episodesJson = r.json;
    }
    const parts: SummaryPart[] = new Array(tasks.length);
    order.forEach((i, k) => {
      const r = replies[k];
      if (r?.kind !== 'task') throw new GlasshouseError('INTERNAL', 'report worker answered a task with something else');
      parts[i] = r.part;
    });
    return episodesJson === undefined ? { parts } : { parts, episodesJson };
  }

  async close(): Promise<void> {
    this.failure ??= new GlasshouseError('INTERNAL', 'report pool closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
