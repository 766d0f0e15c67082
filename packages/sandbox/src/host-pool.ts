import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SessionOptions, SessionResult } from './isolate-session.mjs';
import type { SandboxFault } from './types';

/** The child entry: plain JavaScript, so it runs the same under vitest, tsx and a built package. */
const HOST_SCRIPT = fileURLToPath(new URL('./sandbox-host.mjs', import.meta.url));

export interface HostPoolOptions {
  /** Most host processes kept (default 4). Sandboxes beyond that share processes. */
  size?: number;
  /** Extra time past a run's wall limit before the supervisor SIGKILLs its process (default 1500 ms). */
  killGraceMs?: number;
  /** How long a new or reused process may take to answer (default 10 s). */
  startTimeoutMs?: number;
  /**
   * The host processes' environment (default {@link HOST_ENV}). Only tests pass another, to show
   * that nothing of it (zone, locale) reaches agent code: the isolate names the episode's zone and
   * locale explicitly everywhere.
   */
  env?: Record<string, string>;
}

/**
 * The environment host processes start with: no NODE_OPTIONS or loaders from the parent, and the
 * same zone and locale on every machine (UTC, the C locale).
 */
export const HOST_ENV: Readonly<Record<string, string>> = Object.freeze({ TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });

export type HostRunResult =
  | (SessionResult & { isolates?: number })
  | {
      ok: false;
      error: { code: 'SANDBOX_CRASHED' | 'SANDBOX_TIMEOUT' | 'SANDBOX_MEMORY'; message: string };
      logs: string;
      truncated: boolean;
      fault: SandboxFault;
    };

interface PendingRun {
  resolve: (r: HostRunResult) => void;
  timer: NodeJS.Timeout;
  onBridge: (name: string, argsJson: string) => Promise<string>;
}

type FromHost =
  | { t: 'ready' }
  | { t: 'opened'; sid: number }
  | { t: 'pong'; id: number }
  | { t: 'done'; rid: number; res: SessionResult; isolates: number }
  | { t: 'bridge'; rid: number; bid: number; name: string; args: string };

const OOM = /out of memory|CALL_AND_RETRY_LAST|allocation failed|OOM error/i;

/** One supervised child process hosting isolates. */
export class HostProcess {
  readonly child: ChildProcess;
  readonly groups = new Map<string, number>();
  dead = false;
  /** Why the process died (set once). */
  fault: SandboxFault | null = null;
  private readonly runs = new Map<number, PendingRun>();
  private readonly waiters = new Map<string, () => void>();
  private stderrTail = '';
  private nextRid = 1;
  private nextPing = 1;
  private killedForOverrun: number | null = null;
  readonly started: Promise<void>;

