/**
 * Where R's type-7 quantile p of an ascending sample of n values lies: between the values at `lo`
 * and `hi`, `frac` of the way (numpy's default).
 */
export function quantilePosition(n: number, p: number): { lo: number; hi: number; frac: number } {
  if (n === 0) throw new RangeError('quantileSorted: empty sample');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileSorted: p must be in [0, 1] (got ${p})`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  return { lo, hi: Math.min(n - 1, lo + 1), frac: h - lo };
}

/** Quantile of an ascending-sorted sample by linear interpolation (R's type 7, numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const { lo, hi, frac } = quantilePosition(sorted.length, p);
  const x = sorted[lo] as number;
  return x + frac * ((sorted[hi] as number) - x);
}
