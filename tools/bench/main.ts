import { table } from './stats';
import { benchFoundation } from './foundation';
import { benchRuns } from './runs';
import { benchRecordGrowth, growthTable } from './record-growth';
import { benchSideBySide } from './side-by-side';
import { benchThroughput, throughputTable } from './throughput';
import { benchManifest } from './manifest';
import { benchQueue } from './queue';
import { benchMatrixScale, scaleTable } from './matrix-scale';

/**
 * `pnpm bench` — prints benchmark tables (markdown) to stdout. `--quick` runs fewer iterations;
 * `--only foundation,runs,manifest,queue,side,throughput` runs some sections. `--only=scale` (never by
 * default: minutes, gigabytes) runs a 100,000-episode matrix end to end. Results are copied into
 * docs/benchmarks.md together with this command.
 */
async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
  const run = (section: string) => !onlyArg || onlyArg.split(',').includes(section);
  const out: string[] = [];
  const say = (s: string) => {
    out.push(s);
    process.stdout.write(`${s}\n`);
  };
  say(
    `# Glasshouse benchmarks\n\nnode ${process.version}, ${process.platform}/${process.arch}, ${(await import('node:os')).cpus().length} cores${quick ? ', --quick' : ''}\n`,
  );
  if (run('foundation')) {
    say('## Foundation (issue #2)\n');
    const f = await benchFoundation({ quick });
    say(table(f.rows));
    say('\n| memory | value |\n|---|---|');
    for (const m of f.memory) say(m);
  }
  if (run('runs')) {
    say('\n## Runs and reports (issue #5)\n');
    say(table(await benchRuns({ quick })));
    say('\n## Record growth per step (issue #15 target 6)\n');
    const g = await benchRecordGrowth({ quick });
    say(table(g.rows));
    say('');
    say(growthTable(g.growth, g.appendToMb));
  }
  if (run('manifest')) {
    say('\n## Manifest cost per episode, 1k vs 100k (issues #13, #15)\n');
    say(table(await benchManifest({ quick })));
  }
  if (run('queue')) {
    say('\n## Queue overhead per episode (issue #13)\n');
    const q = await benchQueue({ quick });
    say(typeof q === 'string' ? q : table(q));
  }
  if (run('side')) {
    say('\n## Side by side (issue #15.7)\n');
    const sbs = await benchSideBySide({ quick });
    say(table(sbs.rows));
    for (const note of sbs.notes) say(`\n- ${note}`);
  }
  if (run('throughput')) {
    say('\n## Throughput through the CLI (issue #15.1)\n');
    say(throughputTable(benchThroughput({ quick })));
  }
  if (onlyArg?.split(',').includes('scale')) {
    say('\n## A 100,000-episode matrix against a 1,000-episode one (issue #15.2)\n');
    say(scaleTable(benchMatrixScale({ quick })));
  }
}

await main();
