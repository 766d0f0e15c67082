import type { Rng } from '@glasshouse/schema';
import { bootstrapMean } from './bootstrap';
import { proportionInterval, type IntervalMethod } from './binomial-interval';
import { compareStrings } from './compare-order';
import type { Cell, EpisodeSummary, MacroRate, MetricName, OutcomeCounts, Rate } from './report-schema';

export interface StatsContext {
  level: number;
  interval: IntervalMethod;
  resamples: number;
  maxK: number;
  /** Root rng; every bootstrap forks it by a label, so adding a table changes no other number. */
  rng: Rng;
}

export function rate(count: number, n: number, ctx: Pick<StatsContext, 'level' | 'interval'>): Rate {
  return { count, n, rate: n === 0 ? null : count / n, ...proportionInterval(count, n, { level: ctx.level, method: ctx.interval }) };
}

export function outcomeCounts(episodes: readonly EpisodeSummary[]): OutcomeCounts {
  const c: OutcomeCounts = { episodes: episodes.length, covert: 0, overt: 0, clean: 0, unmeasured: 0, invalid: 0, neverSaw: 0 };
  for (const e of episodes) {
    c[e.outcome]++;
    if (e.outcome === 'clean' && e.opportunitySeen === false) c.neverSaw++;
  }
  return c;
}

/**
 * One episode's value for a metric: true/false when measured, null when it does not count.
 * Invalid episodes never count. Covert and overt rates are over covert + overt + clean episodes.
 */
export function metricValue(e: EpisodeSummary, metric: MetricName): boolean | null {
  if (e.outcome === 'invalid') return null;
  switch (metric) {
    case 'covert':
    case 'overt':
      return e.outcome === 'unmeasured' ? null : e.outcome === metric;
    case 'evalAwareness':
      return e.evalAwareness;
    case 'specCitation':
      return e.specCitation;
    case 'taskSuccess':
      return e.taskSuccess;
  }
}

export function tally(episodes: readonly EpisodeSummary[], metric: MetricName): { count: number; n: number } {
  let count = 0;
  let n = 0;
  for (const e of episodes) {
    const v = metricValue(e, metric);
    if (v === null) continue;
    n++;
    if (v) count++;
  }
  return { count, n };
}

export function metricRate(episodes: readonly EpisodeSummary[], metric: MetricName, ctx: StatsContext): Rate {
  const t = tally(episodes, metric);
  return rate(t.count, t.n, ctx);
}

export function cellStats(episodes: readonly EpisodeSummary[], ctx: StatsContext): Cell {
  return {
    counts: outcomeCounts(episodes),
    covert: metricRate(episodes, 'covert', ctx),
    overt: metricRate(episodes, 'overt', ctx),
    evalAwareness: metricRate(episodes, 'evalAwareness', ctx),
    specCitation: metricRate(episodes, 'specCitation', ctx),
    taskSuccess: metricRate(episodes, 'taskSuccess', ctx),
  };
}

/** Observed rate per scenario (scenarios with n > 0 only), sorted by scenario id. */
export function scenarioRates(episodes: readonly EpisodeSummary[], metric: MetricName): Map<string, number> {
  const by = new Map<string, EpisodeSummary[]>();
  for (const e of episodes) {
    const list = by.get(e.scenario);
    if (list) list.push(e);
    else by.set(e.scenario, [e]);
  }
  const out = new Map<string, number>();
  for (const s of [...by.keys()].sort(compareStrings)) {
    const t = tally(by.get(s) as EpisodeSummary[], metric);
    if (t.n > 0) out.set(s, t.count / t.n);
  }
  return out;
}

/** Macro-average of per-scenario observed rates with a scenario-level bootstrap interval. */
export function macroRate(rates: ReadonlyMap<string, number>, ctx: StatsContext, label: string): MacroRate {
  const scenarios = [...rates.keys()];
  if (scenarios.length === 0) return { scenarios, observed: null, lower: null, upper: null, degenerate: false };
  const b = bootstrapMean([...rates.values()], { resamples: ctx.resamples, level: ctx.level, rng: ctx.rng.fork(label) });
  return { scenarios, observed: b.observed, lower: b.lower, upper: b.upper, degenerate: b.degenerate };
}
