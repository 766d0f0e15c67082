import ivm from 'isolated-vm';
import type { BridgeFunction, JsonValue, SandboxErrorCode, SandboxOptions, SandboxResult } from './types';
import { PRELUDE, RUN_FUNCTION, RUN_SCRIPT } from './prelude';

const DEFAULTS = {
  memoryLimitMb: 64,
  cpuTimeoutMs: 1000,
  wallTimeoutMs: 5000,
  hostCallTimeoutMs: 2000,
  maxOutputBytes: 64 * 1024,
  maxArgBytes: 1024 * 1024,
};

type Settled = { v: JsonValue } | { e: string };

function classify(err: unknown, watchdogFired: boolean): { code: SandboxErrorCode; message: string } {
  const msg = err instanceof Error ? err.message : String(err);
  if (/memory limit/i.test(msg)) return { code: 'SANDBOX_MEMORY', message: 'script ran out of memory and was stopped' };
  if (watchdogFired) return { code: 'SANDBOX_TIMEOUT', message: 'script exceeded its wall-clock time limit and was stopped' };
  if (/timed out/i.test(msg)) return { code: 'SANDBOX_TIMEOUT', message: 'script exceeded its CPU time limit and was stopped' };
  if (/disposed/i.test(msg)) return { code: 'SANDBOX_DISPOSED', message: 'script environment was reset' };
  return { code: 'SANDBOX_ERROR', message: msg };
}

/**
 * One isolate per Sandbox, for agent-written code and scenario service logic. Every run has a CPU
 * timeout and a host watchdog that disposes the isolate; WebAssembly is removed; output and bridge
 * traffic are capped; only the bridged functions are reachable, each call reported. After a memory
 * kill or watchdog disposal the next run transparently gets a fresh isolate (state is lost).
 */
export class Sandbox {
  private readonly opts: typeof DEFAULTS & SandboxOptions;
  private isolate: ivm.Isolate | null = null;
  private context: ivm.Context | null = null;
  private disposedByUser = false;
  private pending = new Map<number, Promise<JsonValue>>();
  private nextPending = 1;
  /** How many isolates this sandbox has created (1 + resets after kills). */
  isolatesCreated = 0;

  private constructor(opts: SandboxOptions) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  static async create(opts: SandboxOptions = {}): Promise<Sandbox> {
    const s = new Sandbox(opts);
    await s.ensure();
    return s;
  }

  get isDisposed(): boolean {
    return this.disposedByUser;
  }

  dispose(): void {
    this.disposedByUser = true;
    this.teardown();
  }

  runScript(code: string): Promise<SandboxResult> {
    return this.run(RUN_SCRIPT, [code]);
  }

  runFunction(source: string, args: JsonValue[]): Promise<SandboxResult> {
    let argsJson: string;
    try {
      argsJson = JSON.stringify(args);
    } catch (e) {
      return Promise.resolve({ ok: false, error: { code: 'SANDBOX_ERROR', message: `arguments are not JSON: ${(e as Error).message}` }, logs: '', truncated: false });
    }
    return this.run(RUN_FUNCTION, [source, argsJson]);
  }

  private async run(wrapper: string, args: string[]): Promise<SandboxResult> {
    if (this.disposedByUser) return { ok: false, error: { code: 'SANDBOX_DISPOSED', message: 'sandbox has been disposed' }, logs: '', truncated: false };
    await this.ensure();
    const isolate = this.isolate as ivm.Isolate;
    const context = this.context as ivm.Context;
    let watchdogFired = false;
    const watchdog = setTimeout(() => {
      watchdogFired = true;
      this.teardown();
    }, this.opts.wallTimeoutMs);
    let raw: string;
    try {
      raw = (await context.evalClosure(wrapper, args, { timeout: this.opts.cpuTimeoutMs, arguments: { copy: true }, result: { promise: true, copy: true } })) as string;
    } catch (err) {
      clearTimeout(watchdog);
      const e = classify(err, watchdogFired);
      const logs = this.takeLogs();
      if (isolate.isDisposed || e.code !== 'SANDBOX_ERROR') this.teardown();
      return { ok: false, error: e, logs: logs.logs, truncated: logs.cut };
    }
    clearTimeout(watchdog);
    const logs = this.takeLogs();
    let parsed: { ok?: string; e?: string; over?: number };
    try {
      parsed = JSON.parse(raw) as typeof parsed;
    } catch {
      return { ok: false, error: { code: 'SANDBOX_ERROR', message: 'script produced an unreadable result' }, logs: logs.logs, truncated: logs.cut };
    }
    if (parsed.over !== undefined) {
      return { ok: false, error: { code: 'SANDBOX_OUTPUT_LIMIT', message: `result is ${parsed.over} bytes, over the ${this.opts.maxOutputBytes}-byte limit` }, logs: logs.logs, truncated: true };
    }
    if (parsed.e !== undefined) return { ok: false, error: { code: 'SANDBOX_ERROR', message: parsed.e }, logs: logs.logs, truncated: logs.cut };
    return { ok: true, value: JSON.parse(parsed.ok ?? 'null') as JsonValue, logs: logs.logs, truncated: logs.cut };
  }

