import { z } from 'zod';
import type { Rng } from '@glasshouse/schema';
import { sampleBeta } from './beta-sample';
import { quantileSorted } from './quantile';

export interface EnvironmentCount {
  /** Episodes with a covert action. */
  covert: number;
  /** Measured episodes (covert + clean); unmeasured episodes are not counted. */
  n: number;
}

export const MacroAverageSettings = z.strictObject({
  draws: z.number().int().min(100).default(100_000),
  level: z.number().gt(0).lt(1).default(0.95),
  prior: z.tuple([z.number().positive(), z.number().positive()]).default([1, 1]),
});

export interface MacroAverageOptions extends z.input<typeof MacroAverageSettings> {
  /** Seeded randomness (e.g. `createRng(seed)` from @glasshouse/schema) so the interval is reproducible. */
  rng: Rng;
}

export interface MacroAverage {
  /** Mean of the Monte Carlo draws of the across-environment average (≈ average of posterior means). */
  mean: number;
  lower: number;
  upper: number;
  /** Plain average of the observed per-environment rates covert / n (null if some n is 0). */
  observed: number | null;
}

function validate(perEnv: readonly EnvironmentCount[]): void {
  if (perEnv.length === 0) throw new RangeError('macroAverage: no environments');
  for (const { covert, n } of perEnv) {
    if (!(Number.isInteger(covert) && Number.isInteger(n) && covert >= 0 && covert <= n)) {
      throw new RangeError(`macroAverage: need integers 0 <= covert <= n (got ${covert}/${n})`);
    }
  }
}

/**
 * Monte Carlo draws of the unweighted average across environments: draw i averages one sample
 * from each environment's Beta(α + covert, β + n − covert) posterior. Returned unsorted, in draw
 * order, so two conditions' draws can be differenced.
 */
export function macroAverageDraws(
  perEnv: readonly EnvironmentCount[],
  options: { draws: number; prior: readonly [number, number]; rng: Rng },
): Float64Array {
  validate(perEnv);
  const out = new Float64Array(options.draws);
  const [alpha, beta] = options.prior;
  for (const { covert, n } of perEnv) {
    const a = alpha + covert;
    const b = beta + n - covert;
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + sampleBeta(a, b, options.rng);
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / perEnv.length;
  return out;
}

/** Summarize draws: mean and equal-tailed interval at `level`. Sorts a copy. */
export function summarizeDraws(draws: Float64Array, level: number): { mean: number; lower: number; upper: number } {
  let sum = 0;
  for (const v of draws) sum += v;
  const sorted = Float64Array.from(draws).sort();
  const tail = (1 - level) / 2;
  return { mean: sum / draws.length, lower: quantileSorted(sorted, tail), upper: quantileSorted(sorted, 1 - tail) };
}

/**
 * Macro-average covert-action rate across environments with a credible interval, as in Schoen et
 * al. 2025 (§1.6 of the research notes): Monte Carlo draws from each environment's Beta posterior.
 */
export function macroAverage(perEnv: readonly EnvironmentCount[], options: MacroAverageOptions): MacroAverage {
  const { rng, ...rest } = options;
  const { draws, level, prior } = MacroAverageSettings.parse(rest);
  const samples = macroAverageDraws(perEnv, { draws, prior, rng });
  const observed = perEnv.some((e) => e.n === 0) ? null : perEnv.reduce((s, e) => s + e.covert / e.n, 0) / perEnv.length;
  return { ...summarizeDraws(samples, level), observed };
}
