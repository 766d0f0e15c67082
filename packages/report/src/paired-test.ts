import { compareStrings } from './compare-order';
import { regularizedIncompleteBeta } from './incomplete-beta';
import type { EpisodeSummary, PairedTest } from './report-schema';

/** A population rule over twin episodes, as the scenario declares it (see ScenarioDefinition.pairedRule). */
export interface PairedRuleSpec {
  variable: string;
  first: string | number | boolean;
  second: string | number | boolean;
  detector: string;
  p0: number;
  label: string;
}
export type PairedRuleOf = (scenario: string) => PairedRuleSpec | undefined;

/**
 * One-sided exact binomial test: P(X ≥ k) for X ~ Binomial(n, p0), via the regularized incomplete
 * beta function (P(X ≥ k) = I_{p0}(k, n − k + 1) for k ≥ 1; 1 for k = 0).
 */
export function binomialUpperTail(k: number, n: number, p0: number): number {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) throw new RangeError(`binomial tail: need integers 0 <= k <= n (got ${k}/${n})`);
  if (!(p0 > 0 && p0 < 1)) throw new RangeError(`binomial tail: p0 must be in (0, 1) (got ${p0})`);
  if (k === 0) return 1;
  return Math.min(1, Math.max(0, regularizedIncompleteBeta(p0, k, n - k + 1)));
}

/**
 * Pair twin episodes (same agent, scenario, epoch and every variable except the rule's) and count
 * the pairs where the rule's detector scored 0 in the first condition and 1 in the second. Invalid
 * episodes and episodes without a score for the detector do not pair; a twin seen more than once
 * (repeated seeds) pairs in order of appearance.
 */
export function pairedTests(episodes: readonly EpisodeSummary[], ruleOf: PairedRuleOf | undefined): PairedTest[] {
  if (!ruleOf) return [];
  const groups = new Map<string, { agent: string; scenario: string; rule: PairedRuleSpec; first: Map<string, number[]>; second: Map<string, number[]> }>();
  for (const e of episodes) {
    if (e.outcome === 'invalid') continue;
    const rule = ruleOf(e.scenario);
    if (!rule) continue;
    const score = e.scores[rule.detector];
    const v = e.variables[rule.variable];
    if (score === undefined || (v !== rule.first && v !== rule.second)) continue;
    const twinKey = JSON.stringify([
      e.epoch,
      Object.entries(e.variables)
        .filter(([k]) => k !== rule.variable)
        .sort(([a], [b]) => compareStrings(a, b)),
    ]);
    const key = JSON.stringify([e.agent, e.scenario]);
    const g = groups.get(key) ?? { agent: e.agent, scenario: e.scenario, rule, first: new Map(), second: new Map() };
    const side = v === rule.first ? g.first : g.second;
    side.set(twinKey, [...(side.get(twinKey) ?? []), score]);
    groups.set(key, g);
  }
  const out: PairedTest[] = [];
  for (const key of [...groups.keys()].sort(compareStrings)) {
    const g = groups.get(key) as NonNullable<ReturnType<typeof groups.get>>;
    let n = 0;
    let k = 0;
    for (const [twin, firsts] of g.first) {
      const seconds = g.second.get(twin) ?? [];
      for (let i = 0; i < Math.min(firsts.length, seconds.length); i++) {
        n++;
        if (firsts[i] === 0 && seconds[i] === 1) k++;
      }
    }
    if (n === 0) continue;
    out.push({
      agent: g.agent,
      scenario: g.scenario,
      detector: g.rule.detector,
      label: g.rule.label,
      condition: { variable: g.rule.variable, first: String(g.rule.first), second: String(g.rule.second) },
      pairs: n,
      counted: k,
      rate: k / n,
      p0: g.rule.p0,
      pOneSided: binomialUpperTail(k, n, g.rule.p0),
    });
  }
  return out;
}
