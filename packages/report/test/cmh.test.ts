import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cochranMantelHaenszel, fisherExact, type Stratum2x2 } from '../src/index';

/** Reference values from scipy 1.17.1 (hypergeom.pmf convolution, chi2.sf); see test/fixtures/generate-reference.py. */
const ref = JSON.parse(readFileSync(new URL('./fixtures/cmh-reference.json', import.meta.url), 'utf8')) as {
  cmh: {
    strata: [[number, number], [number, number]][];
    S: number;
    expected: number;
    variance: number;
    exactTwoSided: number;
    exactGreater: number;
    exactLess: number;
    oddsRatioMH: number | null;
    chi2cc: number;
    pChi2cc: number;
  }[];
};

const toStrata = (s: [[number, number], [number, number]][]): Stratum2x2[] => s.map(([[a, b], [c, d]]) => ({ a, b, c, d }));

describe('cochranMantelHaenszel', () => {
  it("R's mantelhaen.test Rabbits example (penicillin × delay × level): X² = 3.9286, p = 0.04747; exact p = 0.03994; OR_MH = 7", () => {
    // R documentation, stats::mantelhaen.test, example "Rabbits" (Mantel 1963).
    const r = cochranMantelHaenszel(toStrata(ref.cmh[0]!.strata));
    expect(r.statistic).toBe(16);
    expect(r.expected).toBeCloseTo(13, 12);
    expect(r.chiSquare).toBeCloseTo(3.9286, 4);
    expect(r.pChiSquare).toBeCloseTo(0.04747, 5);
    expect(r.exact.pTwoSided).toBeCloseTo(0.03994, 5);
    expect(r.oddsRatio).toBeCloseTo(7, 12);
    expect(r.informative).toBe(3); // strata 1 and 5 have a zero column margin
  });

  it('matches the scipy-computed fixtures (statistic, moments, exact tails, MH chi-square, odds ratio)', () => {
    for (const c of ref.cmh) {
      const r = cochranMantelHaenszel(toStrata(c.strata));
      expect(r.statistic).toBe(c.S);
      expect(r.expected).toBeCloseTo(c.expected, 12);
      expect(r.variance).toBeCloseTo(c.variance, 12);
      expect(r.exact.pTwoSided).toBeCloseTo(c.exactTwoSided, 12);
      expect(r.exact.pGreater).toBeCloseTo(c.exactGreater, 12);
      expect(r.exact.pLess).toBeCloseTo(c.exactLess, 12);
      expect(r.chiSquare).toBeCloseTo(c.chi2cc, 10);
      expect(r.pChiSquare).toBeCloseTo(c.pChi2cc, 10);
      if (c.oddsRatioMH === null) expect(r.oddsRatio).toBe(Infinity);
      else expect(r.oddsRatio).toBeCloseTo(c.oddsRatioMH, 10);
    }
  });

  it("with one stratum the exact test is Fisher's exact test", () => {
    for (const t of [
      { a: 3, b: 5, c: 0, d: 8 },
      { a: 1, b: 9, c: 11, d: 3 },
      { a: 6, b: 4, c: 1, d: 8 },
    ]) {
      const r = cochranMantelHaenszel([t]);
      const f = fisherExact(t.a, t.b, t.c, t.d);
      expect(r.exact.pTwoSided).toBeCloseTo(f.pTwoSided, 12);
      expect(r.exact.pGreater).toBeCloseTo(f.pGreater, 12);
      expect(r.exact.pLess).toBeCloseTo(f.pLess, 12);
    }
  });

  it("with one pair per stratum (a parent and its fork) it is McNemar's exact test: 7 vs 1 discordant pairs, p = 2·9/256", () => {
    const strata: Stratum2x2[] = [
      ...Array.from({ length: 7 }, () => ({ a: 1, b: 0, c: 0, d: 1 })), // covert before, clean after
      { a: 0, b: 1, c: 1, d: 0 }, // clean before, covert after
      ...Array.from({ length: 5 }, () => ({ a: 1, b: 0, c: 1, d: 0 })), // concordant: no information
      ...Array.from({ length: 4 }, () => ({ a: 0, b: 1, c: 0, d: 1 })),
    ];
    const r = cochranMantelHaenszel(strata);
    expect(r.informative).toBe(8);
    expect(r.exact.pTwoSided).toBeCloseTo((2 * 9) / 256, 14);
    expect(r.exact.pGreater).toBeCloseTo(9 / 256, 14);
    expect(r.oddsRatio).toBeCloseTo(7, 12); // MH odds ratio of matched pairs = b/c
  });

  it('strata with no variation change nothing; all-empty input gives p = 1 and no chi-square', () => {
    const base = toStrata(ref.cmh[1]!.strata);
    const r1 = cochranMantelHaenszel(base);
    const r2 = cochranMantelHaenszel([...base, { a: 0, b: 8, c: 0, d: 8 }, { a: 0, b: 0, c: 0, d: 0 }]);
    expect(r2.exact).toEqual(r1.exact);
    expect(r2.chiSquare).toBeCloseTo(r1.chiSquare as number, 12);
    const none = cochranMantelHaenszel([{ a: 0, b: 4, c: 0, d: 4 }]);
    expect(none.exact.pTwoSided).toBe(1);
    expect(none.chiSquare).toBeNull();
    expect(none.oddsRatio).toBeNaN();
    expect(() => cochranMantelHaenszel([{ a: -1, b: 0, c: 0, d: 0 }])).toThrow(RangeError);
  });

  it('swapping the arms swaps the one-sided tails', () => {
    const s = toStrata(ref.cmh[2]!.strata);
    const r = cochranMantelHaenszel(s);
    const swapped = cochranMantelHaenszel(s.map((t) => ({ a: t.c, b: t.d, c: t.a, d: t.b })));
    expect(swapped.exact.pGreater).toBeCloseTo(r.exact.pLess, 12);
    expect(swapped.exact.pTwoSided).toBeCloseTo(r.exact.pTwoSided, 12);
  });
});
