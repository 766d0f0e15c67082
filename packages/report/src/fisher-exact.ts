import { logGamma } from './incomplete-beta';

export interface FisherExactResult {
  /** Two-sided p: total probability of tables no more likely than the observed one (R's rule, relative tolerance 1e-7). */
  pTwoSided: number;
  /** One-sided p for odds ratio < 1: P(X ≤ a). */
  pLess: number;
  /** One-sided p for odds ratio > 1: P(X ≥ a). */
  pGreater: number;
  /** Sample odds ratio (a·d)/(b·c): Infinity when b·c = 0 < a·d, NaN when both are 0. */
  oddsRatio: number;
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * Fisher's exact test for the 2×2 table
 *
 *             outcome+  outcome−
 *   group 1      a         b
 *   group 2      c         d
 *
 * Conditioning on the margins, X (the top-left cell) is hypergeometric:
 * P(X = k) = C(a+c, k)·C(b+d, a+b−k) / C(n, a+b).
 */
export function fisherExact(a: number, b: number, c: number, d: number): FisherExactResult {
  for (const v of [a, b, c, d]) {
    if (!(Number.isInteger(v) && v >= 0)) throw new RangeError(`fisherExact: cells must be non-negative integers (got ${a}, ${b}, ${c}, ${d})`);
  }
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  const kMin = Math.max(0, row1 + col1 - n);
  const kMax = Math.min(row1, col1);
  const logs: number[] = [];
  for (let k = kMin; k <= kMax; k++) logs.push(logChoose(col1, k) + logChoose(n - col1, row1 - k) - logChoose(n, row1));
  const top = Math.max(...logs);
  const rel = logs.map((l) => Math.exp(l - top));
  const total = rel.reduce((s, v) => s + v, 0);
  const prob = rel.map((v) => v / total);
  const observed = prob[a - kMin] as number;
  let less = 0;
  let greater = 0;
  let two = 0;
  for (let i = 0; i < prob.length; i++) {
    const k = kMin + i;
    const p = prob[i] as number;
    if (k <= a) less += p;
    if (k >= a) greater += p;
    if (p <= observed * (1 + 1e-7)) two += p;
  }
  const num = a * d;
  const den = b * c;
  const oddsRatio = den === 0 ? (num === 0 ? NaN : Infinity) : num / den;
  return { pTwoSided: Math.min(1, two), pLess: Math.min(1, less), pGreater: Math.min(1, greater), oddsRatio };
}
