import { createHash } from 'node:crypto';
import { IsolateSession, scrubHostText } from './isolate-session.mjs';
import type { SessionOptions, SessionResult } from './isolate-session.mjs';
import { sandboxHostPool } from './host-pool';
import type { HostPool, HostProcess, HostRunResult } from './host-pool';
import type { BridgeFunction, JsonValue, SandboxOptions, SandboxResult } from './types';

const DEFAULTS = {
  memoryLimitMb: 64,
  cpuTimeoutMs: 1000,
  wallTimeoutMs: 5000,
  hostCallTimeoutMs: 2000,
  maxOutputBytes: 64 * 1024,
  maxArgBytes: 1024 * 1024,
  maxBridgeCalls: 10_000,
};

let nextSid = 1;
let nextGroup = 1;

function seedWords(seed: number | string): [number, number, number, number] {
  const h = createHash('sha256').update(`${seed}\u0000sandbox`).digest();
  return [h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8), h.readUInt32LE(12)];
}

/**
 * An isolate for agent-written code or scenario service logic. By default it lives in a supervised
 * host process (see host-pool.ts): an isolate that kills or freezes its process costs that run (a
 * SANDBOX_CRASHED or SANDBOX_TIMEOUT result with the fault), and the next run gets a fresh process.
 * Every run has a CPU timeout, a wall-clock watchdog inside the host and a SIGKILL outside it;
 * WebAssembly and blocking Atomics are removed; output, bridge traffic and bridged calls are capped;
 * time, randomness, zone and locale are the episode's. Runs are serialised: one at a time, so console
 * output and bridged calls always belong to the run that made them. After a kill the next run
 * transparently gets a fresh isolate (state is lost).
 */
export class Sandbox {
  private readonly opts: typeof DEFAULTS & SandboxOptions;
  private readonly sessionOpts: SessionOptions;
  private readonly group: string;
  private inline: IsolateSession | null = null;
  private host: HostProcess | null = null;
  private sid = 0;
  private isolatesBefore = 0;
  private isolatesNow = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private running = false;
  private runGen = 0;
  private disposedByUser = false;

