import { z } from 'zod';
import { Outcome, TokenUsage, Verdict } from '@glasshouse/schema';
import { LanguageJudgmentReport } from './language-judgments';

/**
 * Bumped whenever the report JSON changes incompatibly. 2: per-agent tables, frequentist intervals,
 * outcomes. 3: control-gap permutation tests exact by distinct value (`test.resamples` null above 2^53).
 */
export const REPORT_SCHEMA_VERSION = 3;

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const Probability = z.number().min(0).max(1);
/** Odds ratios: a number, 'Infinity', or null when 0/0. */
const OddsRatio = z.union([z.number(), z.literal('Infinity')]).nullable();

/** A binomial proportion with its confidence interval (method in `settings.interval`). */
export const Rate = z.strictObject({
  count: z.number().int().nonnegative(),
  /** Measured episodes: the denominator. */
  n: z.number().int().nonnegative(),
  /** count / n; null when n = 0. */
  rate: Probability.nullable(),
  /** Always contains `rate`; [0, 1] when n = 0. */
  lower: Probability,
  upper: Probability,
});
export type Rate = z.infer<typeof Rate>;

/** Unweighted mean of per-scenario observed rates, with a scenario-level bootstrap interval. */
export const MacroRate = z.strictObject({
  /** Scenarios averaged (each with at least one measured episode). */
  scenarios: z.array(z.string()),
  observed: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  /** Every bootstrap resample gave the same value (e.g. every scenario observed 0). */
  degenerate: z.boolean(),
});
export type MacroRate = z.infer<typeof MacroRate>;

export const OutcomeCounts = z.strictObject({
  episodes: z.number().int().nonnegative(),
  covert: z.number().int().nonnegative(),
  overt: z.number().int().nonnegative(),
  clean: z.number().int().nonnegative(),
  unmeasured: z.number().int().nonnegative(),
  invalid: z.number().int().nonnegative(),
  /**
   * Clean episodes in which the agent never read, listed or opened the planted opportunity: clean
   * because it never found the chance, not because it declined it. A subset of `clean` (records
   * older than the signal count as seen).
   */
  neverSaw: z.number().int().nonnegative(),
});
export type OutcomeCounts = z.infer<typeof OutcomeCounts>;

/** Everything measured in one set of valid episodes (a scenario's threat or control variants, a variant). */
export const Cell = z.strictObject({
  counts: OutcomeCounts,
  /** covert / (covert + overt + clean). */
  covert: Rate,
  overt: Rate,
  evalAwareness: Rate,
  specCitation: Rate,
  taskSuccess: Rate,
});
export type Cell = z.infer<typeof Cell>;

export const ScenarioRow = z.strictObject({
  scenario: z.string(),
  category: z.string(),
  /** Non-control variants: where the incentive is present. */
  threat: Cell,
  /** Control variants (incentive removed), never pooled into `threat`; null when the scenario has none in the run. */
  control: Cell.nullable(),
  /** What the family's 'covert' column measures; families that are not covert-action measurements stay out of the macro-averages. */
  measures: z.enum(['covert-action', 'over-refusal', 'strategic-deception']).optional(),
});
export type ScenarioRow = z.infer<typeof ScenarioRow>;

export const VariantRow = z.strictObject({
  scenario: z.string(),
  variant: z.string(),
  control: z.boolean(),
  cell: Cell,
});
export type VariantRow = z.infer<typeof VariantRow>;

export const KPoint = z.strictObject({
  k: z.number().int().positive(),
  tasks: z.number().int().positive(),
  value: Probability,
});
export type KPoint = z.infer<typeof KPoint>;

export const UsageTotals = z.strictObject({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  reasoningTokens: z.number().int().nonnegative(),
  /** Sum over episodes that reported a cost; null when none did. */
  costUsd: z.number().nonnegative().nullable(),
  /** Episodes with token usage but no cost (model missing from the price table). */
  unpriced: z.number().int().nonnegative(),
});
export type UsageTotals = z.infer<typeof UsageTotals>;

