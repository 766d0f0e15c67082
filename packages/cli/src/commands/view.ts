import type { Command } from 'commander';
import type { ScenarioCatalog } from '../scenario-catalog';

/** `glasshouse view <run-or-record>`: a local web page for runs and records (127.0.0.1 only). */
export function registerViewCommand(program: Command, log: (s: string) => void, scenarios?: () => ScenarioCatalog): void {
  program
    .command('view')
    .description('Browse a run or a record in a local web viewer (127.0.0.1)')
    .argument('<path>', 'run directory or .jsonl record')
    .option('--port <n>', 'port (default: a free one)', (v: string) => Number(v), 0)
    .action(async (path: string, o: { port: number }) => {
      const { startViewer } = await import('@glasshouse/viewer');
      const catalog = scenarios?.();
      const v = await startViewer(path, o.port, catalog ? { findScenario: catalog.find } : {});
      log(`Glasshouse viewer: ${v.url}  (${v.store.list().length} episodes; Ctrl-C to stop)`);
      await new Promise(() => undefined);
    });
}
