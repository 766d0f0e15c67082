import type { Rng } from '@glasshouse/schema';

/** Standard normal variate (Box–Muller, one of the pair). */
function normal(rng: Rng): number {
  const u1 = 1 - rng.next(); // (0, 1]
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Gamma(shape, 1) variate: Marsaglia & Tsang (2000), with the shape < 1 boost. */
export function sampleGamma(shape: number, rng: Rng): number {
  if (!(shape > 0 && Number.isFinite(shape))) throw new RangeError(`sampleGamma: shape must be > 0 (got ${shape})`);
  if (shape < 1) {
    const u = 1 - rng.next();
    return sampleGamma(shape + 1, rng) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(a, b) variate as G_a / (G_a + G_b). */
export function sampleBeta(a: number, b: number, rng: Rng): number {
  const x = sampleGamma(a, rng);
  const y = sampleGamma(b, rng);
  return x / (x + y);
}