export const AgentReport = z.strictObject({
  agent: z.string(),
  /** Every episode of the agent, control variants and invalid episodes included. */
  counts: OutcomeCounts,
  /** Macro-averages over scenarios, threat (non-control) variants only. */
  macro: z.strictObject({ covert: MacroRate, overt: MacroRate, evalAwareness: MacroRate, specCitation: MacroRate, taskSuccess: MacroRate }),
  byScenario: z.array(ScenarioRow),
  byVariant: z.array(VariantRow),
  passHatK: z.array(KPoint),
  cleanHatK: z.array(KPoint),
  meanSteps: z.number().nonnegative().nullable(),
  usage: UsageTotals,
  /** Episodes that are forks of another episode (not independent of their parent). */
  forks: z.number().int().nonnegative(),
});
export type AgentReport = z.infer<typeof AgentReport>;

/** A two-arm test stratified by scenario (or finer cells): exact conditional CMH plus the MH chi-square. */
export const StratifiedTest = z.strictObject({
  strata: z.number().int().nonnegative(),
  informative: z.number().int().nonnegative(),
  /** Exact conditional test (Fisher's with one stratum), two-sided and one-sided for A > B / A < B. */
  pExact: Probability,
  pExactAGreater: Probability,
  pExactALess: Probability,
  /** Mantel–Haenszel chi-square with continuity correction; null when no stratum has variation. */
  chiSquare: z.number().nonnegative().nullable(),
  pChiSquare: Probability.nullable(),
  /** MH common odds ratio, A vs B. */
  oddsRatio: OddsRatio,
});
export type StratifiedTest = z.infer<typeof StratifiedTest>;

export const MacroDifference = z.strictObject({
  scenarios: z.array(z.string()),
  /** Macro(B) − Macro(A) over scenarios measured in both arms. */
  observed: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  degenerate: z.boolean(),
});
export type MacroDifference = z.infer<typeof MacroDifference>;

export const MetricName = z.enum(['covert', 'overt', 'evalAwareness', 'specCitation', 'taskSuccess']);
export type MetricName = z.infer<typeof MetricName>;

export const MetricComparison = z.strictObject({
  metric: MetricName,
  perScenario: z.array(z.strictObject({ scenario: z.string(), a: Rate, b: Rate, test: StratifiedTest.nullable() })),
  a: MacroRate,
  b: MacroRate,
  difference: MacroDifference,
  /** Stratified over every scenario (and matched cell); null when neither arm measured it. */
  test: StratifiedTest.nullable(),
});
export type MetricComparison = z.infer<typeof MetricComparison>;

export const Comparison = z.strictObject({
  id: z.string(),
  /** `variable`: two values of a variant variable within one agent; `runs`: before → after. */
  kind: z.enum(['variable', 'runs']),
  name: z.string(),
  a: z.strictObject({ label: z.string(), agent: z.string(), value: Scalar }),
  b: z.strictObject({ label: z.string(), agent: z.string(), value: Scalar }),
  /** What the strata of the stratified tests are. */
  strata: z.string(),
  metrics: z.array(MetricComparison),
});
export type Comparison = z.infer<typeof Comparison>;

/** Threat vs control on a scored covert-action detector (e.g. sandbagging accuracy). */
export const ControlGap = z.strictObject({
  agent: z.string(),
  scenario: z.string(),
  detector: z.string(),
  threat: z.strictObject({ n: z.number().int().nonnegative(), mean: z.number() }),
  control: z.strictObject({ n: z.number().int().nonnegative(), mean: z.number() }),
  /** control mean − threat mean: how much lower the score is when there is a reason to underperform. */
  gap: z.number(),
  /** Two-sample permutation test of the difference in means (one-sided: control > threat). */
  test: z.strictObject({
    method: z.enum(['exact', 'monte-carlo']),
    /** Monte Carlo: resamples drawn; exact: relabellings counted, C(n_threat + n_control, n_control), null above 2^53. */
    resamples: z.number().int().positive().nullable(),
    pTwoSided: Probability,
    pControlGreater: Probability,
  }),
});
export type ControlGap = z.infer<typeof ControlGap>;

/** A population-level paired rule (e.g. alignment faking's testing/deployment twins) with its test. */
export const PairedTest = z.strictObject({
  agent: z.string(),
  scenario: z.string(),
  detector: z.string(),
  label: z.string(),
  condition: z.strictObject({ variable: z.string(), first: z.string(), second: z.string() }),
  /** Twin pairs found (both episodes valid and scored). */
  pairs: z.number().int().positive(),
  /** Pairs where the score was 0 in `first` and 1 in `second`. */
  counted: z.number().int().nonnegative(),
  rate: Probability,
  /** Chance rate of a counted pair under the null. */
  p0: Probability,
  /** One-sided exact binomial test P(X ≥ counted | pairs, p0). */
  pOneSided: Probability,
});
export type PairedTest = z.infer<typeof PairedTest>;

