import type { Rng } from '@glasshouse/schema';
import { quantileSorted } from './quantile';

export interface BootstrapInterval {
  /** The statistic on the data as observed. */
  observed: number;
  /** Percentile interval (R type-7 quantiles of the resampled statistics). */
  lower: number;
  upper: number;
  resamples: number;
  /** Every resample gave the same value (e.g. all units observed 0): the interval is a point. */
  degenerate: boolean;
}

function percentile(stats: Float64Array, level: number): { lower: number; upper: number; degenerate: boolean } {
  const sorted = Float64Array.from(stats).sort();
  const tail = (1 - level) / 2;
  return { lower: quantileSorted(sorted, tail), upper: quantileSorted(sorted, 1 - tail), degenerate: sorted[0] === sorted[sorted.length - 1] };
}

const mean = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return s / xs.length;
};

/**
 * Cluster (unit-level) bootstrap of a mean: resample the units — scenarios for a macro-average,
 * parents for forks — with replacement, `resamples` times, and take the percentile interval of the
 * resampled means. Units are kept whole (Davison & Hinkley 1997, §3.8, strategy 1). Deterministic
 * given the rng.
 */
export function bootstrapMean(values: readonly number[], options: { resamples: number; level: number; rng: Rng }): BootstrapInterval {
  if (values.length === 0) throw new RangeError('bootstrapMean: no units');
  const n = values.length;
  const units = Float64Array.from(values);
  const { rng, resamples } = options;
  const stats = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += units[Math.floor(rng.next() * n)] as number;
    stats[r] = s / n;
  }
  return { observed: mean(values), ...percentile(stats, options.level), resamples: options.resamples };
}

/**
 * Paired cluster bootstrap of a difference of means: units (scenarios, parents) measured in both
 * conditions are resampled as pairs, so the interval keeps the pairing. Returns mean(b) − mean(a).
 */
export function bootstrapPairedDifference(
  pairs: readonly { a: number; b: number }[],
  options: { resamples: number; level: number; rng: Rng },
): BootstrapInterval {
  return bootstrapMean(
    pairs.map((p) => p.b - p.a),
    options,
  );
}