  private constructor(
    opts: SandboxOptions,
    private readonly pool: HostPool,
  ) {
    this.opts = { ...DEFAULTS, ...opts };
    const o = this.opts;
    this.group = o.group ?? `sandbox-${nextGroup++}`;
    this.sessionOpts = {
      memoryLimitMb: o.memoryLimitMb,
      cpuTimeoutMs: o.cpuTimeoutMs,
      wallTimeoutMs: o.wallTimeoutMs,
      maxOutputBytes: o.maxOutputBytes,
      maxBridgeCalls: o.maxBridgeCalls,
      names: Object.keys(o.bridge ?? {}).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n)),
      seedWords: seedWords(o.seed ?? 0),
      timeZone: o.timeZone ?? 'UTC',
      locale: o.locale ?? 'en-US',
      freshContextPerRun: o.freshContextPerRun ?? false,
      freezeIntrinsics: o.freezeIntrinsics ?? false,
      shareIsolate: o.shareIsolate ?? false,
    };
  }

  static async create(opts: SandboxOptions = {}, pool: HostPool = sandboxHostPool()): Promise<Sandbox> {
    const s = new Sandbox(opts, pool);
    if (s.opts.host === 'inline') s.inline = new IsolateSession(s.sessionOpts, (n, a) => s.hostCall(n, a));
    else await s.connect();
    return s;
  }

  get isDisposed(): boolean {
    return this.disposedByUser;
  }

  /** How many isolates this sandbox has created (1 + resets after kills and crashes). */
  get isolatesCreated(): number {
    return this.inline ? this.inline.isolatesCreated : this.isolatesBefore + this.isolatesNow;
  }

  /** The host process's pid (process mode), for diagnostics and tests. */
  get pid(): number | undefined {
    return this.host?.child.pid;
  }

  dispose(): void {
    if (this.disposedByUser) return;
    this.disposedByUser = true;
    this.inline?.dispose();
    if (this.host) {
      this.host.close(this.sid);
      this.pool.release(this.host, this.group);
      this.host = null;
    }
  }

  runScript(code: string): Promise<SandboxResult> {
    return this.enqueue(() => this.run('script', [code]));
  }

  runFunction(source: string, args: JsonValue[]): Promise<SandboxResult> {
    let argsJson: string;
    try {
      argsJson = JSON.stringify(args);
    } catch (e) {
      return Promise.resolve({
        ok: false,
        error: { code: 'SANDBOX_ERROR', message: `arguments are not JSON: ${(e as Error).message}` },
        logs: '',
        truncated: false,
      });
    }
    return this.enqueue(() => this.run('function', [source, argsJson]));
  }

  private enqueue(fn: () => Promise<SandboxResult>): Promise<SandboxResult> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async run(kind: 'script' | 'function', args: string[]): Promise<SandboxResult> {
    if (this.disposedByUser) return { ok: false, error: { code: 'SANDBOX_DISPOSED', message: 'sandbox has been disposed' }, logs: '', truncated: false };
    const now = this.opts.now ? this.opts.now() : 0;
    this.running = true;
    this.runGen++;
    let r: HostRunResult | SessionResult;
    try {
      if (this.inline) r = await this.inline.run(kind, args, now);
      else {
        if (!this.host || this.host.dead) await this.connect();
        const host = this.host as HostProcess;
        r = await host.run(this.sid, kind, args, now, this.opts.wallTimeoutMs, async (n, a) => this.hostCall(n, a));
        if ('isolates' in r && typeof r.isolates === 'number') this.isolatesNow = r.isolates;
        if (host.dead) this.afterCrash();
      }
    } catch (err) {
      r = {
        ok: false,
        error: { code: 'SANDBOX_CRASHED', message: `the script's process could not be started: ${(err as Error).message}` },
        logs: '',
        truncated: false,
      };
    } finally {
      this.running = false;
    }
    if (!r.ok) return { ok: false, error: r.error, logs: r.logs, truncated: r.truncated, ...('fault' in r && r.fault ? { fault: r.fault } : {}) };
    let value: JsonValue;
    try {
      value = JSON.parse(r.valueJson) as JsonValue;
    } catch {
      return { ok: false, error: { code: 'SANDBOX_ERROR', message: 'script produced an unreadable result' }, logs: r.logs, truncated: r.truncated };
    }
    return { ok: true, value, logs: r.logs, truncated: r.truncated };
  }

  /** Find (or start) a host process and open this sandbox's isolate in it; one retry if it is stuck. */
  private async connect(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const host = this.pool.acquire(this.group);
      const sid = nextSid++;
      try {
        await host.open(sid, this.sessionOpts);
        this.host = host;
        this.sid = sid;
        this.isolatesNow = 0;
        return;
      } catch (err) {
        this.pool.release(host, this.group);
        host.kill();
        if (attempt >= 1) throw err;
      }
    }
  }

  private afterCrash(): void {
    if (this.host) this.pool.release(this.host, this.group);
    this.host = null;
    this.isolatesBefore += Math.max(1, this.isolatesNow);
    this.isolatesNow = 0;
  }

  /** A bridged call from the isolate: JSON in, JSON out, size-checked, timed, reported. */
  private hostCall(name: string, argsJson: string): string | Promise<string> {
    const gen = this.runGen;
    // A call that settles after its run ended (watchdog, crash) is not reported: it belongs to no run.
    const report = (args: JsonValue[], ok: boolean, error?: string) => {
      if (this.running && gen === this.runGen) this.opts.onBridgeCall?.({ fn: name, args, ok, ...(error ? { error } : {}) });
    };
    if (!this.running) return JSON.stringify({ e: `host.${name} called outside a run` });
    if (argsJson.length > this.opts.maxArgBytes) {
      report([], false, 'arguments too large');
      return JSON.stringify({ e: `arguments to host.${name} exceed ${this.opts.maxArgBytes} bytes` });
    }
    const bridge = this.opts.bridge ?? {};
    const fn: BridgeFunction | undefined = Object.prototype.hasOwnProperty.call(bridge, name) ? bridge[name] : undefined;
    let args: JsonValue[];
    try {
      const parsed = JSON.parse(argsJson) as unknown;
      args = Array.isArray(parsed) ? (parsed as JsonValue[]) : [];
    } catch {
      args = [];
    }
    if (!fn) {
      report(args, false, 'unknown function');
      return JSON.stringify({ e: `host.${name} is not a function` });
    }
    let out: JsonValue | Promise<JsonValue>;
    try {
      out = fn(...args);
    } catch (err) {
      const message = scrubHostText(err instanceof Error ? err.message : String(err));
      report(args, false, message);
      return JSON.stringify({ e: message });
    }
    if (out && typeof (out as Promise<JsonValue>).then === 'function') return this.settle(name, args, out as Promise<JsonValue>, report);
    report(args, true);
    return this.encodeResult(name, out as JsonValue);
  }

  private async settle(
    name: string,
    args: JsonValue[],
    p: Promise<JsonValue>,
    report: (args: JsonValue[], ok: boolean, error?: string) => void,
  ): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    type Settled = { v: JsonValue } | { e: string; timeout?: true };
    const settled: Settled = await Promise.race([
      p.then(
        (v): Settled => ({ v: v === undefined ? null : v }),
        (e: unknown): Settled => ({ e: scrubHostText(e instanceof Error ? e.message : String(e)) }),
      ),
      new Promise<Settled>((resolve) => {
        timer = setTimeout(() => resolve({ e: `host call timed out after ${this.opts.hostCallTimeoutMs} ms`, timeout: true }), this.opts.hostCallTimeoutMs);
      }),
    ]);
    if (timer) clearTimeout(timer);
    if ('e' in settled) {
      if (!settled.timeout) report(args, false, settled.e);
      return JSON.stringify({ e: settled.e });
    }
    report(args, true);
    return this.encodeResult(name, settled.v);
  }

  private encodeResult(name: string, v: JsonValue | undefined): string {
    let s: string;
    try {
      s = JSON.stringify({ v: v === undefined ? null : v });
    } catch (err) {
      return JSON.stringify({ e: `host.${name} returned a value that is not JSON: ${(err as Error).message}` });
    }
    if (s.length > this.opts.maxArgBytes) return JSON.stringify({ e: `host.${name} result exceeds ${this.opts.maxArgBytes} bytes` });
    return s;
  }
}
