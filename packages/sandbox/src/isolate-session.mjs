// Plain JavaScript: loaded both in-process (trusted fast path) and by the sandbox host child process.
import ivm from 'isolated-vm';
import { agentScript, BEGIN_SCRIPT, FREEZE_INTRINSICS, PRELUDE, RUN_FUNCTION, SETTLE_SCRIPT, TAKE_LOGS_SCRIPT } from './prelude.mjs';
import { BUILTIN_FILE } from './prelude-stack.mjs';
import { sharedIsolate } from './shared-isolate.mjs';

const AGENT_FILE = 'script.js';

/** Strips host and sandbox internals from any text that leaves the isolate. */
export function scrubHostText(text) {
  return String(text)
    .replace(/\s*\(?<isolated-vm>(:\d+:\d+)?\)?/g, '')
    .replace(/isolated-vm/gi, 'sandbox')
    .replace(/\bIsolated? (was |is )?disposed[^\n]*/g, 'script environment was reset');
}

function classify(err, watchdogFired) {
  const msg = err instanceof Error ? err.message : String(err);
  if (/memory limit/i.test(msg)) return { code: 'SANDBOX_MEMORY', message: 'script ran out of memory and was stopped' };
  if (watchdogFired) return { code: 'SANDBOX_TIMEOUT', message: 'script exceeded its wall-clock time limit and was stopped' };
  if (/timed out/i.test(msg)) return { code: 'SANDBOX_TIMEOUT', message: 'script exceeded its CPU time limit and was stopped' };
  if (/disposed/i.test(msg)) return { code: 'SANDBOX_DISPOSED', message: 'script environment was reset' };
  return { code: 'SANDBOX_ERROR', message: scrubHostText(msg) };
}

/**
 * One isolate (recreated after a kill) and its context(s). `hostCall(name, argsJson)` answers a
 * bridged call with a JSON string `{v}` or `{e}`, or a promise of one. Runs must not overlap (the
 * callers serialise them). With `freshContextPerRun` every run gets a new context (with frozen
 * intrinsics when `freezeIntrinsics`), so nothing one run does is visible to the next; with
 * `shareIsolate` as well, those contexts are made in one isolate the process keeps for all such
 * sessions (shared-isolate.mjs), so a session costs no isolate of its own.
 */
export class IsolateSession {
  constructor(opts, hostCall) {
    this.opts = opts;
    this.hostCall = hostCall;
    this.isolate = null;
    this.context = null;
    this.pending = new Map();
    this.nextPending = 1;
    this.isolatesCreated = 0;
    this.disposed = false;
    this.shared = opts.shareIsolate && opts.freshContextPerRun ? sharedIsolate(opts.memoryLimitMb) : null;
    /** context -> reference to the helpers its prelude returned */
    this.helpers = new WeakMap();
  }

  run(kind, args, nowMs) {
    return this.shared ? this.shared.exclusive(() => this.runNow(kind, args, nowMs)) : this.runNow(kind, args, nowMs);
  }

