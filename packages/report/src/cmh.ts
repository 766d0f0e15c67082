import { logGamma } from './incomplete-beta';
import { chiSquareSf } from './normal';

/** One stratum's 2×2 table: rows are arms (A, B), columns (event, no event). */
export interface Stratum2x2 {
  a: number;
  b: number;
  c: number;
  d: number;
}

export interface CmhResult {
  /** Strata given, and those with both arms and both outcomes present (the rest carry no information). */
  strata: number;
  informative: number;
  /** S = Σ a_k, its null expectation Σ E(a_k) and variance Σ Var(a_k) (hypergeometric). */
  statistic: number;
  expected: number;
  variance: number;
  /** Exact conditional test: the null distribution of S is the convolution of the strata's hypergeometrics. */
  exact: { pTwoSided: number; pGreater: number; pLess: number };
  /** Mantel–Haenszel chi-square with continuity correction (1 df), as R's mantelhaen.test; null when Var = 0. */
  chiSquare: number | null;
  pChiSquare: number | null;
  /** Mantel–Haenszel common odds ratio Σ(a d/n) / Σ(b c/n) of arm A vs arm B; Infinity / NaN when undefined. */
  oddsRatio: number;
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** Hypergeometric pmf of the top-left cell given the margins, from kMin to kMax. */
function hypergeometric(row1: number, col1: number, n: number): { kMin: number; probs: number[] } {
  const kMin = Math.max(0, row1 + col1 - n);
  const kMax = Math.min(row1, col1);
  const logs: number[] = [];
  for (let k = kMin; k <= kMax; k++) logs.push(logChoose(col1, k) + logChoose(n - col1, row1 - k) - logChoose(n, row1));
  const top = Math.max(...logs);
  const rel = logs.map((l) => Math.exp(l - top));
  const total = rel.reduce((s, v) => s + v, 0);
  return { kMin, probs: rel.map((v) => v / total) };
}

/**
 * Cochran–Mantel–Haenszel test of conditional independence in a 2×2×K table (arm × outcome within
 * each stratum, e.g. scenario). Returns the exact conditional test (the one R's
 * `mantelhaen.test(exact = TRUE)` reports; two-sided by R's rule: the total probability of values
 * of S no more likely than the observed, relative tolerance 1e-7), the asymptotic MH chi-square
 * with continuity correction, and the MH common odds ratio. With one stratum the exact test is
 * Fisher's exact test; with strata of one pair each (a parent and its fork) it is McNemar's exact test.
 */
export function cochranMantelHaenszel(strata: readonly Stratum2x2[]): CmhResult {
  let dist = [1];
  let offset = 0;
  let statistic = 0;
  let expected = 0;
  let variance = 0;
  let num = 0;
  let den = 0;
  let informative = 0;
  for (const s of strata) {
    for (const v of [s.a, s.b, s.c, s.d]) {
      if (!(Number.isInteger(v) && v >= 0))
        throw new RangeError(`cochranMantelHaenszel: cells must be non-negative integers (got ${s.a}, ${s.b}, ${s.c}, ${s.d})`);
    }
    const n = s.a + s.b + s.c + s.d;
    if (n === 0) continue;
    const row1 = s.a + s.b;
    const col1 = s.a + s.c;
    statistic += s.a;
    expected += (row1 * col1) / n;
    if (n > 1) variance += (row1 * (n - row1) * col1 * (n - col1)) / (n * n * (n - 1));
    num += (s.a * s.d) / n;
    den += (s.b * s.c) / n;
    if (row1 > 0 && row1 < n && col1 > 0 && col1 < n) informative++;
    const h = hypergeometric(row1, col1, n);
    const next = new Array<number>(dist.length + h.probs.length - 1).fill(0);
    for (let i = 0; i < dist.length; i++) {
      const p = dist[i] as number;
      if (p === 0) continue;
      for (let j = 0; j < h.probs.length; j++) next[i + j] = (next[i + j] as number) + p * (h.probs[j] as number);
    }
    dist = next;
    offset += h.kMin;
  }
  const observed = dist[statistic - offset] ?? 0;
  let less = 0;
  let greater = 0;
  let two = 0;
  dist.forEach((p, i) => {
    const s = i + offset;
    if (s <= statistic) less += p;
    if (s >= statistic) greater += p;
    if (p <= observed * (1 + 1e-7)) two += p;
  });
  const chiSquare = variance > 0 ? Math.max(0, Math.abs(statistic - expected) - 0.5) ** 2 / variance : null;
  return {
    strata: strata.length,
    informative,
    statistic,
    expected,
    variance,
    exact: { pTwoSided: Math.min(1, two), pGreater: Math.min(1, greater), pLess: Math.min(1, less) },
    chiSquare,
    pChiSquare: chiSquare === null ? null : chiSquareSf(chiSquare, 1),
    oddsRatio: den === 0 ? (num === 0 ? NaN : Infinity) : num / den,
  };
}
