import { betaQuantile } from './incomplete-beta';
import { normalQuantile } from './normal';

/** How a single binomial proportion's confidence interval is computed. */
export type IntervalMethod = 'clopper-pearson' | 'wilson';

export interface ProportionInterval {
  lower: number;
  upper: number;
}

function check(k: number, n: number, level: number): void {
  if (!(Number.isInteger(k) && Number.isInteger(n) && k >= 0 && n >= k)) {
    throw new RangeError(`binomial interval: need integers 0 <= k <= n (got ${k}/${n})`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`binomial interval: level must be in (0, 1) (got ${level})`);
}

/**
 * Clopper–Pearson ("exact") interval: lower = B(α/2; k, n−k+1), upper = B(1−α/2; k+1, n−k), with
 * B the Beta quantile, lower = 0 when k = 0 and upper = 1 when k = n. Always contains k/n; coverage
 * is at least `level` for every true rate (Clopper & Pearson 1934). n = 0 gives [0, 1].
 */
export function clopperPearson(k: number, n: number, level = 0.95): ProportionInterval {
  check(k, n, level);
  if (n === 0) return { lower: 0, upper: 1 };
  const alpha = 1 - level;
  return {
    lower: k === 0 ? 0 : betaQuantile(alpha / 2, k, n - k + 1),
    upper: k === n ? 1 : betaQuantile(1 - alpha / 2, k + 1, n - k),
  };
}

/**
 * Wilson score interval (Wilson 1927): (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n) with
 * z = Φ⁻¹(1 − α/2). Contains k/n; exactly 0 (or 1) at the boundary. n = 0 gives [0, 1].
 */
export function wilson(k: number, n: number, level = 0.95): ProportionInterval {
  check(k, n, level);
  if (n === 0) return { lower: 0, upper: 1 };
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = k / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return {
    lower: k === 0 ? 0 : Math.max(0, Math.min(p, (centre - half) / denom)),
    upper: k === n ? 1 : Math.min(1, Math.max(p, (centre + half) / denom)),
  };
}

export function proportionInterval(k: number, n: number, options: { level?: number; method?: IntervalMethod } = {}): ProportionInterval {
  const level = options.level ?? 0.95;
  return (options.method ?? 'clopper-pearson') === 'wilson' ? wilson(k, n, level) : clopperPearson(k, n, level);
}
