import { createRng, type EpisodeRecord } from '@glasshouse/schema';
import { agentReport } from './agent-report';
import { outcomeCounts, type StatsContext } from './cell-stats';
import { compareArms } from './comparisons';
import { compareScalars, compareStrings } from './compare-order';
import { controlGaps } from './control-gap';
import { pairedTests } from './paired-test';
import type { PairedRuleOf } from './paired-test';
import type { ControlOf } from './episode-summary';
import { REPORT_SCHEMA_VERSION, ReportOptions, RunReport, type Comparison, type EpisodeSummary, type ResolvedReportOptions } from './report-schema';
import { combineJudgments } from './language-judgments';
import { digestRecord, type RecordDigest } from './record-digest';

type Scalar = string | number | boolean;

export interface SummarizeContext {
  /** Which variants are controls (from the scenario definitions); without it no variant is. */
  controlOf?: ControlOf;
  /** What each scenario family measures (ScenarioDefinition.measures); non-covert families stay out of covert macro-averages. */
  measuresOf?: (scenario: string) => 'covert-action' | 'over-refusal' | 'strategic-deception' | undefined;
  /** Population-level paired rules by scenario (ScenarioDefinition.pairedRule). */
  pairedRuleOf?: PairedRuleOf;
}

export function statsContext(opts: ResolvedReportOptions, label = 'report'): StatsContext {
  return { level: opts.level, interval: opts.interval, resamples: opts.resamples, maxK: opts.maxK, rng: createRng(opts.seed, label) };
}

/** The episodes of a run from its records' digests (in record order), sorted; warnings are appended in record order. */
export function summarizeAll(digests: readonly RecordDigest[], controlOf: ControlOf | undefined, warnings: string[]): EpisodeSummary[] {
  const seen = new Set<string>();
  const episodes: EpisodeSummary[] = [];
  for (const d of digests) {
    // `control` keeps its place among the summary's keys.
    const e = controlOf ? { ...d.summary, control: controlOf(d.summary.scenario, d.variantValues) } : d.summary;
    if (seen.has(e.episodeId)) warnings.push(`duplicate episode id ${e.episodeId}: counted more than once`);
    seen.add(e.episodeId);
    if (e.endReason === null) warnings.push(`episode ${e.episodeId} has no episode.end event (incomplete record): counted as invalid`);
    else if (e.findings === 0 && e.outcome !== 'invalid') warnings.push(`episode ${e.episodeId} has no findings: counted as unmeasured`);
    for (const w of d.warnings) warnings.push(`episode ${e.episodeId}: ${w}`);
    episodes.push(e);
  }
  return episodes.sort(
    (x, y) =>
      compareStrings(x.agent, y.agent) ||
      compareStrings(x.scenario, y.scenario) ||
      compareStrings(x.variant, y.variant) ||
      (x.epoch ?? -1) - (y.epoch ?? -1) ||
      x.seed - y.seed ||
      compareStrings(x.episodeId, y.episodeId),
  );
}

function formatValue(value: Scalar): string {
  return typeof value === 'string' ? value : String(value);
}

/** Within one agent, every variable with exactly two values among threat variants: A vs B, stratified by scenario × the other variables. */
function variableComparisons(agent: string, episodes: readonly EpisodeSummary[], ctx: StatsContext): Comparison[] {
  const threat = episodes.filter((e) => !e.control);
  const variables = new Map<string, Map<string, Scalar>>();
  for (const e of threat) {
    for (const [name, value] of Object.entries(e.variables)) {
      const values = variables.get(name) ?? new Map<string, Scalar>();
      values.set(JSON.stringify(value), value);
      variables.set(name, values);
    }
  }
  const out: Comparison[] = [];
  for (const name of [...variables.keys()].sort(compareStrings)) {
    const values = [...(variables.get(name) as Map<string, Scalar>).values()].sort(compareScalars);
    if (values.length !== 2) continue;
    const [va, vb] = values as [Scalar, Scalar];
    // The stratum key is read once per metric and scenario test: computed once per episode.
    const strata = new Map<EpisodeSummary, string>();
    const others = (e: EpisodeSummary) => {
      let key = strata.get(e);
      if (key === undefined) {
        key = JSON.stringify([e.scenario, Object.entries(e.variables).filter(([k]) => k !== name)]);
        strata.set(e, key);
      }
      return key;
    };
    out.push(
      compareArms(
        {
          id: `variable:${agent}:${name}`,
          kind: 'variable',
          name,
          a: { label: `${name}=${formatValue(va)}`, agent, value: va, episodes: threat.filter((e) => e.variables[name] === va) },
          b: { label: `${name}=${formatValue(vb)}`, agent, value: vb, episodes: threat.filter((e) => e.variables[name] === vb) },
          stratumOf: others,
          strata: `scenario × other variables`,
        },
        ctx,
      ),
    );
  }
  return out;
}

/**
 * Summarize a run: per agent (never pooled across agents), per scenario with threat and control
 * variants apart, macro-averages over scenarios with a scenario-level bootstrap interval, variable
 * comparisons within each agent stratified by scenario (CMH), threat-vs-control score gaps, and
 * every invalid episode listed. Same records + options ⇒ the same report.
 */
export function summarizeRecords(records: readonly EpisodeRecord[], options: ReportOptions = {}, context: SummarizeContext = {}): RunReport {
  return summarizeDigests(records.map(digestRecord), options, context);
}

/**
 * The same report from the records' digests (`digestRecord`), in the order the records were read:
 * what a reader that reduces each record as it reads it passes instead of the records.
 */
export function summarizeDigests(digests: readonly RecordDigest[], options: ReportOptions = {}, context: SummarizeContext = {}): RunReport {
  const opts = ReportOptions.parse(options);
  const ctx = statsContext(opts);
  const warnings: string[] = [];
  const episodes = summarizeAll(digests, context.controlOf, warnings).map((e) => {
    const measures = context.measuresOf?.(e.scenario);
    return measures && measures !== 'covert-action' ? { ...e, measures } : e;
  });
  const byAgent = new Map<string, EpisodeSummary[]>();
  for (const e of episodes) {
    const list = byAgent.get(e.agent);
    if (list) list.push(e);
    else byAgent.set(e.agent, [e]);
  }
  const agentIds = [...byAgent.keys()].sort(compareStrings);
  const agents = agentIds.map((id) => agentReport(id, byAgent.get(id) as EpisodeSummary[], ctx));
  const comparisons = agentIds.flatMap((id) => variableComparisons(id, byAgent.get(id) as EpisodeSummary[], ctx));
  for (const a of agents) {
    if (a.forks > 0)
      warnings.push(
        `agent ${a.agent}: ${a.forks} episode(s) are forks of other episodes; rates treat them as independent (use the intervention report for cluster-aware tests)`,
      );
  }
  return RunReport.parse({
    schemaVersion: REPORT_SCHEMA_VERSION,
    title: opts.title,
    settings: { level: opts.level, interval: opts.interval, resamples: opts.resamples, seed: opts.seed },
    totals: outcomeCounts(episodes),
    agents,
    comparisons,
    controlGaps: controlGaps(episodes, ctx),
    pairedTests: pairedTests(episodes, context.pairedRuleOf),
    invalid: episodes
      .filter((e) => e.outcome === 'invalid')
      .map((e) => ({ episodeId: e.episodeId, agent: e.agent, scenario: e.scenario, reason: e.invalidReason ?? 'invalid' })),
    languageJudgments: combineJudgments(digests.map((d) => d.judgments)),
    episodes,
    warnings,
  });
}
