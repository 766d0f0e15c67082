import { describe, expect, it } from 'vitest';
import { createRng } from '@glasshouse/schema';
import { permutationSumDistribution, permutationTest } from '../src/index';

/** Every way to pick nx of the indices (brute force, small samples only). */
function* subsets(n: number, k: number, start = 0, picked: number[] = []): Generator<number[]> {
  if (picked.length === k) {
    yield picked;
    return;
  }
  for (let i = start; i <= n - (k - picked.length); i++) yield* subsets(n, k, i + 1, [...picked, i]);
}

/**
 * One-sided p-values by enumerating every relabelling with values in integer tenths, so ties are
 * decided exactly (what the float tolerance in the test under check must reproduce).
 */
function bruteForce(x: number[], y: number[]): { pGreater: number; pLess: number } {
  const all = [...x, ...y].map((v) => Math.round(v * 10));
  const total = all.reduce((s, v) => s + v, 0);
  const nx = x.length;
  const ny = y.length;
  // compare mean differences as integers: (s·ny − (total − s)·nx)
  const stat = (s: number) => s * ny - (total - s) * nx;
  const observed = stat(all.slice(0, nx).reduce((s, v) => s + v, 0));
  let ge = 0;
  let le = 0;
  let count = 0;
  for (const idx of subsets(all.length, nx)) {
    const t = stat(idx.reduce((s, i) => s + (all[i] as number), 0));
    if (t >= observed) ge++;
    if (t <= observed) le++;
    count++;
  }
  return { pGreater: ge / count, pLess: le / count };
}

function sample(rng: ReturnType<typeof createRng>, n: number, levels: number[]): number[] {
  return Array.from({ length: n }, () => rng.pick(levels));
}

describe('permutationSumDistribution (exact by distinct value)', () => {
  it('is a probability distribution whose support is every reachable sum', () => {
    const d = permutationSumDistribution([0, 0, 1, 1, 1, 2], 3, 1e6);
    expect(d).not.toBeNull();
    const total = [...(d as Map<number, number>).values()].reduce((s, p) => s + p, 0);
    expect(total).toBeCloseTo(1, 14);
    // sums of 3 of {0,0,1,1,1,2}: 1 (0,0,1)=3/20, 2 (0,0,2)+(0,1,1)=1/20+6/20, 3 (0,1,2)+(1,1,1)=6/20+1/20, 4 (1,1,2)=3/20
    expect([...(d as Map<number, number>).entries()].sort((a, b) => a[0] - b[0]).map(([s, p]) => [s, Number(p.toFixed(12))])).toEqual([
      [1, 0.15],
      [2, 0.35],
      [3, 0.35],
      [4, 0.15],
    ]);
  });

  it('gives up (null) past its work budget and on values that are not finite', () => {
    expect(permutationSumDistribution([0, 1, 2, 3, 4, 5, 6, 7], 4, 5)).toBeNull();
    expect(permutationSumDistribution([0, 1, Number.NaN], 1, 1e6)).toBeNull();
    expect(permutationSumDistribution([0, 1, Number.POSITIVE_INFINITY], 1, 1e6)).toBeNull();
  });

  it('agrees with enumerating every relabelling, ties decided exactly (tenths that do not add exactly in floating point)', () => {
    const rng = createRng(7, 'perm-dist');
    const choose = (n: number, k: number): number => (k === 0 ? 1 : (choose(n - 1, k - 1) * n) / k);
    let viaDistribution = 0;
    for (let trial = 0; trial < 60; trial++) {
      const levels = [
        [0, 1],
        [0.1, 0.2, 0.3],
        [0.1, 0.7, 0.2, 0.6],
        [0.3, 0.6, 0.9, 1.2, 0.1],
      ][trial % 4] as number[];
      const x = sample(rng, 3 + (trial % 5), levels);
      const y = sample(rng, 4 + (trial % 4), levels);
      const want = bruteForce(x, y);
      // maxExact below the relabelling count: the enumeration is skipped, the distribution used
      const got = permutationTest(x, y, { rng: createRng(1), maxExact: 40 });
      if (got.method !== 'exact') continue;
      if (choose(x.length + y.length, x.length) > 40) viaDistribution++;
      expect(got.pGreater, `x=${x} y=${y}`).toBeCloseTo(want.pGreater, 12);
      expect(got.pLess, `x=${x} y=${y}`).toBeCloseTo(want.pLess, 12);
    }
    expect(viaDistribution).toBeGreaterThan(40);
  });

  it('equal means whose sums differ in the last bit are ties, in every path (enumeration, distribution, Monte Carlo)', () => {
    // x and y both sum to 1.8; added in data order the statistic is −1.1e-16, not 0
    const x = [0.1, 0.3, 0.7, 0.7];
    const y = [0.2, 0.7, 0.2, 0.7];
    const want = bruteForce(x, y);
    expect(want.pGreater).toBeCloseTo(41 / 70, 12);
    for (const maxExact of [200_000, 40]) {
      const got = permutationTest(x, y, { rng: createRng(1), maxExact });
      expect(got.method).toBe('exact');
      expect(got.pGreater).toBeCloseTo(want.pGreater, 12);
      expect(got.pLess).toBeCloseTo(want.pLess, 12);
    }
    const mc = permutationTest(x, y, { rng: createRng(1), maxExact: 1, resamples: 20_000 });
    expect(mc.method).toBe('monte-carlo');
    expect(Math.abs(mc.pGreater - want.pGreater)).toBeLessThan(0.02);
  });

  it('two values: the one-sided p is the hypergeometric (Fisher) tail, at sizes no enumeration reaches', () => {
    // 64 control at 1 of 64 scoring 1 vs 64 threat: x holds a of the K ones, P(A ≥ a_obs)
    const control = [...Array(60).fill(1), ...Array(4).fill(0.5)];
    const threat = [...Array(20).fill(1), ...Array(44).fill(0.5)];
    const r = permutationTest(control, threat, { rng: createRng(0) });
    expect(r.method).toBe('exact');
    expect(r.resamples).toBeNull(); // C(128, 64) > 2^53
    // hypergeometric tail in log space: N = 128, K = 80 ones, n = 64 drawn, observed 60
    const logC = (n: number, k: number) => {
      let s = 0;
      for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
      return s;
    };
    let tail = 0;
    for (let a = 60; a <= 64; a++) tail += Math.exp(logC(80, a) + logC(48, 64 - a) - logC(128, 64));
    expect(r.pGreater / tail).toBeCloseTo(1, 10);
    expect(r.pLess).toBeCloseTo(1, 12);
  });

  it('Monte Carlo (the fallback past the budget) agrees with the exact distribution within sampling error', () => {
    const rng = createRng(3, 'mc-vs-exact');
    const x = sample(rng, 70, [0.2, 0.4, 0.6, 0.8, 1]);
    const y = sample(rng, 90, [0, 0.2, 0.4, 0.6, 0.8]);
    const exact = permutationTest(x, y, { rng: createRng(1) });
    const mc = permutationTest(x, y, { rng: createRng(1), maxExact: 10, resamples: 40_000 });
    expect(exact.method).toBe('exact');
    expect(mc.method).toBe('monte-carlo');
    expect(Math.abs(mc.pGreater - exact.pGreater)).toBeLessThan(0.01);
    expect(Math.abs(mc.pLess - exact.pLess)).toBeLessThan(0.01);
  });
});