  async runNow(kind, args, nowMs) {
    if (this.disposed) return { ok: false, error: { code: 'SANDBOX_DISPOSED', message: 'sandbox has been disposed' }, logs: '', truncated: false };
    await this.ensureIsolate();
    const isolate = this.isolate;
    const context = this.opts.freshContextPerRun ? await this.newContext(isolate) : this.context;
    let watchdogFired = false;
    const watchdog = setTimeout(() => {
      watchdogFired = true;
      this.teardown();
    }, this.opts.wallTimeoutMs);
    let raw;
    try {
      raw =
        kind === 'function'
          ? await context.evalClosure(RUN_FUNCTION, [this.helpersIn(context), ...args, nowMs, this.opts.maxBridgeCalls], {
              timeout: this.opts.cpuTimeoutMs,
              filename: BUILTIN_FILE,
              arguments: { copy: true },
              result: { promise: true, copy: true },
            })
          : await this.runAgentCode(isolate, context, args[0], nowMs);
    } catch (err) {
      clearTimeout(watchdog);
      const e = classify(err, watchdogFired);
      const logs = this.takeLogs(context, isolate);
      if (isolate.isDisposed || e.code !== 'SANDBOX_ERROR') this.teardown();
      this.releaseFresh(context);
      return { ok: false, error: e, logs: logs.logs, truncated: logs.cut };
    }
    clearTimeout(watchdog);
    const logs = this.takeLogs(context, isolate);
    this.releaseFresh(context);
    let parsed;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return { ok: false, error: { code: 'SANDBOX_ERROR', message: 'script produced an unreadable result' }, logs: logs.logs, truncated: logs.cut };
    }
    if (parsed.over !== undefined) {
      return {
        ok: false,
        error: { code: 'SANDBOX_OUTPUT_LIMIT', message: `result is ${parsed.over} bytes, over the ${this.opts.maxOutputBytes}-byte limit` },
        logs: logs.logs,
        truncated: true,
      };
    }
    if (parsed.e !== undefined) return { ok: false, error: { code: 'SANDBOX_ERROR', message: scrubHostText(parsed.e) }, logs: logs.logs, truncated: logs.cut };
    return { ok: true, valueJson: typeof parsed.ok === 'string' ? parsed.ok : 'null', logs: logs.logs, truncated: logs.cut };
  }

  /**
   * Agent code runs as its own script (see agentScript): begin the run, compile, run, then settle
   * the completion value in the isolate. A syntax error is a result (as eval would throw it); the
   * CPU limit covers run and settle together.
   */
  async runAgentCode(isolate, context, code, nowMs) {
    const limit = this.opts.cpuTimeoutMs;
    const started = performance.now();
    await context.evalClosure(BEGIN_SCRIPT, [this.helpersIn(context), nowMs, this.opts.maxBridgeCalls], { timeout: limit, filename: BUILTIN_FILE });
    let script;
    try {
      script = await isolate.compileScript(agentScript(code), { filename: AGENT_FILE, lineOffset: -1 });
    } catch (err) {
      if (err instanceof Error && err.name === 'SyntaxError' && !isolate.isDisposed) {
        return JSON.stringify({ e: `SyntaxError: ${err.message.replace(/ \[script\.js:\d+:\d+\]$/, '')}` });
      }
      throw err;
    }
    let completion;
    try {
      completion = await script.run(context, { timeout: limit, reference: true });
    } catch (err) {
      // A promise the code rejected and never handled is its error; limits and resets stay faults.
      if (isolate.isDisposed || classify(err, false).code !== 'SANDBOX_ERROR') throw err;
      return JSON.stringify({ e: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    } finally {
      script.release();
    }
    try {
      const left = Math.max(1, Math.round(limit - (performance.now() - started)));
      return await context.evalClosure(SETTLE_SCRIPT, [this.helpersIn(context), completion.derefInto()], {
        timeout: left,
        filename: BUILTIN_FILE,
        result: { promise: true, copy: true },
      });
    } finally {
      completion.release();
    }
  }

  dispose() {
    this.disposed = true;
    // A shared isolate outlives its sessions; only a killed run resets it (teardown).
    if (this.shared) this.forget();
    else this.teardown();
  }

  takeLogs(context, isolate) {
    try {
      if (!context || isolate.isDisposed) return { logs: '', cut: false };
      return JSON.parse(context.evalClosureSync(TAKE_LOGS_SCRIPT, [this.helpersIn(context)], { timeout: 100, filename: BUILTIN_FILE }));
    } catch {
      return { logs: '', cut: false };
    }
  }

  releaseFresh(context) {
    if (!this.opts.freshContextPerRun) return;
    try {
      this.helpers.get(context)?.release();
      context.release();
    } catch {
      /* isolate already gone */
    }
  }

  async ensureIsolate() {
    if (this.shared) {
      const { isolate, created } = this.shared.acquire();
      if (created) this.isolatesCreated++;
      this.isolate = isolate;
      return;
    }
    if (this.isolate && !this.isolate.isDisposed && (this.context || this.opts.freshContextPerRun)) return;
    this.teardown();
    const isolate = new ivm.Isolate({ memoryLimit: this.opts.memoryLimitMb });
    this.isolatesCreated++;
    this.isolate = isolate;
    if (!this.opts.freshContextPerRun) this.context = await this.newContext(isolate);
  }

  async newContext(isolate) {
    const context = await isolate.createContext();
    const sync = new ivm.Callback((name, argsJson) => this.onSync(name, argsJson));
    const awaitRef = new ivm.Reference((id) => this.onAwait(id));
    const o = this.opts;
    const helpers = await context.evalClosure(
      PRELUDE,
      [sync, awaitRef, JSON.stringify(o.names), o.maxOutputBytes, JSON.stringify(o.seedWords), o.timeZone, o.locale],
      {
        timeout: 1000,
        filename: BUILTIN_FILE,
        result: { reference: true },
      },
    );
    this.helpers.set(context, helpers);
    if (o.freezeIntrinsics) await context.eval(FREEZE_INTRINSICS, { timeout: 1000, filename: BUILTIN_FILE });
    return context;
  }

  /** The prelude's helpers of a context, passed into a closure as an argument. */
  helpersIn(context) {
    return this.helpers.get(context).derefInto();
  }

  onSync(name, argsJson) {
    let out;
    try {
      out = this.hostCall(String(name), typeof argsJson === 'string' ? argsJson : '[]');
    } catch (err) {
      return JSON.stringify({ e: err instanceof Error ? err.message : String(err) });
    }
    if (typeof out === 'string') return out;
    const id = this.nextPending++;
    this.pending.set(id, out);
    return JSON.stringify({ p: id });
  }

  async onAwait(id) {
    const p = this.pending.get(id);
    this.pending.delete(id);
    if (!p) return JSON.stringify({ e: 'unknown pending call' });
    try {
      return await p;
    } catch (err) {
      return JSON.stringify({ e: err instanceof Error ? err.message : String(err) });
    }
  }

  forget() {
    const iso = this.isolate;
    this.isolate = null;
    this.context = null;
    this.pending.clear();
    return iso;
  }

  teardown() {
    const iso = this.forget();
    if (this.shared) return this.shared.reset(iso);
    if (iso && !iso.isDisposed) {
      try {
        iso.dispose();
      } catch {
        /* already disposed */
      }
    }
  }
}
