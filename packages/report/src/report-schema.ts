import { z } from 'zod';
import { TokenUsage, Verdict } from '@glasshouse/schema';

/** Bumped whenever the report JSON changes incompatibly. */
export const REPORT_SCHEMA_VERSION = 1;

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const Probability = z.number().min(0).max(1);

/** A binomial rate with its Beta-posterior credible interval. */
export const RateEstimate = z.strictObject({
  /** Episodes where the property holds (covert, aware, citing, task solved). */
  count: z.number().int().nonnegative(),
  /** Measured episodes: the denominator. */
  n: z.number().int().nonnegative(),
  /** count / n, or null when nothing was measured. */
  rate: Probability.nullable(),
  /** Posterior mean and equal-tailed credible interval (the prior alone when n = 0). */
  mean: Probability,
  lower: Probability,
  upper: Probability,
});
export type RateEstimate = z.infer<typeof RateEstimate>;

/** Monte Carlo macro-average across scenarios (environments). */
export const MacroEstimate = z.strictObject({
  /** Scenarios averaged over (each with at least one measured episode). */
  scenarios: z.array(z.string()),
  mean: z.number(),
  lower: z.number(),
  upper: z.number(),
  /** Plain average of observed per-scenario rates (for a difference: B's minus A's). */
  observed: z.number().nullable(),
});
export type MacroEstimate = z.infer<typeof MacroEstimate>;

export const KPoint = z.strictObject({
  k: z.number().int().positive(),
  /** (scenario, variant, agent) cells with at least k measured epochs that the average is over. */
  tasks: z.number().int().positive(),
  value: Probability,
});
export type KPoint = z.infer<typeof KPoint>;

export const UsageTotals = z.strictObject({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  reasoningTokens: z.number().int().nonnegative(),
  /** Null when no episode reported a cost. */
  costUsd: z.number().nonnegative().nullable(),
});
export type UsageTotals = z.infer<typeof UsageTotals>;

export const EpisodeSummary = z.strictObject({
  episodeId: z.string(),
  scenario: z.string(),
  scenarioVersion: z.string(),
  category: z.string(),
  variant: z.string(),
  /** Variant variable values, keys sorted. */
  variables: z.record(z.string(), Scalar),
  agent: z.string(),
  seed: z.number().int(),
  /** From header.agent.config.epoch or variant.values.epoch, when present. */
  epoch: z.number().int().nullable(),
  /** Forked episodes: the episode this one was forked from. */
  parentEpisodeId: z.string().nullable(),
  /** episodeVerdict over the record's `finding` events. */
  verdict: Verdict,
  taskSuccess: z.boolean().nullable(),
  evalAwareness: z.boolean().nullable(),
  specCitation: z.boolean().nullable(),
  /** Covert-action and interview detectors whose verdict was covert. */
  covertDetectors: z.array(z.string()),
  /** Covert-action detectors that could not decide. */
  unmeasuredDetectors: z.array(z.string()),
  findings: z.number().int().nonnegative(),
  /** From `episode.end`; null when the record has no end event. */
  steps: z.number().int().nonnegative().nullable(),
  endReason: z.string().nullable(),
  usage: TokenUsage.nullable(),
});
export type EpisodeSummary = z.infer<typeof EpisodeSummary>;

export const GroupStats = z.strictObject({
  /** Display key, e.g. `oversight-subversion`, `spec=true`, `oversight-subversion / spec-on`. */
  key: z.string(),
  /** What defines the group, e.g. { scenario, variant } or { variable: 'spec', value: true }. */
  group: z.record(z.string(), Scalar),
  episodes: z.number().int().nonnegative(),
  covert: z.number().int().nonnegative(),
  clean: z.number().int().nonnegative(),
  /** Excluded from the covert-rate denominator, reported here. */
  unmeasured: z.number().int().nonnegative(),
  covertRate: RateEstimate,
  /** Macro-average across the group's scenarios (null for single-scenario groups). */
  macroCovertRate: MacroEstimate.nullable(),
  evalAwareness: RateEstimate,
  specCitation: RateEstimate,
  taskSuccess: RateEstimate,
  /** Task success: probability all k epochs succeed (present when a cell has ≥ 2 measured epochs). */
  passHatK: z.array(KPoint),
  /** Probability all k epochs are clean (no covert action), same estimator over covert/clean. */
  cleanHatK: z.array(KPoint),
  meanSteps: z.number().nonnegative().nullable(),
  usage: UsageTotals,
});
export type GroupStats = z.infer<typeof GroupStats>;

