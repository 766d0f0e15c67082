import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { chiSquareSf, clopperPearson, normalQuantile, proportionInterval, wilson } from '../src/index';

/** scipy 1.17.1 outputs; regenerate with test/fixtures/generate-reference.py. */
const ref = JSON.parse(readFileSync(new URL('./fixtures/scipy-reference.json', import.meta.url), 'utf8')) as {
  binomial: { k: number; n: number; cp95: [number, number]; wilson95: [number, number]; cp90: [number, number]; wilson90: [number, number] }[];
  normalPpf: [number, number][];
  chi2sf1: [number, number][];
};

describe('clopperPearson', () => {
  it('matches scipy.stats.binomtest(k, n).proportion_ci(method="exact") at 95% and 90%', () => {
    for (const r of ref.binomial) {
      const a = clopperPearson(r.k, r.n, 0.95);
      expect(a.lower).toBeCloseTo(r.cp95[0], 10);
      expect(a.upper).toBeCloseTo(r.cp95[1], 10);
      const b = clopperPearson(r.k, r.n, 0.9);
      expect(b.lower).toBeCloseTo(r.cp90[0], 10);
      expect(b.upper).toBeCloseTo(r.cp90[1], 10);
    }
  });

  it('closed forms at the boundary: 0/n gives [0, 1 − (α/2)^(1/n)], n/n gives [(α/2)^(1/n), 1]', () => {
    for (const n of [1, 4, 8, 136]) {
      expect(clopperPearson(0, n)).toEqual({ lower: 0, upper: expect.closeTo(1 - 0.025 ** (1 / n), 12) });
      expect(clopperPearson(n, n)).toEqual({ lower: expect.closeTo(0.025 ** (1 / n), 12), upper: 1 });
    }
  });

  it('n = 0 says nothing: [0, 1]; impossible counts are rejected', () => {
    expect(clopperPearson(0, 0)).toEqual({ lower: 0, upper: 1 });
    expect(() => clopperPearson(3, 2)).toThrow(RangeError);
    expect(() => clopperPearson(-1, 2)).toThrow(RangeError);
    expect(() => clopperPearson(1, 2, 1)).toThrow(RangeError);
  });
});

describe('wilson', () => {
  it('matches scipy.stats.binomtest(k, n).proportion_ci(method="wilson") at 95% and 90%', () => {
    for (const r of ref.binomial) {
      const a = wilson(r.k, r.n, 0.95);
      expect(a.lower).toBeCloseTo(r.wilson95[0], 10);
      expect(a.upper).toBeCloseTo(r.wilson95[1], 10);
      const b = wilson(r.k, r.n, 0.9);
      expect(b.lower).toBeCloseTo(r.wilson90[0], 10);
      expect(b.upper).toBeCloseTo(r.wilson90[1], 10);
    }
  });
});

describe('every interval contains the observed rate (the bug this replaced: "100.0% [66.4, 99.7]")', () => {
  it('for all k ≤ n ≤ 300 and levels, Clopper–Pearson and Wilson contain k/n and lie in [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.8, 0.9, 0.95, 0.99), (n, u, level) => {
        const k = Math.min(n, Math.floor(u * (n + 1)));
        for (const method of ['clopper-pearson', 'wilson'] as const) {
          const i = proportionInterval(k, n, { level, method });
          expect(i.lower).toBeGreaterThanOrEqual(0);
          expect(i.upper).toBeLessThanOrEqual(1);
          expect(i.lower).toBeLessThanOrEqual(k / n);
          expect(i.upper).toBeGreaterThanOrEqual(k / n);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('Clopper–Pearson coverage is at least the level (exact binomial sum at p = 0.05, 0.3, n = 20)', () => {
    for (const p of [0.05, 0.3]) {
      const n = 20;
      let cover = 0;
      let choose = 1;
      for (let k = 0; k <= n; k++) {
        if (k > 0) choose = (choose * (n - k + 1)) / k;
        const i = clopperPearson(k, n);
        if (i.lower <= p && p <= i.upper) cover += choose * p ** k * (1 - p) ** (n - k);
      }
      expect(cover).toBeGreaterThanOrEqual(0.95);
    }
  });
});

describe('normalQuantile and chiSquareSf', () => {
  it('match scipy.stats.norm.ppf and scipy.stats.chi2.sf(x, 1)', () => {
    for (const [p, z] of ref.normalPpf) expect(normalQuantile(p)).toBeCloseTo(z, 12);
    for (const [x, q] of ref.chi2sf1) expect(chiSquareSf(x, 1) / q).toBeCloseTo(1, 10);
  });

  it('chi-square with 2 df is exp(−x/2) (closed form)', () => {
    for (const x of [0.1, 1, 5, 20]) expect(chiSquareSf(x, 2)).toBeCloseTo(Math.exp(-x / 2), 13);
  });
});
