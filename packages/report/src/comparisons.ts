import { fisherExact } from './fisher-exact';
import { compareStrings } from './compare-order';
import { armStats, macroEstimate, perScenarioCounts, type StatsContext } from './group-stats';
import { summarizeDraws, type EnvironmentCount } from './macro-average';
import type { ArmStats, Comparison, EpisodeSummary, FisherSummary, MacroEstimate } from './report-schema';

type Scalar = string | number | boolean;

export interface ComparisonArms {
  id: string;
  kind: Comparison['kind'];
  name: string;
  a: { label: string; value: Scalar; episodes: readonly EpisodeSummary[] };
  b: { label: string; value: Scalar; episodes: readonly EpisodeSummary[] };
}

function fisherSummary(a: number, b: number, c: number, d: number): FisherSummary {
  const r = fisherExact(a, b, c, d);
  const oddsRatio = Number.isNaN(r.oddsRatio) ? null : r.oddsRatio === Infinity ? 'Infinity' : r.oddsRatio;
  return { pTwoSided: r.pTwoSided, pLess: r.pLess, pGreater: r.pGreater, oddsRatio };
}

/** Fisher on covert vs clean: rows are arms (A, B), columns (covert, clean). */
function covertFisher(a: ArmStats, b: ArmStats): FisherSummary {
  return fisherSummary(a.covert, a.clean, b.covert, b.clean);
}

function rateFisher(a: ArmStats['evalAwareness'], b: ArmStats['evalAwareness']): FisherSummary {
  return fisherSummary(a.count, a.n - a.count, b.count, b.n - b.count);
}

function only(counts: Map<string, EnvironmentCount>, keep: readonly string[]): Map<string, EnvironmentCount> {
  return new Map(keep.map((s) => [s, counts.get(s) as EnvironmentCount]));
}

/**
 * Compare two arms: per scenario and pooled Fisher exact tests of covert vs clean counts, and the
 * macro-average covert rate of each arm across the scenarios measured in both, with the
 * difference B − A computed draw by draw.
 */
export function compareArms(arms: ComparisonArms, ctx: StatsContext, options: { excludeZeroBoth: boolean }): Comparison {
  const scenarios = [...new Set([...arms.a.episodes, ...arms.b.episodes].map((e) => e.scenario))].sort(compareStrings);
  const perScenario = scenarios.map((scenario) => {
    const a = armStats(arms.a.episodes.filter((e) => e.scenario === scenario), ctx);
    const b = armStats(arms.b.episodes.filter((e) => e.scenario === scenario), ctx);
    return { scenario, a, b, fisher: covertFisher(a, b) };
  });
  const pooledA = armStats(arms.a.episodes, ctx);
  const pooledB = armStats(arms.b.episodes, ctx);

  const countsA = perScenarioCounts(arms.a.episodes);
  const countsB = perScenarioCounts(arms.b.episodes);
  const both = scenarios.filter((s) => countsA.has(s) && countsB.has(s));
  const excluded = options.excludeZeroBoth
    ? both.filter((s) => countsA.get(s)?.covert === 0 && countsB.get(s)?.covert === 0)
    : [];
  const included = both.filter((s) => !excluded.includes(s));
  const macroA = macroEstimate(only(countsA, included), ctx, `compare:${arms.id}:a`);
  const macroB = macroEstimate(only(countsB, included), ctx, `compare:${arms.id}:b`);
  let difference: MacroEstimate | null = null;
  if (macroA && macroB) {
    const diff = macroB.draws.map((v, i) => v - (macroA.draws[i] as number));
    const summary = summarizeDraws(diff, ctx.level);
    difference = {
      scenarios: included,
      ...summary,
      observed:
        macroA.estimate.observed === null || macroB.estimate.observed === null
          ? null
          : macroB.estimate.observed - macroA.estimate.observed,
    };
  }
  return {
    id: arms.id,
    kind: arms.kind,
    name: arms.name,
    a: { label: arms.a.label, value: arms.a.value },
    b: { label: arms.b.label, value: arms.b.value },
    perScenario,
    pooled: {
      a: pooledA,
      b: pooledB,
      fisher: covertFisher(pooledA, pooledB),
      fisherEvalAwareness: rateFisher(pooledA.evalAwareness, pooledB.evalAwareness),
      fisherSpecCitation: rateFisher(pooledA.specCitation, pooledB.specCitation),
    },
    macro: { scenarios: included, excluded, a: macroA?.estimate ?? null, b: macroB?.estimate ?? null, difference },
  };
}
