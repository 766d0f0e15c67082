import type { Rng } from '@glasshouse/schema';
import { quantilePosition, quantileSorted } from './quantile';

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

/**
 * Rearranges a[left..right] so that a[k] is its k-th smallest value, everything before it no larger
 * and everything after no smaller (Hoare's selection with a median-of-three pivot: linear time,
 * where sorting the 10,000 resamples of every bootstrap was most of a report's statistics).
 */
function select(a: Float64Array, k: number, left: number, right: number): void {
  let lo = left;
  let hi = right;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function minFrom(a: Float64Array, from: number): number {
  let m = a[from] as number;
  for (let i = from + 1; i < a.length; i++) if ((a[i] as number) < m) m = a[i] as number;
  return m;
}

/**
 * The percentile interval (R type-7 quantiles, as `quantileSorted` takes them from the sorted
 * resamples) by selecting the four order statistics it reads. Rearranges `stats` in place.
 */
function percentile(stats: Float64Array, level: number): { lower: number; upper: number; degenerate: boolean } {
  const n = stats.length;
  const tail = (1 - level) / 2;
  let min = stats[0] as number;
  let max = min;
  let nan = n === 0;
  for (let i = 0; i < n; i++) {
    const v = stats[i] as number;
    if (v < min) min = v;
    else if (v > max) max = v;
    else if (Number.isNaN(v)) nan = true;
  }
  if (nan) {
    const sorted = stats.sort();
    return { lower: quantileSorted(sorted, tail), upper: quantileSorted(sorted, 1 - tail), degenerate: sorted[0] === sorted[n - 1] };
  }
  const quantile = (p: number, from: number): number => {
    const { lo, hi, frac } = quantilePosition(n, p);
    select(stats, lo, from, n - 1);
    const x = stats[lo] as number;
    // the next order statistic is the least of those after it (hi is lo, at the end)
    const next = hi > lo ? minFrom(stats, hi) : x;
    return x + frac * (next - x);
  };
  const lower = quantile(tail, 0);
  // everything at or after the lower quantile's index is no smaller than it: select within that part
  const upper = quantile(1 - tail, Math.min(n - 1, Math.floor((n - 1) * tail)));
  return { lower, upper, degenerate: min === max };
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
  // Every unit the same finite value: every resample sums n copies of it in the same order, so every
  // resampled mean is that one number; computed once (the draws would not change it).
  const first = units[0] as number;
  if (Number.isFinite(first) && units.every((u) => u === first)) {
    let s = 0;
    for (let i = 0; i < n; i++) s += first;
    stats.fill(s / n);
    return { observed: mean(values), ...percentile(stats, options.level), resamples };
  }
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
