import type { Rng } from '@glasshouse/schema';

export interface PermutationTestResult {
  /** mean(x) − mean(y). */
  statistic: number;
  /** P(T ≥ t) under random relabelling (evidence that x's mean is higher). */
  pGreater: number;
  pLess: number;
  /** min(1, 2·min(pGreater, pLess)), SciPy's `permutation_test` convention. */
  pTwoSided: number;
  /** 'exact' enumerates every relabelling; 'monte-carlo' draws `resamples` (p = (hits + 1)/(B + 1)). */
  method: 'exact' | 'monte-carlo';
  resamples: number;
}

function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/**
 * Two-sample permutation test of a difference in means (Fisher 1935; Good 2005). Exact when the
 * number of relabellings C(n_x + n_y, n_x) is at most `maxExact`, otherwise seeded Monte Carlo.
 * Ties with the observed statistic count as at least as extreme (relative tolerance 100·ε, as SciPy).
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
  const gamma = Math.abs(observed) * 100 * Number.EPSILON;
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
