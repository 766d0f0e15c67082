import { writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { GlasshouseError } from '@glasshouse/schema';
import type { RecordDigest, ReportOptions, SummarizeContext } from '@glasshouse/report';
import type { ScenarioDefinition } from '@glasshouse/engine';
import type { RunDigests, SummarizedRun } from '../run-digests';
import { recordsOf } from './replay-fork';

type Log = (s: string) => void;
/** The scenario definitions the report judges control variants by (the CLI's catalog). */
type Library = () => Promise<readonly ScenarioDefinition[]>;

export interface ReportCommandOptions {
  before?: string;
  after?: string;
  out?: string;
  seed: number;
  resamples: number;
  interval: 'clopper-pearson' | 'wilson';
}

/** Warnings about a run's unreadable (skipped) and partly read records, on stderr. */
const warn = ({ digests, skipped }: RunDigests): RecordDigest[] => {
  for (const s of skipped) process.stderr.write(`warning: skipped ${s.path}: ${s.message}\n`);
  for (const d of digests) if (d.warnings.length) process.stderr.write(`warning: ${d.summary.episodeId} read in part: ${d.warnings.join('; ')}\n`);
  return digests;
};

/**
 * `glasshouse report <run>`: per-agent tables; with `--before A --after B` the two agents of the run
 * compared. `glasshouse report <runA> <runB>`: before → after. Writes JSON and HTML next to the
 * terminal table and returns the paths.
 */
export async function reportCommand(runs: readonly string[], o: ReportCommandOptions, log: Log, library?: Library): Promise<string[]> {
  if (runs.length === 0 || runs.length > 2) throw new GlasshouseError('CONFIG_INVALID', 'give one run (report) or two runs (before → after)');
  if ((o.before === undefined) !== (o.after === undefined)) throw new GlasshouseError('CONFIG_INVALID', 'give both --before and --after, or neither');
  // What the report reads of each record (read and validated as `readRecords` does, one record at a
  // time); large runs in worker threads, which start reading while the library and report code load
  // here (not when the command is registered: `glasshouse --help` stays light).
  const { readRunDigests, reportPool, summarizeRun } = await import('../run-digests');
  const runPaths = (runs.length === 2 ? runs : [runs[0] as string]).map(recordsOf);
  const pool = reportPool(runPaths.reduce((n, p) => n + p.length, 0));
  try {
    const reading = runPaths.map((paths) => readRunDigests(paths, pool));
    for (const r of reading) r.catch(() => {}); // awaited below; a failure must not count as unhandled meanwhile
    return await reportFrom(runs, o, log, reading, (digests, options, context) => summarizeRun(digests, options, context, pool, true), library);
  } finally {
    await pool?.close();
  }
}

async function reportFrom(
  runs: readonly string[],
  o: ReportCommandOptions,
  log: Log,
  reading: Promise<RunDigests>[],
  summarize: (digests: readonly RecordDigest[], options: ReportOptions, context: SummarizeContext) => Promise<SummarizedRun>,
  library?: Library,
): Promise<string[]> {
  // Control variants, paired rules and what each family measures come from the scenario
  // definitions: the library plus the run's --scenario-file modules (a user scenario's control
  // variants are control variants in its report too).
  const SCENARIOS = library ? await library() : (await import('@glasshouse/scenarios')).SCENARIOS;
  const { controlOfLibrary, measuresOfLibrary, pairedRuleOfLibrary } = await import('../control-of');
  const { compareRunDigests, renderComparisonHtml, renderComparisonJson, renderComparisonTerminal, renderHtml, renderJson, renderTerminal } = await import(
    '@glasshouse/report'
  );
  const settings = { seed: o.seed, resamples: o.resamples, interval: o.interval };
  const controlOf = controlOfLibrary(SCENARIOS);
  const pairedRuleOf = pairedRuleOfLibrary(SCENARIOS);
  const measuresOf = measuresOfLibrary(SCENARIOS);
  const agents = o.before && o.after ? { before: o.before, after: o.after } : undefined;
  if (runs.length === 1 && !agents) {
    const run = runs[0] as string;
    const { report, episodesJson } = await summarize(
      warn(await (reading[0] as Promise<RunDigests>)),
      { ...settings, title: `Glasshouse run ${basename(resolve(run))}` },
      { controlOf, pairedRuleOf, measuresOf },
    );
    const out = o.out ?? run;
    writeFileSync(join(out, 'report.json'), renderJson(report, episodesJson === undefined ? undefined : { episodes: episodesJson }));
    writeFileSync(join(out, 'report.html'), renderHtml(report));
    log(renderTerminal(report));
    log(`report: ${join(out, 'report.html')} (and report.json)`);
    return [join(out, 'report.json'), join(out, 'report.html')];
  }
  const [runA, runB] = runs.length === 2 ? (runs as [string, string]) : [runs[0] as string, runs[0] as string];
  let before = warn(await (reading[0] as Promise<RunDigests>));
  // one run with --before/--after: read once
  let after = runs.length === 2 ? warn(await (reading[1] as Promise<RunDigests>)) : before;
  if (runs.length === 1 && agents) {
    before = before.filter((d) => d.summary.agent === agents.before);
    after = after.filter((d) => d.summary.agent === agents.after);
  }
  const labels = runs.length === 2 ? { before: basename(resolve(runA)), after: basename(resolve(runB)) } : { before: 'before', after: 'after' };
  const report = compareRunDigests(
    before,
    after,
    { ...settings, title: `Glasshouse: ${labels.before} → ${labels.after}`, ...(agents ? { agents } : {}) },
    { controlOf, labels },
  );
  const out = o.out ?? (runs.length === 2 ? runB : runA);
  writeFileSync(join(out, 'comparison.json'), renderComparisonJson(report));
  writeFileSync(join(out, 'comparison.html'), renderComparisonHtml(report));
  log(renderComparisonTerminal(report));
  log(`report: ${join(out, 'comparison.html')} (and comparison.json)`);
  return [join(out, 'comparison.json'), join(out, 'comparison.html')];
}

export function registerReportCommand(program: Command, log: Log, library?: Library): void {
  program
    .command('report')
    .description('Per-agent tables for a run, or before → after for two runs (report.json/html or comparison.json/html)')
    .argument('<runs...>', 'run directory; give two for before → after')
    .option('--before <agent>', 'one run: agent id of the "before" arm')
    .option('--after <agent>', 'one run: agent id of the "after" arm (two runs: pick these agents when runs hold several)')
    .option('--out <dir>', 'where to write the JSON and HTML (default: the (last) run directory)')
    .option('--seed <n>', 'bootstrap seed', (v: string) => Number(v), 0)
    .option('--resamples <n>', 'bootstrap resamples', (v: string) => Number(v), 10_000)
    .option('--interval <method>', 'per-cell interval: clopper-pearson | wilson', 'clopper-pearson')
    .action(async (runs: string[], o: ReportCommandOptions) => {
      if (o.interval !== 'clopper-pearson' && o.interval !== 'wilson')
        throw new GlasshouseError('CONFIG_INVALID', `--interval must be clopper-pearson or wilson, got '${String(o.interval)}'`);
      await reportCommand(runs, o, log, library);
    });
}
