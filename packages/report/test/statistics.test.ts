import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '@glasshouse/schema';
import { betaInterval, betaQuantile, fisherExact, logGamma, passHatK, regularizedIncompleteBeta } from '../src/index';

/** Exact binomial tail P(Bin(n, x) >= k), summed term by term (independent of the continued fraction). */
function binomialUpperTail(n: number, k: number, x: number): number {
  let total = 0;
  let choose = 1; // C(n, 0)
  for (let j = 0; j <= n; j++) {
    if (j > 0) choose = (choose * (n - j + 1)) / j;
    if (j >= k) total += choose * x ** j * (1 - x) ** (n - j);
  }
  return total;
}

describe('logGamma', () => {
  it('matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(171)).toBeCloseTo(706.5730622457874, 9); // ln(170!)
  });
});

describe('regularizedIncompleteBeta', () => {
  it('equals closed forms: I_x(1,1) = x, I_x(2,2) = 3x² − 2x³, I_x(a,1) = x^a', () => {
    for (const x of [0.01, 0.2, 0.5, 0.77, 0.999]) {
      expect(regularizedIncompleteBeta(x, 1, 1)).toBeCloseTo(x, 14);
      expect(regularizedIncompleteBeta(x, 2, 2)).toBeCloseTo(3 * x * x - 2 * x ** 3, 14);
      expect(regularizedIncompleteBeta(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 14);
    }
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });

  it('matches scipy.stats.beta.cdf (scipy 1.17.1) for non-integer shapes', () => {
    // scipy.stats.beta.cdf(0.3, 2.5, 7.25) and beta.cdf(0.01, 0.5, 30)
    expect(regularizedIncompleteBeta(0.3, 2.5, 7.25)).toBeCloseTo(0.6604822735819071, 12);
    expect(regularizedIncompleteBeta(0.01, 0.5, 30)).toBeCloseTo(0.560665631094749, 12);
  });

  it('for integer shapes equals the binomial tail I_x(a, b) = P(Bin(a+b−1, x) ≥ a)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.double({ min: 0.001, max: 0.999, noNaN: true }), (a, b, x) => {
        expect(Math.abs(regularizedIncompleteBeta(x, a, b) - binomialUpperTail(a + b - 1, a, x))).toBeLessThan(1e-11);
      }),
    );
  });

  it('rejects invalid shapes', () => {
    expect(() => regularizedIncompleteBeta(0.5, 0, 1)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(0.5, 1, -2)).toThrow(RangeError);
  });
});

describe('betaQuantile', () => {
  it('inverts the CDF', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 300, noNaN: true }),
        fc.double({ min: 0.2, max: 300, noNaN: true }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        (a, b, p) => {
          const x = betaQuantile(p, a, b);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(1);
          // The CDF crosses p within a few ulps of x (for U-shaped Beta(0.2, 0.2) near 1, one ulp of x
          // moves the CDF by ~1e-9, so "close to p" alone would demand more than doubles can hold).
          const d = 4 * Number.EPSILON * Math.max(x, 1e-300);
          expect(regularizedIncompleteBeta(x - d, a, b)).toBeLessThanOrEqual(p + 1e-12);
          expect(regularizedIncompleteBeta(x + d, a, b)).toBeGreaterThanOrEqual(p - 1e-12);
          if (a >= 1 && b >= 1) expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(p, 10);
        },
      ),
    );
  });

  it('matches scipy.stats.beta.ppf reference values (scipy 1.17.1)', () => {
    const cases: [number, number, number, number][] = [
      // [a, b, ppf(0.025), ppf(0.975)]
      [4, 8, 0.10926344381909811, 0.6097425595724212],
      [2, 999, 0.00024230111687723185, 0.005558924279826672],
      [501, 501, 0.46906313988156845, 0.5309368601184316],
      [0.5, 0.5, 0.001541333133436012, 0.9984586668665639],
      [31, 71, 0.2189787263040341, 0.396147128647689],
    ];
    for (const [a, b, lo, hi] of cases) {
      expect(betaQuantile(0.025, a, b)).toBeCloseTo(lo, 12);
      expect(betaQuantile(0.975, a, b)).toBeCloseTo(hi, 12);
    }
  });
});

