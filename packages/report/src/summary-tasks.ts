import { createRng } from '@glasshouse/schema';
import { agentReport } from './agent-report';
import { outcomeCounts, type StatsContext } from './cell-stats';
import { compareStrings } from './compare-order';
import { controlGaps } from './control-gap';
import type { ControlOf } from './episode-summary';
import { combineJudgments } from './language-judgments';
import { pairedTests, type PairedRuleOf } from './paired-test';
import type { RecordDigest } from './record-digest';
import {
  REPORT_SCHEMA_VERSION,
  ReportOptions,
  type RunReport,
  type AgentReport,
  type Comparison,
  type ControlGap,
  type EpisodeSummary,
  type ResolvedReportOptions,
} from './report-schema';
import { variableComparisons } from './variable-comparisons';

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

/** A run's episodes ready to summarize: sorted, controls and measures applied, with the warnings so far. */
export interface PreparedSummary {
  opts: ResolvedReportOptions;
  episodes: EpisodeSummary[];
  /** Agent ids in report order. */
  agents: string[];
  warnings: string[];
  digests: readonly RecordDigest[];
}

/**
 * The parts of a run report that cost time (bootstrap intervals, permutation tests): each is a pure
 * function of its episodes, the options and its own rng stream (the root forked by a fixed label),
 * so the tasks can run in any order and in any thread and give the same numbers.
 */
export type SummaryTask = { kind: 'agent'; agent: string } | { kind: 'variables'; agent: string } | { kind: 'control-gaps' };
export type SummaryPart =
  | { kind: 'agent'; report: AgentReport }
  | { kind: 'variables'; comparisons: Comparison[] }
  | { kind: 'control-gaps'; gaps: ControlGap[] };

export function prepareSummary(digests: readonly RecordDigest[], options: ReportOptions, context: SummarizeContext): PreparedSummary {
  const opts = ReportOptions.parse(options);
  const warnings: string[] = [];
  const episodes = summarizeAll(digests, context.controlOf, warnings).map((e) => {
    const measures = context.measuresOf?.(e.scenario);
    return measures && measures !== 'covert-action' ? { ...e, measures } : e;
  });
  const agents = [...new Set(episodes.map((e) => e.agent))].sort(compareStrings);
  return { opts, episodes, agents, warnings, digests };
}

/** The tasks of a prepared summary, in the order `finishSummary` takes their parts. */
export function summaryTasks(p: PreparedSummary): SummaryTask[] {
  return [
    ...p.agents.map((agent): SummaryTask => ({ kind: 'agent', agent })),
    ...p.agents.map((agent): SummaryTask => ({ kind: 'variables', agent })),
    { kind: 'control-gaps' },
  ];
}

/** The episodes a task reads (from the run's prepared episodes): its agent's, in order, or the whole run's. */
export function taskEpisodes(episodes: readonly EpisodeSummary[], task: SummaryTask): readonly EpisodeSummary[] {
  return task.kind === 'control-gaps' ? episodes : episodes.filter((e) => e.agent === task.agent);
}

export function runSummaryTask(task: SummaryTask, episodes: readonly EpisodeSummary[], opts: ResolvedReportOptions): SummaryPart {
  const ctx = statsContext(opts);
  switch (task.kind) {
    case 'agent':
      return { kind: 'agent', report: agentReport(task.agent, episodes, ctx) };
    case 'variables':
      return { kind: 'variables', comparisons: variableComparisons(task.agent, episodes, ctx) };
    case 'control-gaps':
      return { kind: 'control-gaps', gaps: controlGaps(episodes, ctx) };
  }
}

/**
 * The parts of the report that are not tasks (totals, paired tests, invalid episodes, language
 * judgments): cheap enough for the main thread, which computes them while workers run the tasks.
 */
export interface SummaryFrame {
  totals: RunReport['totals'];
  pairedTests: RunReport['pairedTests'];
  invalid: RunReport['invalid'];
  languageJudgments: RunReport['languageJudgments'];
}

export function summaryFrame(p: PreparedSummary, context: SummarizeContext): SummaryFrame {
  const { episodes } = p;
  return {
    totals: outcomeCounts(episodes),
    pairedTests: pairedTests(episodes, context.pairedRuleOf),
    invalid: episodes
      .filter((e) => e.outcome === 'invalid')
      .map((e) => ({ episodeId: e.episodeId, agent: e.agent, scenario: e.scenario, reason: e.invalidReason ?? 'invalid' })),
    languageJudgments: combineJudgments(p.digests.map((d) => d.judgments)),
  };
}

/**
 * The report from a prepared summary, its tasks' parts (in `summaryTasks` order) and its frame.
 * Not re-validated here: every part is built by this package's typed code, and `renderJson`
 * validates the report against `RunReport` before a byte of it is written.
 */
export function finishSummary(p: PreparedSummary, parts: readonly SummaryPart[], context: SummarizeContext, frame?: SummaryFrame): RunReport {
  const tasks = summaryTasks(p);
  if (parts.length !== tasks.length || parts.some((part, i) => part.kind !== tasks[i]?.kind))
    throw new RangeError(`finishSummary: expected ${tasks.map((t) => t.kind).join(', ')}, got ${parts.map((x) => x.kind).join(', ')}`);
  const agents = parts.flatMap((x) => (x.kind === 'agent' ? [x.report] : []));
  const comparisons = parts.flatMap((x) => (x.kind === 'variables' ? x.comparisons : []));
  const gaps = parts.flatMap((x) => (x.kind === 'control-gaps' ? x.gaps : []));
  const { opts, episodes } = p;
  const warnings = [...p.warnings];
  for (const a of agents) {
    if (a.forks > 0)
      warnings.push(
        `agent ${a.agent}: ${a.forks} episode(s) are forks of other episodes; rates treat them as independent (use the intervention report for cluster-aware tests)`,
      );
  }
  const f = frame ?? summaryFrame(p, context);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    title: opts.title,
    settings: { level: opts.level, interval: opts.interval, resamples: opts.resamples, seed: opts.seed },
    totals: f.totals,
    agents,
    comparisons,
    controlGaps: gaps,
    pairedTests: f.pairedTests,
    invalid: f.invalid,
    languageJudgments: f.languageJudgments,
    episodes,
    warnings,
  };
}
