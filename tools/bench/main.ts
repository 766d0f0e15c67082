import { table } from './stats';
import { benchFoundation } from './foundation';
import { benchRuns } from './runs';
import { benchSideBySide } from './side-by-side';
import { benchThroughput, throughputTable } from './throughput';
import { benchManifest } from './manifest';
import { benchQueue } from './queue';

/**
 * `pnpm bench` — prints benchmark tables (markdown) to stdout. `--quick` runs fewer iterations.
 * Results are copied into docs/benchmarks.md together with this command.
 */
async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const out: string[] = [];
  const say = (s: string) => {
    out.push(s);
    process.stdout.write(`${s}\n`);
  };
  say(
    `# Glasshouse benchmarks\n\nnode ${process.version}, ${process.platform}/${process.arch}, ${(await import('node:os')).cpus().length} cores${quick ? ', --quick' : ''}\n`,
  );
  say('## Foundation (issue #2)\n');
  const f = await benchFoundation({ quick });
  say(table(f.rows));
  say('\n| memory | value |\n|---|---|');
  for (const m of f.memory) say(m);
  say('\n## Runs and reports (issue #5)\n');
  say(table(await benchRuns({ quick })));
  say('\n## Manifest cost per episode, 1k vs 100k (issues #13, #15)\n');
  say(table(await benchManifest({ quick })));
  say('\n## Queue overhead per episode (issue #13)\n');
  const q = await benchQueue({ quick });
  say(typeof q === 'string' ? q : table(q));
  say('\n## Side by side (issue #15.7)\n');
  const sbs = await benchSideBySide({ quick });
  say(table(sbs.rows));
  for (const note of sbs.notes) say(`\n- ${note}`);
  say('\n## Throughput through the CLI (issue #15.1)\n');
  say(throughputTable(benchThroughput({ quick })));
}

await main();