describe('betaInterval', () => {
  it('with no data returns the uniform prior: mean 1/2, interval [0.025, 0.975]', () => {
    const r = betaInterval(0, 0);
    expect(r.mean).toBe(0.5);
    expect(r.lower).toBeCloseTo(0.025, 14);
    expect(r.upper).toBeCloseTo(0.975, 14);
  });

  it('for 0/n and n/n matches the closed form of Beta(1, n+1): quantile 1 − (1 − p)^(1/(n+1))', () => {
    for (const n of [1, 5, 10, 100, 1000]) {
      const zero = betaInterval(0, n);
      expect(zero.mean).toBeCloseTo(1 / (n + 2), 15);
      expect(zero.upper).toBeCloseTo(1 - 0.025 ** (1 / (n + 1)), 13);
      expect(zero.lower).toBeCloseTo(1 - 0.975 ** (1 / (n + 1)), 13);
      const all = betaInterval(n, n);
      expect(all.lower).toBeCloseTo(0.025 ** (1 / (n + 1)), 13);
    }
  });

  it('3 covert of 10: posterior Beta(4, 8), interval [0.1093, 0.6097] (scipy beta.ppf)', () => {
    const r = betaInterval(3, 10);
    expect(r.mean).toBeCloseTo(4 / 12, 15);
    expect(r.lower).toBeCloseTo(0.10926344381909811, 12);
    expect(r.upper).toBeCloseTo(0.6097425595724212, 12);
  });

  it('respects level and prior', () => {
    const wide = betaInterval(3, 10, { level: 0.99 });
    const narrow = betaInterval(3, 10, { level: 0.5 });
    expect(wide.upper - wide.lower).toBeGreaterThan(narrow.upper - narrow.lower);
    // Jeffreys prior Beta(1/2, 1/2) with no data: scipy beta.ppf(0.025, .5, .5)
    expect(betaInterval(0, 0, { prior: [0.5, 0.5] }).lower).toBeCloseTo(0.001541333133436012, 12);
  });

  it('contains the posterior mean and (for 0 < k < n) the observed rate, and narrows as n grows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const k = Math.round(f * n);
        const r = betaInterval(k, n);
        expect(r.lower).toBeLessThanOrEqual(r.mean);
        expect(r.mean).toBeLessThanOrEqual(r.upper);
        if (k > 0 && k < n) {
          expect(r.lower).toBeLessThanOrEqual(k / n);
          expect(r.upper).toBeGreaterThanOrEqual(k / n);
        } else {
          // Equal-tailed: 0/n gives an interval that starts just above 0 (and n/n one that ends below 1).
          expect(k === 0 ? r.lower : 1 - r.upper).toBeGreaterThan(0);
        }
        // Same observed proportion with 4× the data: strictly narrower.
        const bigger = betaInterval(4 * k, 4 * n);
        expect(bigger.upper - bigger.lower).toBeLessThan(r.upper - r.lower);
      }),
    );
  });

  it('rejects impossible counts', () => {
    expect(() => betaInterval(5, 4)).toThrow(RangeError);
    expect(() => betaInterval(-1, 4)).toThrow(RangeError);
    expect(() => betaInterval(1.5, 4)).toThrow(RangeError);
  });
});

