import { bootstrapPairedDifference } from './bootstrap';
import { cochranMantelHaenszel, type Stratum2x2 } from './cmh';
import { compareStrings } from './compare-order';
import { macroRate, metricValue, rate, scenarioRates, tally, type StatsContext } from './cell-stats';
import type { Comparison, EpisodeSummary, MacroDifference, MetricComparison, MetricName, StratifiedTest } from './report-schema';

type Scalar = string | number | boolean;

export interface Arm {
  label: string;
  agent: string;
  value: Scalar;
  episodes: readonly EpisodeSummary[];
}

export interface ComparisonInput {
  id: string;
  kind: Comparison['kind'];
  name: string;
  a: Arm;
  b: Arm;
  /** Stratum of an episode for the stratified tests (always within a scenario). */
  stratumOf: (e: EpisodeSummary) => string;
  /** Human description of the strata, e.g. "scenario × variant". */
  strata: string;
  metrics?: readonly MetricName[];
}

function oddsRatio(x: number): number | 'Infinity' | null {
  return Number.isNaN(x) ? null : x === Infinity ? 'Infinity' : x;
}

/** CMH over the strata of `a` and `b` for one metric; null when neither arm measured it. */
export function stratifiedTest(
  a: readonly EpisodeSummary[],
  b: readonly EpisodeSummary[],
  metric: MetricName,
  stratumOf: (e: EpisodeSummary) => string,
): StratifiedTest | null {
  const tables = new Map<string, Stratum2x2>();
  const add = (e: EpisodeSummary, arm: 'a' | 'b') => {
    const v = metricValue(e, metric);
    if (v === null) return;
    const key = stratumOf(e);
    const t = tables.get(key) ?? { a: 0, b: 0, c: 0, d: 0 };
    if (arm === 'a') v ? t.a++ : t.b++;
    else v ? t.c++ : t.d++;
    tables.set(key, t);
  };
  for (const e of a) add(e, 'a');
  for (const e of b) add(e, 'b');
  if (tables.size === 0) return null;
  const keys = [...tables.keys()].sort(compareStrings);
  const r = cochranMantelHaenszel(keys.map((k) => tables.get(k) as Stratum2x2));
  return {
    strata: r.strata,
    informative: r.informative,
    pExact: r.exact.pTwoSided,
    pExactAGreater: r.exact.pGreater,
    pExactALess: r.exact.pLess,
    chiSquare: r.chiSquare,
    pChiSquare: r.pChiSquare,
    oddsRatio: oddsRatio(r.oddsRatio),
  };
}

/** An arm's episodes by scenario, each list in the arm's order (what filtering by scenario gives). */
function byScenario(episodes: readonly EpisodeSummary[]): Map<string, EpisodeSummary[]> {
  const by = new Map<string, EpisodeSummary[]>();
  for (const e of episodes) {
    const list = by.get(e.scenario);
    if (list) list.push(e);
    else by.set(e.scenario, [e]);
  }
  return by;
}

interface GroupedArms {
  scenarios: string[];
  a: Map<string, EpisodeSummary[]>;
  b: Map<string, EpisodeSummary[]>;
}

function metricComparison(input: ComparisonInput, metric: MetricName, ctx: StatsContext, grouped: GroupedArms): MetricComparison {
  const { a, b } = input;
  const none: EpisodeSummary[] = [];
  const perScenario = grouped.scenarios.flatMap((scenario) => {
    const ea = grouped.a.get(scenario) ?? none;
    const eb = grouped.b.get(scenario) ?? none;
    const ta = tally(ea, metric);
    const tb = tally(eb, metric);
    if (ta.n === 0 && tb.n === 0) return [];
    return [
      {
        scenario,
        a: rate(ta.count, ta.n, ctx),
        b: rate(tb.count, tb.n, ctx),
        test: ta.n > 0 && tb.n > 0 ? stratifiedTest(ea, eb, metric, input.stratumOf) : null,
      },
    ];
  });
  const ra = scenarioRates(a.episodes, metric);
  const rb = scenarioRates(b.episodes, metric);
  const both = [...ra.keys()].filter((s) => rb.has(s));
  const only = (m: Map<string, number>) => new Map(both.map((s) => [s, m.get(s) as number]));
  let difference: MacroDifference = { scenarios: both, observed: null, lower: null, upper: null, degenerate: false };
  if (both.length > 0) {
    const d = bootstrapPairedDifference(
      both.map((s) => ({ a: ra.get(s) as number, b: rb.get(s) as number })),
      { resamples: ctx.resamples, level: ctx.level, rng: ctx.rng.fork(`compare:${input.id}:${metric}:diff`) },
    );
    difference = { scenarios: both, observed: d.observed, lower: d.lower, upper: d.upper, degenerate: d.degenerate };
  }
  const measuredBoth = perScenario.some((r) => r.a.n > 0 && r.b.n > 0);
  return {
    metric,
    perScenario,
    a: macroRate(only(ra), ctx, `compare:${input.id}:${metric}:a`),
    b: macroRate(only(rb), ctx, `compare:${input.id}:${metric}:b`),
    difference,
    test: measuredBoth ? stratifiedTest(a.episodes, b.episodes, metric, input.stratumOf) : null,
  };
}

/**
 * Compare two arms on each metric: per-scenario rates with a stratified exact test within the
 * scenario, macro-averages over the scenarios measured in both arms with a paired scenario-level
 * bootstrap interval for B − A, and one Cochran–Mantel–Haenszel test stratified over all strata.
 */
export function compareArms(input: ComparisonInput, ctx: StatsContext): Comparison {
  const metrics = input.metrics ?? ['covert', 'overt', 'evalAwareness', 'specCitation', 'taskSuccess'];
  const a = byScenario(input.a.episodes);
  const b = byScenario(input.b.episodes);
  const grouped = { scenarios: [...new Set([...a.keys(), ...b.keys()])].sort(compareStrings), a, b };
  return {
    id: input.id,
    kind: input.kind,
    name: input.name,
    a: { label: input.a.label, agent: input.a.agent, value: input.a.value },
    b: { label: input.b.label, agent: input.b.agent, value: input.b.value },
    strata: input.strata,
    metrics: metrics.map((m) => metricComparison(input, m, ctx, grouped)),
  };
}