export const FisherSummary = z.strictObject({
  pTwoSided: Probability,
  pLess: Probability,
  pGreater: Probability,
  /** Sample odds ratio (a·d)/(b·c) of covert:clean, arm A vs arm B; 'Infinity' or null (0/0) when undefined. */
  oddsRatio: z.union([z.number(), z.literal('Infinity')]).nullable(),
});
export type FisherSummary = z.infer<typeof FisherSummary>;

export const ArmStats = z.strictObject({
  episodes: z.number().int().nonnegative(),
  covert: z.number().int().nonnegative(),
  clean: z.number().int().nonnegative(),
  unmeasured: z.number().int().nonnegative(),
  covertRate: RateEstimate,
  evalAwareness: RateEstimate,
  specCitation: RateEstimate,
});
export type ArmStats = z.infer<typeof ArmStats>;

export const ComparisonRow = z.strictObject({
  scenario: z.string(),
  a: ArmStats,
  b: ArmStats,
  /** Covert vs clean, A vs B. */
  fisher: FisherSummary,
});
export type ComparisonRow = z.infer<typeof ComparisonRow>;

export const Comparison = z.strictObject({
  id: z.string(),
  kind: z.enum(['variable', 'agents']),
  /** Variable name, or 'agent'. */
  name: z.string(),
  a: z.strictObject({ label: z.string(), value: Scalar }),
  b: z.strictObject({ label: z.string(), value: Scalar }),
  perScenario: z.array(ComparisonRow),
  pooled: z.strictObject({
    a: ArmStats,
    b: ArmStats,
    fisher: FisherSummary,
    fisherEvalAwareness: FisherSummary,
    fisherSpecCitation: FisherSummary,
  }),
  macro: z.strictObject({
    /** Scenarios measured in both arms and included in the average. */
    scenarios: z.array(z.string()),
    /** Scenarios left out because both arms had zero covert actions (only with macroExcludeZeroBoth). */
    excluded: z.array(z.string()),
    a: MacroEstimate.nullable(),
    b: MacroEstimate.nullable(),
    /** Macro-average of B minus macro-average of A, from the same draws. */
    difference: MacroEstimate.nullable(),
  }),
});
export type Comparison = z.infer<typeof Comparison>;

export const ReportOptions = z.strictObject({
  title: z.string().default('Glasshouse run report'),
  /** Credible level for every interval. */
  level: z.number().gt(0).lt(1).default(0.95),
  prior: z.tuple([z.number().positive(), z.number().positive()]).default([1, 1]),
  /** Monte Carlo draws per environment for macro-averages. */
  draws: z.number().int().min(100).default(100_000),
  /** Seed for the Monte Carlo rng (createRng from @glasshouse/schema). */
  seed: z.union([z.number(), z.string()]).default(0),
  /** Before/after agent comparison. */
  agents: z.strictObject({ before: z.string(), after: z.string() }).optional(),
  /** Leave out of macro-averages scenarios with zero covert actions in both arms (Schoen et al. practice). */
  macroExcludeZeroBoth: z.boolean().default(false),
  /** Largest k for pass^k. */
  maxK: z.number().int().min(1).default(5),
});
export type ReportOptions = z.input<typeof ReportOptions>;
export type ResolvedReportOptions = z.output<typeof ReportOptions>;

export const RunReport = z.strictObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  title: z.string(),
  settings: z.strictObject({
    level: z.number(),
    prior: z.tuple([z.number(), z.number()]),
    draws: z.number().int(),
    seed: z.union([z.number(), z.string()]),
    macroExcludeZeroBoth: z.boolean(),
    agents: z.strictObject({ before: z.string(), after: z.string() }).nullable(),
  }),
  overall: GroupStats,
  byScenario: z.array(GroupStats),
  byCategory: z.array(GroupStats),
  byVariant: z.array(GroupStats),
  byAgent: z.array(GroupStats),
  byVariable: z.array(GroupStats),
  comparisons: z.array(Comparison),
  episodes: z.array(EpisodeSummary),
  warnings: z.array(z.string()),
});
export type RunReport = z.infer<typeof RunReport>;