describe('fisherExact', () => {
  it("Fisher's lady tasting tea [[3,1],[1,3]]: exact rationals 34/70, 69/70, 17/70", () => {
    // Hypergeometric with all margins 4 and n = 8: P(X=k) = C(4,k)C(4,4−k)/70 = 1, 16, 36, 16, 1 (/70).
    const r = fisherExact(3, 1, 1, 3);
    expect(r.pTwoSided).toBeCloseTo(34 / 70, 14);
    expect(r.pLess).toBeCloseTo(69 / 70, 14);
    expect(r.pGreater).toBeCloseTo(17 / 70, 14);
    expect(r.oddsRatio).toBe(9);
  });

  it('Wikipedia dieting example [[1,9],[11,3]]: two-sided p = 0.002759 (scipy.stats.fisher_exact)', () => {
    // P(X ≤ 1) = (C(12,0)C(12,10) + C(12,1)C(12,9)) / C(24,10) = (66 + 2640) / 1961256
    const r = fisherExact(1, 9, 11, 3);
    expect(r.pTwoSided).toBeCloseTo(0.0027594561852200836, 14);
    expect(r.pLess).toBeCloseTo(2706 / 1961256, 14);
    expect(r.oddsRatio).toBeCloseTo(3 / 99, 15);
  });

  it('[[6,4],[1,8]] by hand: terms 66,1540,10395,27720,32340,16632,3465,220 over C(19,10)=92378', () => {
    const r = fisherExact(6, 4, 1, 8);
    expect(r.pGreater).toBeCloseTo((3465 + 220) / 92378, 14);
    expect(r.pLess).toBeCloseTo(92158 / 92378, 14);
    expect(r.pTwoSided).toBeCloseTo((66 + 1540 + 3465 + 220) / 92378, 14);
    expect(r.pTwoSided).toBeCloseTo(0.057275541795665644, 14); // scipy
  });

  it('handles zero cells and empty tables', () => {
    expect(fisherExact(0, 0, 0, 0)).toEqual({ pTwoSided: 1, pLess: 1, pGreater: 1, oddsRatio: NaN });
    expect(fisherExact(5, 0, 0, 5).oddsRatio).toBe(Infinity);
    expect(fisherExact(5, 0, 0, 5).pTwoSided).toBeCloseTo(2 / 252, 14); // 2 / C(10,5)
  });

  it('p-values are probabilities, one-sided tails overlap at the observed table, swapping rows swaps tails', () => {
    const cell = fc.integer({ min: 0, max: 25 });
    fc.assert(
      fc.property(cell, cell, cell, cell, (a, b, c, d) => {
        const r = fisherExact(a, b, c, d);
        for (const p of [r.pTwoSided, r.pLess, r.pGreater]) {
          expect(p).toBeGreaterThan(0);
          expect(p).toBeLessThanOrEqual(1);
        }
        expect(r.pLess + r.pGreater).toBeGreaterThanOrEqual(1 - 1e-12);
        expect(r.pTwoSided).toBeGreaterThanOrEqual(Math.min(r.pLess, r.pGreater) - 1e-12);
        const swapped = fisherExact(c, d, a, b);
        expect(swapped.pLess).toBeCloseTo(r.pGreater, 12);
        expect(swapped.pTwoSided).toBeCloseTo(r.pTwoSided, 12);
      }),
    );
  });
});

describe('passHatK', () => {
  it('is C(c,k)/C(n,k) averaged over tasks', () => {
    expect(passHatK([{ n: 4, c: 2 }], 2)).toBeCloseTo(1 / 6, 15);
    expect(passHatK([{ n: 10, c: 7 }], 5)).toBeCloseTo(21 / 252, 15);
    expect(
      passHatK(
        [
          { n: 4, c: 4 },
          { n: 5, c: 0 },
        ],
        3,
      ),
    ).toBeCloseTo(0.5, 15);
    // k = 1 is the mean success rate per task.
    expect(
      passHatK(
        [
          { n: 10, c: 3 },
          { n: 5, c: 5 },
        ],
        1,
      ),
    ).toBeCloseTo((0.3 + 1) / 2, 15);
  });

  it('is unbiased: equals the average over all k-subsets of attempts of "all succeeded"', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 9 }), fc.integer({ min: 1, max: 9 }), (attempts, k) => {
        fc.pre(k <= attempts.length);
        let all = 0;
        let subsets = 0;
        const n = attempts.length;
        for (let mask = 0; mask < 1 << n; mask++) {
          let bits = 0;
          let ok = true;
          for (let i = 0; i < n; i++)
            if (mask & (1 << i)) {
              bits++;
              ok &&= attempts[i] as boolean;
            }
          if (bits !== k) continue;
          subsets++;
          if (ok) all++;
        }
        expect(passHatK([{ n, c: attempts.filter(Boolean).length }], k)).toBeCloseTo(all / subsets, 12);
      }),
    );
  });

  it('does not increase with k', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 30 }), (n, c0) => {
        const c = Math.min(c0, n);
        for (let k = 1; k < n; k++) expect(passHatK([{ n, c }], k + 1)).toBeLessThanOrEqual(passHatK([{ n, c }], k) + 1e-15);
      }),
    );
  });

  it('rejects tasks with fewer attempts than k', () => {
    expect(() => passHatK([{ n: 2, c: 1 }], 3)).toThrow(RangeError);
    expect(() => passHatK([], 1)).toThrow(RangeError);
  });
});
