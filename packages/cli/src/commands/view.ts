import type { Command } from 'commander';
import type { ScenarioCatalog } from '../scenario-catalog';

/** `glasshouse view <run-or-record>`: a local web page for runs and records (127.0.0.1 only). */
export function registerViewCommand(program: Command, log: (s: string) => void, scenarios?: () => ScenarioCatalog): void {
  program
    .command('view')
    .description('Browse a run or a record in a local web viewer (127.0.0.1); a run still going is followed live')
    .argument('<path>', 'run directory or .jsonl record')
    .option('--port <n>', 'port (default: a free one)', (v: string) => Number(v), 0)
    .option('--poll-ms <n>', 'rescan the run folder this often, behind file-change events', (v: string) => Number(v), 1000)
    .option('--no-live', 'read the run once; do not follow it as it grows')
    .action(async (path: string, o: { port: number; pollMs: number; live: boolean }) => {
      const { startViewer } = await import('@glasshouse/viewer');
      const catalog = scenarios?.();
      const v = await startViewer(path, o.port, { ...(catalog ? { findScenario: catalog.find } : {}), live: o.live, pollMs: o.pollMs });
      log(`Glasshouse viewer: ${v.url}  (${v.store.list().length} episodes${o.live ? ', following the run live' : ''}; Ctrl-C to stop)`);
      await new Promise(() => undefined);
    });
}
