import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRng } from '@glasshouse/schema';
import { bootstrapMean, bootstrapPairedDifference, permutationTest } from '../src/index';

const ref = JSON.parse(readFileSync(new URL('./fixtures/scipy-reference.json', import.meta.url), 'utf8')) as {
  permutation: { x: number[]; y: number[]; statistic: number; pTwoSided: number; pGreater: number }[];
};

describe('bootstrapMean (scenario-level)', () => {
  it('all units 0 → observed 0 and the degenerate interval [0, 0], flagged', () => {
    const b = bootstrapMean(Array(16).fill(0), { resamples: 2000, level: 0.95, rng: createRng(1) });
    expect(b).toEqual({ observed: 0, lower: 0, upper: 0, resamples: 2000, degenerate: true });
  });

  it('all units one value: the interval is that value added n times over n, as resampling gives (mixed 0 and −0 too)', () => {
    const v = Array(7).fill(0.1);
    let s = 0;
    for (let i = 0; i < 7; i++) s += 0.1;
    const b = bootstrapMean(v, { resamples: 500, level: 0.9, rng: createRng(2) });
    expect(b).toEqual({ observed: s / 7, lower: s / 7, upper: s / 7, resamples: 500, degenerate: true });
    expect(s / 7).not.toBe(0.1); // the sum's rounding is kept, not replaced by the value
    const z = bootstrapMean([0, -0, 0], { resamples: 100, level: 0.95, rng: createRng(2) });
    expect(Object.is(z.lower, 0) && Object.is(z.upper, 0) && z.degenerate).toBe(true);
  });

  it('its interval is the type-7 quantiles of the sorted resampled means (same draws, any level, ties)', () => {
    const reference = (values: number[], resamples: number, level: number, seed: number) => {
      const rng = createRng(seed);
      const stats = new Float64Array(resamples);
      for (let r = 0; r < resamples; r++) {
        let s = 0;
        for (let i = 0; i < values.length; i++) s += values[Math.floor(rng.next() * values.length)] as number;
        stats[r] = s / values.length;
      }
      stats.sort();
      const q = (p: number) => {
        const h = (resamples - 1) * p;
        const lo = Math.floor(h);
        const hi = Math.min(resamples - 1, lo + 1);
        return (stats[lo] as number) + (h - lo) * ((stats[hi] as number) - (stats[lo] as number));
      };
      return { lower: q((1 - level) / 2), upper: q(1 - (1 - level) / 2), degenerate: stats[0] === stats[resamples - 1] };
    };
    const gen = createRng(5, 'units');
    for (let trial = 0; trial < 40; trial++) {
      const n = 1 + (trial % 9);
      const values = Array.from({ length: n }, () => (trial % 3 === 0 ? gen.int(0, 3) / 2 : gen.next()));
      const level = [0.5, 0.8, 0.9, 0.95, 0.99, 0.999][trial % 6] as number;
      const resamples = [100, 101, 1000, 2001][trial % 4] as number;
      const got = bootstrapMean(values, { resamples, level, rng: createRng(trial) });
      const want = reference(values, resamples, level, trial);
      expect({ lower: got.lower, upper: got.upper, degenerate: got.degenerate }, `trial ${trial}`).toEqual(want);
    }
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const v = [0.013, 0.21, 0.377, 0.52, 0.91, 0.66];
    const a = bootstrapMean(v, { resamples: 3000, level: 0.95, rng: createRng(7) });
    const b = bootstrapMean(v, { resamples: 3000, level: 0.95, rng: createRng(7) });
    const c = bootstrapMean(v, { resamples: 3000, level: 0.95, rng: createRng(8) });
    expect(b).toEqual(a);
    expect(c.lower === a.lower && c.upper === a.upper).toBe(false);
    expect(a.observed).toBeCloseTo(2.69 / 6, 14);
    expect(a.lower).toBeLessThanOrEqual(a.observed);
    expect(a.upper).toBeGreaterThanOrEqual(a.observed);
  });

  it('two units {0, 1}: resampled means are 0, ½, 1 with probabilities ¼, ½, ¼', () => {
    const rng = createRng('two');
    const counts = new Map<number, number>();
    const R = 20_000;
    // One resample per call so each mean is visible.
    for (let i = 0; i < R; i++) {
      const m = bootstrapMean([0, 1], { resamples: 1, level: 0.5, rng }).lower;
      counts.set(m, (counts.get(m) ?? 0) + 1);
    }
    expect((counts.get(0) ?? 0) / R).toBeCloseTo(0.25, 1);
    expect((counts.get(0.5) ?? 0) / R).toBeCloseTo(0.5, 1);
    expect((counts.get(1) ?? 0) / R).toBeCloseTo(0.25, 1);
    const b = bootstrapMean([0, 1], { resamples: 20_000, level: 0.95, rng: createRng(3) });
    expect([b.lower, b.upper]).toEqual([0, 1]);
  });

  it('the interval width shrinks like 1/√E: 4× the units ≈ half the width', () => {
    const units = (e: number) => Array.from({ length: e }, (_, i) => (i % 4) / 4);
    const w = (e: number) => {
      const b = bootstrapMean(units(e), { resamples: 20_000, level: 0.95, rng: createRng(e) });
      return b.upper - b.lower;
    };
    expect(w(64) / w(16)).toBeCloseTo(0.5, 1);
  });

  it('paired difference keeps the pairing: identical pairs give exactly 0', () => {
    const pairs = [0.1, 0.5, 0.9].map((x) => ({ a: x, b: x }));
    expect(bootstrapPairedDifference(pairs, { resamples: 500, level: 0.95, rng: createRng(1) })).toMatchObject({
      observed: 0,
      lower: 0,
      upper: 0,
      degenerate: true,
    });
    const shifted = [0.1, 0.5, 0.9].map((x) => ({ a: x, b: x - 0.1 }));
    const d = bootstrapPairedDifference(shifted, { resamples: 500, level: 0.95, rng: createRng(1) });
    expect(d.observed).toBeCloseTo(-0.1, 12);
    expect(d.lower).toBeCloseTo(-0.1, 12);
    expect(d.upper).toBeCloseTo(-0.1, 12);
  });
});

describe('permutationTest', () => {
  it('matches scipy.stats.permutation_test (exact, independent, difference of means)', () => {
    for (const c of ref.permutation) {
      const r = permutationTest(c.x, c.y, { rng: createRng(1) });
      expect(r.method).toBe('exact');
      expect(r.statistic).toBeCloseTo(c.statistic, 12);
      expect(r.pTwoSided).toBeCloseTo(c.pTwoSided, 12);
      expect(r.pGreater).toBeCloseTo(c.pGreater, 12);
    }
  });

  it('Monte Carlo agrees with the exact p within sampling error, and is seeded', () => {
    const c = ref.permutation[2]!;
    const x = [...c.x, 0.9, 1];
    const y = [...c.y, 0.6, 0.4];
    const exact = permutationTest(x, y, { rng: createRng(1) });
    const mc = permutationTest(x, y, { rng: createRng(1), maxExact: 10, resamples: 40_000 });
    expect(mc.method).toBe('monte-carlo');
    expect(Math.abs(mc.pGreater - exact.pGreater)).toBeLessThan(0.002);
    expect(permutationTest(x, y, { rng: createRng(1), maxExact: 10, resamples: 2000 })).toEqual(
      permutationTest(x, y, { rng: createRng(1), maxExact: 10, resamples: 2000 }),
    );
  });
});