  constructor(private readonly pool: HostPool) {
    this.child = fork(HOST_SCRIPT, [], {
      execArgv: ['--no-node-snapshot'],
      env: { ...pool.env, PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child.stderr?.setEncoding('utf8');
    // Neither the stderr pipe nor an idle process may keep the parent alive (a CLI must exit).
    (this.child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    this.child.stderr?.on('data', (s: string) => {
      this.stderrTail = (this.stderrTail + s).slice(-4096);
    });
    this.child.on('message', (m: FromHost) => this.onMessage(m));
    // 'close', not 'exit': stderr is fully read by then, so a V8 out-of-memory message is never missed.
    this.child.on('close', (code, signal) => this.onExit(code, signal));
    this.child.on('error', () => {
      /* exit follows; spawn failures surface through `started` */
    });
    this.child.unref();
    this.started = this.waitFor('ready', pool.startTimeoutMs);
  }

  /** Open a session (isolate) for a sandbox in this process. */
  async open(sid: number, opts: SessionOptions): Promise<void> {
    await this.started;
    if (this.dead) throw new Error(`sandbox host stopped: ${this.fault?.message ?? 'unknown reason'}`);
    const opened = this.waitFor(`opened:${sid}`, this.pool.startTimeoutMs);
    this.send({ t: 'open', sid, opts });
    await opened;
    if (this.dead) throw new Error(`sandbox host stopped: ${this.fault?.message ?? 'unknown reason'}`);
  }

  close(sid: number): void {
    this.send({ t: 'close', sid });
  }

  /** Answers within `ms`, or the process is killed (a hung host must not take new work). */
  async ping(ms: number): Promise<boolean> {
    const id = this.nextPing++;
    const p = this.waitFor(`pong:${id}`, ms);
    this.send({ t: 'ping', id });
    try {
      await p;
      return true;
    } catch {
      this.kill();
      return false;
    }
  }

  run(sid: number, kind: 'script' | 'function', args: string[], now: number, wallMs: number, onBridge: PendingRun['onBridge']): Promise<HostRunResult> {
    if (this.dead) return Promise.resolve(this.crashResult());
    const rid = this.nextRid++;
    return new Promise((resolve) => {
      const limit = wallMs + this.pool.killGraceMs;
      const timer = setTimeout(() => {
        // The process did not answer in time: it is stuck (a host thread that never returns). Kill it.
        this.killedForOverrun = limit;
        this.kill();
      }, limit);
      this.runs.set(rid, { resolve, timer, onBridge });
      this.updateRef();
      this.send({ t: 'run', sid, rid, kind, args, now });
    });
  }

  kill(): void {
    if (!this.dead) this.child.kill('SIGKILL');
  }

  private send(msg: unknown): void {
    if (this.dead || !this.child.connected) return;
    try {
      this.child.send(msg as never);
    } catch {
      /* the exit handler reports it */
    }
  }

  private waitFor(key: string, ms: number): Promise<void> {
    if (this.dead) return Promise.reject(new Error(`sandbox host stopped: ${this.fault?.message ?? 'unknown reason'}`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        this.updateRef();
        reject(new Error(`sandbox host did not answer within ${ms} ms`));
      }, ms);
      timer.unref();
      this.waiters.set(key, () => {
        clearTimeout(timer);
        this.waiters.delete(key);
        this.updateRef();
        resolve();
      });
      this.updateRef();
    });
  }

  private onMessage(m: FromHost): void {
    if (m.t === 'ready') this.waiters.get('ready')?.();
    else if (m.t === 'opened') this.waiters.get(`opened:${m.sid}`)?.();
    else if (m.t === 'pong') this.waiters.get(`pong:${m.id}`)?.();
    else if (m.t === 'done') {
      const run = this.runs.get(m.rid);
      if (!run) return;
      this.runs.delete(m.rid);
      clearTimeout(run.timer);
      run.resolve({ ...m.res, isolates: m.isolates });
      this.updateRef();
    } else if (m.t === 'bridge') {
      const run = this.runs.get(m.rid);
      const answer = run ? run.onBridge(m.name, m.args) : Promise.resolve(JSON.stringify({ e: 'the run is over' }));
      void answer.then(
        (out) => this.send({ t: 'reply', bid: m.bid, out }),
        (err: unknown) => this.send({ t: 'reply', bid: m.bid, out: JSON.stringify({ e: err instanceof Error ? err.message : String(err) }) }),
      );
    }
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.dead = true;
    const stderr = this.stderrTail.trim();
    const oom = OOM.test(stderr);
    const message =
      this.killedForOverrun !== null
        ? `the script's process did not respond within ${this.killedForOverrun} ms and was stopped from outside`
        : oom
          ? 'the script ran its process out of memory; the process was stopped and replaced'
          : `the script's process stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}) and was replaced`;
    this.fault = { message, exitCode: code, signal, stderrTail: stderr.slice(-1000), overrun: this.killedForOverrun !== null, outOfMemory: oom };
    for (const w of [...this.waiters.values()]) w();
    this.waiters.clear();
    for (const run of this.runs.values()) {
      clearTimeout(run.timer);
      run.resolve(this.crashResult());
    }
    this.runs.clear();
    this.pool.forget(this);
  }

  private crashResult(): HostRunResult {
    const fault = this.fault ?? { message: "the script's process is gone", exitCode: null, signal: null, stderrTail: '', overrun: false, outOfMemory: false };
    // Out of memory and wall-time overruns are limits the script ran into; anything else is unexplained.
    const code = fault.overrun ? 'SANDBOX_TIMEOUT' : fault.outOfMemory ? 'SANDBOX_MEMORY' : 'SANDBOX_CRASHED';
    return { ok: false, error: { code, message: fault.message }, logs: '', truncated: false, fault };
  }

  /** Keep the parent alive only while it waits on this process; idle processes never hold it open. */
  private updateRef(): void {
    if (this.dead) return;
    if (this.runs.size > 0 || this.waiters.size > 0) this.child.channel?.ref();
    else this.child.channel?.unref();
  }
}

/** Supervisor of a small pool of host processes, reused across episodes; dead ones are replaced on demand. */
export class HostPool {
  readonly size: number;
  readonly killGraceMs: number;
  readonly startTimeoutMs: number;
  readonly env: Readonly<Record<string, string>>;
  private readonly hosts: HostProcess[] = [];
  /** Processes started so far (1 per pool slot, plus one per replacement). */
  started = 0;

  constructor(opts: HostPoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? 4);
    this.killGraceMs = opts.killGraceMs ?? 1500;
    this.startTimeoutMs = opts.startTimeoutMs ?? 10_000;
    this.env = opts.env ?? HOST_ENV;
  }

  /**
   * A live process for a sandbox of `group` (an episode): one already serving the group, else an
   * unused one, else a new one while the pool has room, else the least loaded. So while no more
   * episodes use sandboxes than the pool has slots, each episode has a process of its own and a
   * crash costs only that episode.
   */
  acquire(group: string): HostProcess {
    const live = this.hosts.filter((h) => !h.dead);
    let host = live.find((h) => h.groups.has(group)) ?? live.find((h) => h.groups.size === 0);
    if (!host && live.length < this.size) host = this.spawn();
    host ??= [...live].sort((a, b) => a.groups.size - b.groups.size)[0] ?? this.spawn();
    host.groups.set(group, (host.groups.get(group) ?? 0) + 1);
    return host;
  }

  release(host: HostProcess, group: string): void {
    const n = (host.groups.get(group) ?? 1) - 1;
    if (n <= 0) host.groups.delete(group);
    else host.groups.set(group, n);
  }

  forget(host: HostProcess): void {
    const i = this.hosts.indexOf(host);
    if (i >= 0) this.hosts.splice(i, 1);
  }

  /** Live processes (for tests and diagnostics). */
  get processes(): readonly HostProcess[] {
    return this.hosts.filter((h) => !h.dead);
  }

  /** Stop every process (tests; a CLI exits without it since idle processes are unref'd). */
  shutdown(): void {
    for (const h of [...this.hosts]) h.kill();
  }

  private spawn(): HostProcess {
    const h = new HostProcess(this);
    this.hosts.push(h);
    this.started++;
    return h;
  }
}

let shared: HostPool | null = null;

/** The process-wide pool agent sandboxes use (size from GLASSHOUSE_SANDBOX_HOSTS, default 4). */
export function sandboxHostPool(): HostPool {
  const env = Number(process.env.GLASSHOUSE_SANDBOX_HOSTS);
  shared ??= new HostPool(Number.isInteger(env) && env > 0 ? { size: env } : {});
  return shared;
}

/** Replace the process-wide pool (an embedder's own sizing, or a test's host environment); returns the previous one. */
export function setSandboxHostPool(pool: HostPool): HostPool | null {
  const previous = shared;
  shared = pool;
  return previous;
}