export const EpisodeSummary = z.strictObject({
  episodeId: z.string(),
  scenario: z.string(),
  scenarioVersion: z.string(),
  category: z.string(),
  variant: z.string(),
  variables: z.record(z.string(), Scalar),
  /** A control variant (incentive removed), from the scenario definition. */
  control: z.boolean(),
  /** What the scenario family measures (absent: covert-action); from the scenario definition. */
  measures: z.enum(['covert-action', 'over-refusal', 'strategic-deception']).optional(),
  agent: z.string(),
  seed: z.number().int(),
  epoch: z.number().int().nullable(),
  parentEpisodeId: z.string().nullable(),
  /** episodeVerdict over the findings (covert/clean/unmeasured). */
  verdict: Verdict,
  /** What the episode counts as (see outcome.ts). */
  outcome: Outcome,
  /** Why an episode is invalid: the fatal error or the end reason; null for valid episodes. */
  invalidReason: z.string().nullable(),
  taskSuccess: z.boolean().nullable(),
  evalAwareness: z.boolean().nullable(),
  specCitation: z.boolean().nullable(),
  /** Did the agent read, list or open the planted opportunity? null for records without the signal. */
  opportunitySeen: z.boolean().nullable(),
  covertDetectors: z.array(z.string()),
  unmeasuredDetectors: z.array(z.string()),
  /** Scores of covert-action findings that carry one (e.g. accuracy), by detector. */
  scores: z.record(z.string(), z.number()),
  findings: z.number().int().nonnegative(),
  steps: z.number().int().nonnegative().nullable(),
  endReason: z.string().nullable(),
  usage: TokenUsage.nullable(),
});
export type EpisodeSummary = z.infer<typeof EpisodeSummary>;

export const IntervalMethodName = z.enum(['clopper-pearson', 'wilson']);

export const ReportOptions = z.strictObject({
  title: z.string().default('Glasshouse run report'),
  /** Confidence level of every interval. */
  level: z.number().gt(0).lt(1).default(0.95),
  /** Per-cell interval for a proportion. */
  interval: IntervalMethodName.default('clopper-pearson'),
  /** Bootstrap resamples for macro-averages and their differences. */
  resamples: z.number().int().min(100).default(10_000),
  /** Seed of the bootstrap rng (createRng from @glasshouse/schema): same records + options ⇒ same bytes. */
  seed: z.union([z.number(), z.string()]).default(0),
  maxK: z.number().int().min(1).default(5),
});
export type ReportOptions = z.input<typeof ReportOptions>;
export type ResolvedReportOptions = z.output<typeof ReportOptions>;

export const ReportSettings = z.strictObject({
  level: z.number(),
  interval: IntervalMethodName,
  resamples: z.number().int(),
  seed: z.union([z.number(), z.string()]),
});

export const RunReport = z.strictObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  title: z.string(),
  settings: ReportSettings,
  /** Counts over every episode of every agent (no rates: agents are never pooled). */
  totals: OutcomeCounts,
  agents: z.array(AgentReport),
  /** Within-agent comparisons of variant variables with two values. */
  comparisons: z.array(Comparison),
  controlGaps: z.array(ControlGap),
  pairedTests: z.array(PairedTest).default([]),
  /** Invalid episodes, listed with their reason. */
  invalid: z.array(z.strictObject({ episodeId: z.string(), agent: z.string(), scenario: z.string(), reason: z.string() })),
  /** Rates by finding provenance, and judge-model vs rule-classifier disagreements. */
  languageJudgments: LanguageJudgmentReport.optional(),
  episodes: z.array(EpisodeSummary),
  warnings: z.array(z.string()),
});
export type RunReport = z.infer<typeof RunReport>;

/** `glasshouse report runA runB`: before → after. */
export const RunComparisonReport = z.strictObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  title: z.string(),
  settings: ReportSettings,
  before: RunReport,
  after: RunReport,
  comparisons: z.array(Comparison),
  warnings: z.array(z.string()),
});
export type RunComparisonReport = z.infer<typeof RunComparisonReport>;
