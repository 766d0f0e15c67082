import type { z } from 'zod';
import { GlasshouseError, toGlasshouseError } from '@glasshouse/schema';
import { describeIssues, ToolError } from '@glasshouse/tools';
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
    const out = await withTimeout(Promise.resolve(tool.handler(input.data, ctx)), tool.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS, name);
    if (typeof out === 'string') return { content: out, isError: false };
    return { content: out.content, isError: out.isError ?? false, ...(out.errorCode ? { errorCode: out.errorCode } : {}) };
  } catch (err) {
    if (err instanceof ToolError) return { content: err.message, isError: true, errorCode: err.code };
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
