import type { z } from 'zod';
import { ERROR_CODES, GlasshouseError, toGlasshouseError } from '@glasshouse/schema';
import type { ErrorCode } from '@glasshouse/schema';
import { capText, describeIssues, ToolError } from '@glasshouse/tools';
import type { ToolContext, ToolDefinition } from '@glasshouse/tools';
import type { NewEvent } from './event-log';

/** What a tool call returned, as the agent sees it (before the `Error: ` prefix). */
export interface DispatchResult {
  content: string;
  isError: boolean;
  errorCode?: string;
}

/** Default time a tool handler may take before the call fails with TOOL_TIMEOUT. */
export const DEFAULT_TOOL_TIMEOUT_MS = 15_000;

/** Most characters of one tool result the agent (and the record) gets. */
export const MAX_TOOL_RESULT_CHARS = 200_000;

/**
 * After a handler times out, how long the next call still waits for it to let go, so a late write
 * from a timed-out call can never land in (or after) another call's turn or the final snapshot.
 */
export const LATE_HANDLER_GRACE_MS = 5_000;

/**
 * Run one tool call: look the tool up, parse and validate its arguments, run the handler with a
 * timeout. Tool failures (unknown tool, bad JSON, schema violations, a handler's ToolError) come back
 * as error results the agent sees; other handler failures are also recorded as non-fatal `error`
 * events through `recordFault`.
 */
export async function dispatchTool(
  tools: ReadonlyMap<string, ToolDefinition>,
  name: string,
  rawArgs: unknown,
  ctx: ToolContext,
  recordFault: (ev: Extract<NewEvent, { type: 'error' }>) => void,
): Promise<DispatchResult> {
  const tool = tools.get(name);
  try {
    if (!tool) throw new ToolError(`Unknown tool '${name}'. Available tools: ${[...tools.keys()].join(', ')}`, 'TOOL_NOT_FOUND');
    const input = tool.input.safeParse(parseArgs(name, rawArgs));
    if (!input.success) throw new ToolError(`Invalid arguments for ${name}: ${describeIssues(input.error as z.ZodError)}`, 'TOOL_INPUT_INVALID');
    const running = Promise.resolve().then(() => tool.handler(input.data, ctx));
    let out: Awaited<typeof running>;
    try {
      out = await withTimeout(running, tool.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS, name);
    } catch (err) {
      // Hold the call slot until the handler has really stopped (bounded), then report.
      await withTimeout(running, LATE_HANDLER_GRACE_MS, name).catch(() => undefined);
      throw err;
    }
    if (typeof out === 'string') return { content: capText(out, MAX_TOOL_RESULT_CHARS), isError: false };
    return { content: capText(out.content, MAX_TOOL_RESULT_CHARS), isError: out.isError ?? false, ...(out.errorCode ? { errorCode: out.errorCode } : {}) };
  } catch (err) {
    if (err instanceof ToolError) {
      if (err.fault)
        recordFault({
          type: 'error',
          code: (ERROR_CODES as readonly string[]).includes(err.fault.code) ? (err.fault.code as ErrorCode) : 'INTERNAL',
          message: `${name}: ${err.fault.message}`,
          fatal: false,
          ...(err.fault.details ? { details: err.fault.details } : {}),
        });
      return { content: capText(err.message, MAX_TOOL_RESULT_CHARS), isError: true, errorCode: err.code };
    }
    const g = toGlasshouseError(err, 'TOOL_HANDLER_FAILED');
    recordFault({ type: 'error', code: g.code, message: `${name}: ${g.message}`, fatal: false });
    return { content: g.code === 'TOOL_TIMEOUT' ? g.message : `Internal error while running ${name}`, isError: true, errorCode: g.code };
  }
}

/** Arguments may arrive as a JSON string (model APIs) or as a value; empty means `{}`. */
function parseArgs(name: string, rawArgs: unknown): unknown {
  let args = rawArgs;
  if (typeof args === 'string') {
    try {
      args = args.trim() === '' ? {} : JSON.parse(args);
    } catch (err) {
      throw new ToolError(`Arguments for ${name} are not valid JSON: ${(err as Error).message}`, 'TOOL_INPUT_INVALID');
    }
  }
  return args === undefined || args === null ? {} : args;
}

/** Reject with TOOL_TIMEOUT when `p` has not settled within `ms`. */
export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new GlasshouseError('TOOL_TIMEOUT', `${what} did not finish within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/**
 * One tool call at a time per episode: calls run in the order they were made, each after the
 * previous one has finished (including its world effects), and `drain()` waits for all of them, so
 * the episode cannot be graded while a call is still changing the world.
 */
export class CallQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  get size(): number {
    return this.pending;
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    this.pending++;
    const next = this.tail.then(fn, fn);
    this.tail = next.then(
      () => this.pending--,
      () => this.pending--,
    );
    return next;
  }

  /** Resolves once every call queued so far (and any queued while waiting) has finished. */
  async drain(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}

export type ArgsCheck = { ok: true; value: unknown } | { ok: false; problem: string; shown: unknown };

/**
 * Tool arguments as plain JSON data, copied once: what is recorded is exactly what the tool gets.
 * Cycles, BigInt, functions, symbols, non-finite numbers, `toJSON` methods, accessors and class
 * instances are refused (JSON would record something other than what ran, or throw); `shown` is a
 * readable, serialisable rendering for the record with the offending parts marked.
 */
export function checkToolArgs(value: unknown): ArgsCheck {
  const problems: string[] = [];
  const seen = new Set<object>();
  const walk = (v: unknown, path: string, depth: number): unknown => {
    const bad = (why: string, shown: string): string => {
      problems.push(`${path || '(root)'}: ${why}`);
      return shown;
    };
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : bad('not a finite number', `[${String(v)}]`);
    if (typeof v === 'bigint') return bad('BigInt is not JSON', `[BigInt ${v.toString()}]`);
    if (typeof v === 'undefined') return bad('undefined is not JSON', '[undefined]');
    if (typeof v === 'function') return bad('a function is not JSON', '[function]');
    if (typeof v === 'symbol') return bad('a symbol is not JSON', '[symbol]');
    const o = v as object;
    if (seen.has(o)) return bad('cyclic reference', '[Circular]');
    if (depth > 64) return bad('nested too deeply', '[too deep]');
    seen.add(o);
    try {
      if (Array.isArray(o)) return o.map((x, i) => walk(x, `${path}[${i}]`, depth + 1));
      const proto = Object.getPrototypeOf(o) as unknown;
      if (proto !== Object.prototype && proto !== null)
        return bad(`a ${(o as { constructor?: { name?: string } }).constructor?.name ?? 'class'} instance is not plain JSON`, '[object]');
      const out: Record<string, unknown> = {};
      for (const key of Reflect.ownKeys(o)) {
        if (typeof key === 'symbol') continue;
        const d = Object.getOwnPropertyDescriptor(o, key);
        if (!d || !d.enumerable) continue;
        const p = path ? `${path}.${key}` : key;
        if (key === 'toJSON') {
          problems.push(`${p}: a toJSON method changes what would be recorded`);
          out[key] = '[toJSON]';
          continue;
        }
        if (d.get || d.set) {
          problems.push(`${p}: accessor properties are not plain JSON`);
          out[key] = '[accessor]';
          continue;
        }
        if (d.value === undefined) continue;
        out[key] = walk(d.value, p, depth + 1);
      }
      return out;
    } finally {
      seen.delete(o);
    }
  };
  const shown = walk(value, '', 0);
  return problems.length ? { ok: false, problem: problems.slice(0, 5).join('; '), shown } : { ok: true, value: shown };
}
