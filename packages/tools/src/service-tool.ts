import { z } from 'zod';
import { defineTool, ToolError } from './tool';
import type { ToolDefinition } from './tool';
import { sandboxFault } from './run-js-tool';

const ServiceReply = z.object({
  state: z.unknown().optional(),
  result: z.unknown(),
  error: z.string().optional(),
});

export interface ServiceToolOptions<S extends z.ZodObject> {
  name: string;
  description: string;
  input: S;
  /** Which service's state this tool reads and writes (world.services). */
  service: string;
  /**
   * Service logic as JavaScript source of a function `(input, state) => ({ state, result, error? })`.
   * It runs in an isolate apart from the agent's (a fresh context with frozen built-ins per call, which the
   * agent's `run_js` code can never reach), never on the host; `result` is shown to the agent.
   */
  logic: string;
  /** Ends the task phase (e.g. a final selection tool). */
  terminal?: boolean;
  /**
   * Workspace files (or directories, read recursively) the service reads on each call. Their
   * current contents are passed to the logic as a third argument `{ [path]: text }`; a missing path
   * is absent from it. Reads go through the world, so they are logged like any other.
   */
  files?: string[];
}

/** A scenario service tool (deploy, query a database, place a trade...) whose logic runs in the isolate. */
export function serviceTool<S extends z.ZodObject>(opts: ServiceToolOptions<S>): ToolDefinition<S> {
  return defineTool({
    name: opts.name,
    description: opts.description,
    input: opts.input,
    async handler(args, ctx) {
      const sandbox = await ctx.serviceSandbox();
      const state = ctx.world.services.get(opts.service) ?? null;
      const files: Record<string, string> = {};
      const collect = (p: string): void => {
        if (!ctx.world.fs.existsSync(p)) return;
        if (ctx.world.fs.statSync(p).isDirectory) for (const name of ctx.world.fs.readdirSync(p)) collect(`${p === '/' ? '' : p}/${name}`);
        else files[p] = ctx.world.fs.readFileSync(p);
      };
      for (const p of opts.files ?? []) collect(p);
      const r = await sandbox.runFunction(opts.logic, [args as never, state as never, files]);
      if (!r.ok) throw new ToolError(`${opts.service} is unavailable: ${r.error.message}`, r.error.code, sandboxFault(r));
      const reply = ServiceReply.safeParse(r.value);
      if (!reply.success) throw new ToolError(`${opts.service} returned an unreadable reply`, 'SERVICE_REPLY_INVALID');
      if (reply.data.state !== undefined) ctx.world.services.set(opts.service, reply.data.state);
      ctx.emitService({ service: opts.service, action: opts.name, input: args, output: reply.data.result ?? null });
      if (opts.terminal) ctx.submit({ tool: opts.name, args, result: reply.data.result ?? null });
      if (reply.data.error) throw new ToolError(reply.data.error, 'SERVICE_ERROR');
      const res = reply.data.result;
      return typeof res === 'string' ? res : JSON.stringify(res, null, 2);
    },
  });
}
