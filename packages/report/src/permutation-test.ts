import type { Rng } from '@glasshouse/schema';
import { permutationSumDistribution } from './permutation-distribution';

export interface PermutationTestResult {
  /** mean(x) − mean(y). */
  statistic: number;
  /** P(T ≥ t) under random relabelling (evidence that x's mean is higher). */
  pGreater: number;
  pLess: number;
  /** min(1, 2·min(pGreater, pLess)), SciPy's `permutation_test` convention. */
  pTwoSided: number;
  /** 'exact' counts every relabelling; 'monte-carlo' draws `resamples` (p = (hits + 1)/(B + 1)). */
  method: 'exact' | 'monte-carlo';
  /** Monte Carlo: the resamples drawn. Exact: the relabellings counted, C(n_x + n_y, n_x); null above 2^53. */
  resamples: number | null;
}

function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/**
 * Two-sample permutation test of a difference in means (Fisher 1935; Good 2005). Exact when the
 * number of relabellings C(n_x + n_y, n_x) is at most `maxExact` (each one enumerated), or when the
 * distribution of sum(x) by distinct value (`permutationSumDistribution`) takes at most 10·`maxExact`
 * steps — scores with few distinct values, however many episodes; otherwise seeded Monte Carlo.
 * Ties with the observed statistic count as at least as extreme (tolerance 100·ε of the statistic, as
 * SciPy, or of its scale when that is larger).
 */
export function permutationTest(
  x: readonly number[],
  y: readonly number[],
  options: { rng: Rng; maxExact?: number; resamples?: number },
): PermutationTestResult {
  if (x.length === 0 || y.length === 0) throw new RangeError('permutationTest: both samples need at least one value');
  const all = [...x, ...y];
  const total = all.reduce((s, v) => s + v, 0);
  const nx = x.length;
  const ny = y.length;
  const stat = (sumX: number) => sumX / nx - (total - sumX) / ny;
  const observed = stat(x.reduce((s, v) => s + v, 0));
  // Ties: 100·ε relative to the statistic (SciPy's rule) or to its scale, whichever is larger, since
  // the same relabelling's sum added in another order can differ in its last bits (observed −1e-16
  // for equal means: a tie that a relative tolerance alone would count as less extreme).
  let absTotal = 0;
  for (const v of all) absTotal += Math.abs(v);
  const gamma = 100 * Number.EPSILON * Math.max(Math.abs(observed), absTotal * (1 / nx + 1 / ny));
  let ge = 0;
  let le = 0;
  let count = 0;
  const tally = (sumX: number) => {
    const t = stat(sumX);
    if (t >= observed - gamma) ge++;
    if (t <= observed + gamma) le++;
    count++;
  };
  const combos = choose(all.length, nx);
  if (combos <= (options.maxExact ?? 200_000)) {
    const idx = Array.from({ length: nx }, (_, i) => i);
    for (;;) {
      let s = 0;
      for (const i of idx) s += all[i] as number;
      tally(s);
      let i = nx - 1;
      while (i >= 0 && idx[i] === all.length - nx + i) i--;
      if (i < 0) break;
      idx[i] = (idx[i] as number) + 1;
      for (let j = i + 1; j < nx; j++) idx[j] = (idx[j - 1] as number) + 1;
    }
    const pGreater = ge / count;
    const pLess = le / count;
    return { statistic: observed, pGreater, pLess, pTwoSided: Math.min(1, 2 * Math.min(pGreater, pLess)), method: 'exact', resamples: count };
  }
  // a step of the distribution is a map update: ten of them cost about one enumerated relabelling
  const distribution = permutationSumDistribution(all, nx, 10 * (options.maxExact ?? 200_000));
  if (distribution) {
    let pGreater = 0;
    let pLess = 0;
    for (const [sumX, p] of distribution) {
      const t = stat(sumX);
      if (t >= observed - gamma) pGreater += p;
      if (t <= observed + gamma) pLess += p;
    }
    pGreater = Math.min(1, pGreater);
    pLess = Math.min(1, pLess);
    return {
      statistic: observed,
      pGreater,
      pLess,
      pTwoSided: Math.min(1, 2 * Math.min(pGreater, pLess)),
      method: 'exact',
      resamples: Number.isSafeInteger(combos) ? combos : null,
    };
  }
  const resamples = options.resamples ?? 100_000;
  // The hot loop (resamples × n_x draws): `tally` inlined, the values unboxed; the same draws, sums and comparisons.
  const work = Float64Array.from(all);
  const rng = options.rng;
  const n = work.length;
  const atLeast = observed - gamma;
  const atMost = observed + gamma;
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < nx; i++) {
      const j = i + Math.floor(rng.next() * (n - i));
      const tmp = work[i] as number;
      work[i] = work[j] as number;
      work[j] = tmp;
      s += work[i] as number;
    }
    const t = s / nx - (total - s) / ny;
    if (t >= atLeast) ge++;
    if (t <= atMost) le++;
  }
  const pGreater = (ge + 1) / (resamples + 1);
  const pLess = (le + 1) / (resamples + 1);
  return { statistic: observed, pGreater, pLess, pTwoSided: Math.min(1, 2 * Math.min(pGreater, pLess)), method: 'monte-carlo', resamples };
}
