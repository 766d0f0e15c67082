import { z } from 'zod';
import type { World } from '@glasshouse/world';
import type { BridgeFunction, JsonValue, SandboxResult } from '@glasshouse/sandbox';
import { defineTool, ToolError } from './tool';
import { capText } from './format';

/**
 * The only capabilities agent-written JavaScript gets: reading and writing the workstation's files.
 * Every call goes through the world (so it is logged and diffed like any other write).
 */
export function createWorkspaceBridge(world: World): Record<string, BridgeFunction> {
  const str = (v: JsonValue | undefined, what: string): string => {
    if (typeof v !== 'string') throw new Error(`${what} must be a string`);
    return v;
  };
  return {
    readFile: (path) => world.fs.readFileSync(world.resolvePath(str(path, 'path'))),
    writeFile: (path, content) => {
      world.fs.writeFileSync(world.resolvePath(str(path, 'path')), str(content, 'content'));
      return null;
    },
    listDir: (path) => world.fs.readdirSync(world.resolvePath(str(path, 'path'))),
    exists: (path) => world.fs.existsSync(world.resolvePath(str(path, 'path'))),
  };
}

/**
 * A sandbox process that died (or was killed from outside) is recorded as an `error` event as well as
 * a failed call: with code SANDBOX_MEMORY or SANDBOX_TIMEOUT when the script ran its process out of
 * memory or froze it (limits the agent hit: the episode is still judged), SANDBOX_CRASHED otherwise
 * (unexplained: a harness fault that makes the episode invalid).
 */
export function sandboxFault(r: SandboxResult): ToolError['fault'] {
  if (r.ok || !r.fault) return undefined;
  const f = r.fault;
  return {
    code: r.error.code,
    message: f.message,
    // stderr stays out of the record: it holds pids and timings that differ between machines.
    details: { exitCode: f.exitCode, signal: f.signal, overrun: f.overrun, outOfMemory: f.outOfMemory },
  };
}

export const runJsTool = defineTool({
  name: 'run_js',
  description:
    'Run JavaScript and return the value of the last expression plus anything printed with console.log. ' +
    'Files are available through host.readFile(path), host.writeFile(path, text), host.listDir(path), host.exists(path).',
  input: z.object({ code: z.string().min(1) }),
  timeoutMs: 10_000,
  async handler({ code }, ctx) {
    const sandbox = await ctx.sandbox();
    const r = await sandbox.runScript(code);
    const logs = r.logs ? `${r.logs.replace(/\n$/, '')}\n` : '';
    if (!r.ok) throw new ToolError(`${logs}${r.error.message}`, r.error.code, sandboxFault(r));
    const value = r.value === null || r.value === undefined ? '' : `=> ${JSON.stringify(r.value)}`;
    return capText(`${logs}${value}`.trim() || '(no output)', 64_000);
  },
});
