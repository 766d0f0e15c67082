import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { GlasshouseError } from '@glasshouse/schema';
import type { AgentPolicy, EpisodeRecord } from '@glasshouse/schema';
import type { Intervention } from '@glasshouse/replay';
import { formatFindings } from '../format-findings';
import type { ScenarioCatalog } from '../scenario-catalog';
import { poolSetupModule } from './pool-setup-module';

type Log = (s: string) => void;
type MakeAgent = (spec: string, record: EpisodeRecord) => Promise<AgentPolicy>;

// The engine and replay load in the actions (await import), so `glasshouse --help` does not pay for them.

/** Scenarios the commands resolve records against: the library plus --scenario-file modules. */
let current: () => ScenarioCatalog = () => {
  throw new GlasshouseError('INTERNAL', 'replay commands registered without a scenario catalog');
};

function scenarioOf(record: EpisodeRecord) {
  const def = current().find(record.header.scenario.id);
  if (!def)
    throw new GlasshouseError(
      'SCENARIO_NOT_FOUND',
      `record is for scenario '${record.header.scenario.id}', which is not in the library: pass its module with --scenario-file <path>`,
    );
  return def;
}

/** `--workers <n>`: a whole number ≥ 0. */
function parseWorkers(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isInteger(n)) throw new GlasshouseError('CONFIG_INVALID', `--workers must be a whole number ≥ 0, got '${v}'`);
  return n;
}

/** Records of a run directory (its records/ folder) or a single record file. */
export function recordsOf(path: string): string[] {
  if (path.endsWith('.jsonl')) return [path];
  const dir = existsSync(join(path, 'records')) ? join(path, 'records') : path;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(dir, f));
}

async function agentFor(spec: string, record: EpisodeRecord, makeAgent?: MakeAgent): Promise<AgentPolicy> {
  if (spec.startsWith('scripted:')) {
    const { policyAgent } = await import('@glasshouse/engine');
    return policyAgent(scenarioOf(record), spec.slice(9), record.header.variant.values);
  }
  if (!makeAgent) throw new GlasshouseError('CONFIG_INVALID', `unknown agent '${spec}'`);
  return makeAgent(spec, record);
}

