import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A message a pool worker sends back for one job. */
export type WorkerReply<R> = { type: 'ready' } | { type: 'result'; id: number; result: R } | { type: 'error'; id: number; message: string };

export interface ProcessPoolOptions {
  /** The worker module (a file URL). Plain JS runs as is; a `.ts` source file runs under tsx. */
  entry: URL;
  size: number;
  /** JSON data every worker receives once, before its first job (`process.argv[2]`). */
  init?: unknown;
  /** Extra Node flags for the workers. */
  execArgv?: readonly string[];
}

interface Slot {
  child: ChildProcess;
  ready: Promise<void>;
  job: { id: number; resolve: (r: unknown) => void; reject: (e: Error) => void } | null;
}

/** Thrown for a job whose worker process died while running it. */
export class WorkerCrashError extends Error {}

/**
 * A fixed-size pool of supervised Node child processes. Jobs go to idle workers one at a time; a
 * worker that exits while running a job fails that job only (WorkerCrashError) and is replaced,
 * so a crash costs one job, never the pool or the process that owns it.
 */
export class ProcessPool<J, R> {
  private readonly slots: Slot[] = [];
  private readonly idle: Slot[] = [];
  private readonly waiting: ((s: Slot) => void)[] = [];
  private nextId = 0;
  private closed = false;
  /** Workers that died before saying they were ready, in a row: a broken entry or setup module. */
  private startupFailures = 0;
  private broken: Error | null = null;

  constructor(private readonly opts: ProcessPoolOptions) {
    for (let i = 0; i < Math.max(1, opts.size); i++) this.spawn();
  }

  get size(): number {
    return this.slots.length;
  }

  /** Run one job on the next idle worker. */
  async run(job: J): Promise<R> {
    if (this.broken) throw this.broken;
    const slot = await this.acquire();
    await slot.ready;
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      slot.job = { id, resolve: resolve as (r: unknown) => void, reject };
      slot.child.send({ type: 'job', id, job });
    });
  }

  /** Stop every worker (jobs in flight fail). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(
        (s) =>
          new Promise<void>((res) => {
            if (s.child.exitCode !== null || s.child.signalCode !== null) return res();
            s.child.once('exit', () => res());
            s.child.kill('SIGTERM');
          }),
      ),
    );
  }

  private spawn(): Slot {
    const file = fileURLToPath(this.opts.entry);
    const loader = file.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
    const child = fork(file, [JSON.stringify(this.opts.init ?? null)], {
      execArgv: ['--no-node-snapshot', ...loader, ...(this.opts.execArgv ?? [])],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let markReady: () => void = () => {};
    let markFailed: (e: Error) => void = () => {};
    const slot: Slot = { child, job: null, ready: new Promise<void>((res, rej) => ((markReady = res), (markFailed = rej))) };
    slot.ready.catch(() => {});
    let ready = false;
    child.on('message', (m: WorkerReply<R>) => {
      if (m.type === 'ready') {
        ready = true;
        this.startupFailures = 0;
        return markReady();
      }
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      slot.job = null;
      if (m.type === 'result') job.resolve(m.result);
      else job.reject(new Error(m.message));
      this.release(slot);
    });
    child.on('exit', (code, signal) => {
      const why = `worker process exited (${signal ?? `code ${code}`})`;
      if (!ready && !this.closed && ++this.startupFailures >= 3) {
        this.broken = new WorkerCrashError(`pool workers keep exiting before they start (${why}); check the worker entry and its setup module`);
        this.closed = true;
        for (const w of this.waiting.splice(0)) w(slot);
      }
      markFailed(new WorkerCrashError(why));
      const job = slot.job;
      slot.job = null;
      const at = this.slots.indexOf(slot);
      if (at >= 0) this.slots.splice(at, 1);
      const idleAt = this.idle.indexOf(slot);
      if (idleAt >= 0) this.idle.splice(idleAt, 1);
      if (job) job.reject(new WorkerCrashError(`${why} while running a job`));
      if (!this.closed) this.release(this.spawn());
    });
    this.slots.push(slot);
    if (!slot.job) this.idle.push(slot);
    return slot;
  }

  private acquire(): Promise<Slot> {
    const s = this.idle.shift();
    if (s) return Promise.resolve(s);
    return new Promise((res) => this.waiting.push(res));
  }

  private release(slot: Slot): void {
    const idleAt = this.idle.indexOf(slot);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    const w = this.waiting.shift();
    if (w) w(slot);
    else this.idle.push(slot);
  }
}

/**
 * The worker side: call once in the worker module with the job handler. Replies to every job with
 * its result or its error message; the process stays up between jobs and exits when its owner goes.
 */
export function serveJobs<J, R>(handle: (job: J) => Promise<R>): void {
  // The owner is gone (exited or killed): stop at once, so no orphan goes on writing a record that a
  // resumed run is about to redo.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: { type: string; id: number; job: J }) => {
    if (m?.type !== 'job') return;
    handle(m.job).then(
      (result) => process.send?.({ type: 'result', id: m.id, result }),
      (err: unknown) => process.send?.({ type: 'error', id: m.id, message: err instanceof Error ? err.message : String(err) }),
    );
  });
  process.send?.({ type: 'ready' });
}