  private takeLogs(): { logs: string; cut: boolean } {
    try {
      if (!this.context || this.isolate?.isDisposed) return { logs: '', cut: false };
      const s = this.context.evalSync('__takeLogs()', { timeout: 100 }) as string;
      return JSON.parse(s) as { logs: string; cut: boolean };
    } catch {
      return { logs: '', cut: false };
    }
  }

  private async ensure(): Promise<void> {
    if (this.isolate && !this.isolate.isDisposed && this.context) return;
    this.teardown();
    const isolate = new ivm.Isolate({ memoryLimit: this.opts.memoryLimitMb });
    const context = await isolate.createContext();
    this.isolatesCreated++;
    const bridge = this.opts.bridge ?? {};
    const names = Object.keys(bridge).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
    const sync = new ivm.Callback((name: string, argsJson: string) => this.hostSync(bridge, name, argsJson));
    const awaitRef = new ivm.Reference((id: number) => this.hostAwait(id));
    const rand = new ivm.Callback(() => (this.opts.random ? this.opts.random() : 0.5));
    const now = new ivm.Callback(() => (this.opts.now ? this.opts.now() : 0));
    await context.evalClosure(PRELUDE, [sync, awaitRef, rand, now, JSON.stringify(names), this.opts.maxOutputBytes], { timeout: 1000 });
    this.isolate = isolate;
    this.context = context;
  }

  private hostSync(bridge: Record<string, BridgeFunction>, name: string, argsJson: string): string {
    const report = (args: JsonValue[], ok: boolean, error?: string) => this.opts.onBridgeCall?.({ fn: name, args, ok, ...(error ? { error } : {}) });
    if (typeof argsJson !== 'string' || argsJson.length > this.opts.maxArgBytes) {
      report([], false, 'arguments too large');
      return JSON.stringify({ e: `arguments to host.${name} exceed ${this.opts.maxArgBytes} bytes` });
    }
    const fn = Object.prototype.hasOwnProperty.call(bridge, name) ? bridge[name] : undefined;
    const args = JSON.parse(argsJson) as JsonValue[];
    if (!fn) {
      report(args, false, 'unknown function');
      return JSON.stringify({ e: `host.${name} is not a function` });
    }
    let out: JsonValue | Promise<JsonValue>;
    try {
      out = fn(...args);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      report(args, false, message);
      return JSON.stringify({ e: message });
    }
    if (out && typeof (out as Promise<JsonValue>).then === 'function') {
      const id = this.nextPending++;
      this.pending.set(
        id,
        (out as Promise<JsonValue>).then(
          (v) => {
            report(args, true);
            return v;
          },
          (err: unknown) => {
            const message = err instanceof Error ? err.message : String(err);
            report(args, false, message);
            throw new Error(message);
          },
        ),
      );
      return JSON.stringify({ p: id });
    }
    report(args, true);
    return this.encodeResult(name, out as JsonValue);
  }

  private async hostAwait(id: number): Promise<string> {
    const p = this.pending.get(id);
    this.pending.delete(id);
    if (!p) return JSON.stringify({ e: 'unknown pending call' });
    let timer: NodeJS.Timeout | undefined;
    const settled: Settled = await Promise.race([
      p.then((v): Settled => ({ v: v === undefined ? null : v }), (e: unknown): Settled => ({ e: e instanceof Error ? e.message : String(e) })),
      new Promise<Settled>((resolve) => {
        timer = setTimeout(() => resolve({ e: `host call timed out after ${this.opts.hostCallTimeoutMs} ms` }), this.opts.hostCallTimeoutMs);
      }),
    ]);
    if (timer) clearTimeout(timer);
    if ('e' in settled) return JSON.stringify({ e: settled.e });
    return this.encodeResult('(async)', settled.v);
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

  private teardown(): void {
    const iso = this.isolate;
    this.isolate = null;
    this.context = null;
    this.pending.clear();
    if (iso && !iso.isDisposed) {
      try {
        iso.dispose();
      } catch {
        /* already disposed */
      }
    }
  }
}