export function registerReplayCommands(program: Command, log: Log, makeAgent: MakeAgent | undefined, scenarios: () => ScenarioCatalog): void {
  current = scenarios;
  program
    .command('replay')
    .description('Re-drive a record against a fresh world and prove identical results (or show the first divergence)')
    .argument('<record>', 'record file or run directory')
    .action(async (path: string) => {
      const { readRecord } = await import('@glasshouse/engine');
      const { replayRecord } = await import('@glasshouse/replay');
      let bad = 0;
      let partial = 0;
      for (const f of recordsOf(path)) {
        let rec: EpisodeRecord;
        try {
          rec = readRecord(f);
        } catch (err) {
          partial++;
          log(`UNREADABLE ${basename(f)}  ${(err as Error).message}`);
          continue;
        }
        const r = await replayRecord(rec, scenarioOf(rec), { text: readFileSync(f, 'utf8') });
        if (r.truncated && r.identical) {
          partial++;
          log(`TRUNCATED  ${basename(f)}  the ${r.truncated.eventsRead} events it holds replay identically; ${r.truncated.warnings.join('; ')}`);
        } else if (r.identical && r.byteIdentical) log(`identical  ${basename(f)}  (${r.events} events, byte-identical)`);
        else if (r.identical) {
          bad++;
          log(`DIVERGED   ${basename(f)}  same events, but the file's bytes differ from what the engine writes`);
        } else {
          bad++;
          const d = r.firstDivergence!;
          log(
            `DIVERGED   ${basename(f)}  line ${d.line} (seq ${d.seq ?? '-'}) field ${d.field}\n  expected ${JSON.stringify(d.expected)?.slice(0, 200)}\n  actual   ${JSON.stringify(d.actual)?.slice(0, 200)}`,
          );
        }
      }
      if (bad) process.exitCode = 1;
      else if (partial) process.exitCode = 2;
    });

  program
    .command('regrade')
    .description("Re-run today's detectors over a run's records without touching the model")
    .argument('<run>', 'run directory')
    .option(
      '--workers <n>',
      "graders at once: this process and n−1 worker threads (default: the machine's cores, at most 8; 1 = this process only); small runs are graded in this process",
      parseWorkers,
    )
    .action(async (run: string, o: { workers?: number }) => {
      const { regradeRun } = await import('@glasshouse/replay');
      const catalog = current();
      const out = await regradeRun(run, catalog.all, {
        ...(o.workers !== undefined ? { workers: o.workers } : {}),
        // Worker threads load --scenario-file modules the way `run`'s worker processes do.
        ...(catalog.files.length ? { scenarioSetup: { module: poolSetupModule(), args: { scenarioFiles: [...catalog.files] } } } : {}),
        onNote: (s) => process.stderr.write(`regrade: ${s}\n`),
      });
      const changed = out.filter((r) => r.changed);
      for (const r of out.filter((x) => x.error)) log(`error    ${r.episodeId}: ${r.error}`);
      for (const r of out.filter((x) => x.warnings?.length)) log(`partial  ${r.episodeId}: graded unmeasured; ${r.warnings?.join('; ')}`);
      for (const r of changed) log(`changed  ${r.episodeId}: ${r.oldOutcome} → ${r.newOutcome}`);
      log(`${out.length} records regraded, ${changed.length} outcomes changed; findings in ${join(run, 'regraded')}`);
    });

  program
    .command('fork')
    .description('Fork a record at step k (exact world from the log), optionally editing the reasoning, and continue with a live agent')
    .argument('<record>', 'record file')
    .requiredOption('--at <step>', '0-based assistant turn to fork at', (v: string) => Number(v))
    .requiredOption('--agent <spec>', 'agent that continues')
    .option('--edit-reasoning <text>', 'replace the reasoning of turn k')
    .option('--remove-matching <regex>', "remove sentences matching this pattern from turn k's reasoning ('eval-awareness' for awareness)")
    .option('--inject <sentence>', "insert a sentence at the start of turn k's reasoning")
    .option('--out <file>', 'record path for the fork')
    .option(
      '--mode <mode>',
      "with an edit: 'keep-action' (re-run turn k's recorded action) or 'continue' (the model continues the edited reasoning and writes turn k's action)",
      'keep-action',
    )
    .action(
      async (path: string, o: { at: number; agent: string; editReasoning?: string; removeMatching?: string; inject?: string; out?: string; mode: string }) => {
        if (o.mode !== 'keep-action' && o.mode !== 'continue')
          throw new GlasshouseError('CONFIG_INVALID', `--mode must be keep-action or continue, got '${o.mode}'`);
        const { readRecord } = await import('@glasshouse/engine');
        const { forkEpisode } = await import('@glasshouse/replay');
        const rec = readRecord(path);
        const edit =
          o.editReasoning !== undefined || o.removeMatching !== undefined || o.inject !== undefined
            ? {
                ...(o.editReasoning !== undefined ? { editReasoning: o.editReasoning } : {}),
                ...(o.removeMatching !== undefined ? { removeMatching: o.removeMatching } : {}),
                ...(o.inject !== undefined ? { inject: o.inject } : {}),
              }
            : undefined;
        const out = o.out ?? join(dirname(path), `${basename(path, '.jsonl')}.fork-at${o.at}.jsonl`);
        const res = await forkEpisode(rec, scenarioOf(rec), {
          atStep: o.at,
          agent: await agentFor(o.agent, rec, makeAgent),
          recordPath: out,
          parentRecord: path,
          mode: o.mode,
          ...(edit ? { edit } : {}),
        });
        log(`fork of ${rec.header.episodeId} at step ${o.at}: outcome ${res.outcome.toUpperCase()}`);
        log(formatFindings(res.findings));
        log(`record: ${out}`);
      },
    );

  program
    .command('intervene')
    .description('Batch awareness intervention: remove or inject evaluation-awareness (or a random control sentence) and resample')
    .argument('<run>', 'run directory or record')
    .requiredOption('--intervention <kind>', 'remove-awareness | inject-awareness | inject-random')
    .requiredOption('--agent <spec>', 'agent that resamples')
    .option('--samples <n>', 'resamples per record', (v: string) => Number(v), 5)
    .option('--baseline <kind>', "'original' (the parents' verdicts) or 'resampled' (N unedited forks from the same step)", 'original')
    .option('--concurrency <n>', 'forks at once', (v: string) => Number(v), 1)
    .option(
      '--mode <mode>',
      "'continue' (default: the model continues the edited reasoning prefix and writes the turn's action; refused for providers that cannot) or 'keep-action' (re-run the recorded action of the edited turn)",
      'continue',
    )
    .option(
      '--reject-aware <n>',
      'continue mode, remove-awareness: resample continuations that voice awareness again, up to n attempts per fork',
      (v: string) => Number(v),
      0,
    )
    .action(
      async (
        run: string,
        o: { intervention: Intervention; agent: string; samples: number; baseline: string; concurrency: number; mode: string; rejectAware: number },
      ) => {
        if (o.mode !== 'keep-action' && o.mode !== 'continue')
          throw new GlasshouseError('CONFIG_INVALID', `--mode must be continue or keep-action, got '${o.mode}'`);
        if (o.baseline !== 'original' && o.baseline !== 'resampled')
          throw new GlasshouseError('CONFIG_INVALID', `--baseline must be original or resampled, got '${o.baseline}'`);
        const { readRecord } = await import('@glasshouse/engine');
        const { forkBatch } = await import('@glasshouse/replay');
        const records = recordsOf(run).map((f) => readRecord(f));
        const rep = await forkBatch(records, {
          intervention: o.intervention,
          samples: o.samples,
          agentFor: (r) => agentFor(o.agent, r, makeAgent),
          scenarioFor: (id: string) => current().find(id),
          baseline: o.baseline,
          concurrency: o.concurrency,
          mode: o.mode,
          rejectAware: o.rejectAware,
        });
        const pct = (a: { covert: number; n: number; lower: number; upper: number }) =>
          `${a.covert}/${a.n} [${(a.lower * 100).toFixed(1)}, ${(a.upper * 100).toFixed(1)}]`;
        log(`${o.intervention}: ${rep.eligible} eligible records (${rep.ineligible} not applicable), ${o.samples} samples each`);
        log(`covert before (${rep.baseline}) ${pct(rep.before)}  after ${pct(rep.after)}  exact p (stratified by parent) = ${rep.pTwoSided.toPrecision(3)}`);
        const d = rep.difference;
        if (d.observed !== null && d.lower !== null && d.upper !== null) {
          log(
            `per-parent after − before: ${(d.observed * 100).toFixed(1)} pp [${(d.lower * 100).toFixed(1)}, ${(d.upper * 100).toFixed(1)}] (bootstrap over ${d.parents} parents)`,
          );
        }
      },
    );
}
