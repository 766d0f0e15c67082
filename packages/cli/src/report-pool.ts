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
  | { kind: 'task'; id: number; task: SummaryTask };
export type PoolReply = { kind: 'read'; id: number; results: ReadOutcome[] } | { kind: 'task'; id: number; part: SummaryPart };

const BATCH = 64;

interface Job {
  request: PoolRequest & { id: number };
  done: (reply: PoolReply) => void;
}

/**
 * Worker threads for `glasshouse report` (packages/cli/src/report-worker.ts): they read and digest
 * record files in batches, then compute the summary's tasks (bootstrap and permutation work) while
 * this thread waits. Jobs go to idle workers; results come back by job, so order never depends on
 * which worker was faster. A worker that fails fails the report (nothing is written).
 */
export class ReportPool {
  private readonly workers: Worker[];
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly running = new Map<Worker, Job>();
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
        const job = this.running.get(w);
        this.running.delete(w);
        this.idle.push(w);
        job?.done(reply);
        this.pump();
      });
      w.on('error', (err) => this.fail(new GlasshouseError('INTERNAL', `report worker failed: ${err.message}`)));
      w.on('exit', (code) => this.fail(new GlasshouseError('INTERNAL', `report worker exited (code ${code})`)));
      this.idle.push(w);
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

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop() as Worker;
      const job = this.queue.shift() as Job;
      this.running.set(w, job);
      w.postMessage(job.request);
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
   * worker gets the episodes first; the costliest tasks (the last ones: control gaps, variable
   * comparisons) are handed out first.
   */
  async summarize(episodes: readonly EpisodeSummary[], opts: ResolvedReportOptions, tasks: readonly SummaryTask[]): Promise<SummaryPart[]> {
    if (this.failure) throw this.failure;
    for (const w of this.workers) w.postMessage({ kind: 'episodes', episodes, opts } satisfies PoolRequest);
    const order = tasks.map((_, i) => tasks.length - 1 - i);
    const replies = await this.run(order.map((i) => ({ kind: 'task', id: this.nextId++, task: tasks[i] as SummaryTask })));
    const parts: SummaryPart[] = new Array(tasks.length);
    order.forEach((i, k) => {
      const r = replies[k];
      if (r?.kind !== 'task') throw new GlasshouseError('INTERNAL', 'report worker answered a task with something else');
      parts[i] = r.part;
    });
    return parts;
  }

  async close(): Promise<void> {
    this.failure ??= new GlasshouseError('INTERNAL', 'report pool closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
