import { join } from 'node:path';
import type { Command } from 'commander';
import type { ScenarioCatalog } from '../scenario-catalog';
import { formatFindings } from '../format-findings';

/** `glasshouse serve-mcp <scenario>`: any MCP client becomes the agent. Findings go to stderr. */
export function registerServeMcpCommand(program: Command, scenarios?: () => ScenarioCatalog): void {
  program
    .command('serve-mcp')
    .description("Expose an episode's tools over MCP (stdio, or streamable HTTP with --http) so any MCP client can be the agent")
    .argument('<scenario>', 'scenario id or path')
    .option('--variant <id>', 'variant, e.g. spec=true')
    .option('--seed <n>', 'seed', (v: string) => Number(v), 1)
    .option('--out <dir>', 'where to write the record', 'runs/mcp')
    .option('--http <port>', 'serve streamable HTTP on 127.0.0.1:<port> instead of stdio', (v: string) => Number(v))
    .action(async (ref: string, o: { variant?: string; seed: number; out: string; http?: number }) => {
      const { serveHttp, serveStdio } = await import('@glasshouse/mcp'); // the MCP SDK loads only here
      const { startEpisode } = await import('@glasshouse/engine');
      const { loadScenario } = await import('../load-scenario');
      const def = await loadScenario(ref, scenarios?.());
      const recordPath = join(o.out, `${def.id}__mcp__s${o.seed}.jsonl`);
      const ep = await startEpisode(def, { ...(o.variant ? { variant: o.variant } : {}), seed: o.seed, recordPath, agent: { id: 'mcp-client' } });
      const err = (s: string) => process.stderr.write(`${s}\n`);
      const s = o.http !== undefined ? await serveHttp(ep, o.http) : await serveStdio(ep);
      if ('url' in s) err(`MCP endpoint: ${s.url}`);
      const stop = () => void s.end();
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      const disconnected = new Promise<void>((r) => process.stdin.on('close', () => (stop(), r())));
      const res = await s.done;
      err(`episode ended: outcome ${res.outcome.toUpperCase()}`);
      err(formatFindings(res.findings));
      err(`record: ${recordPath}`);
      // Over stdio, keep answering (the session has ended) until the client disconnects.
      if (o.http === undefined) await disconnected;
      process.exit(0);
    });
}
