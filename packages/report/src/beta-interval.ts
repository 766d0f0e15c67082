import { z } from 'zod';
import { betaQuantile } from './incomplete-beta';

export const BetaIntervalOptions = z.strictObject({
  /** Credible level of the equal-tailed interval. */
  level: z.number().gt(0).lt(1).default(0.95),
  /** Beta prior [alpha, beta]; [1, 1] is the uniform prior the anti-scheming paper uses. */
  prior: z.tuple([z.number().positive(), z.number().positive()]).default([1, 1]),
});
export type BetaIntervalOptions = z.input<typeof BetaIntervalOptions>;

export interface BetaInterval {
  /** Posterior mean (successes + α) / (trials + α + β). */
  mean: number;
  /** Lower end of the equal-tailed credible interval. */
  lower: number;
  /** Upper end of the equal-tailed credible interval. */
  upper: number;
}

/**
 * Equal-tailed Bayesian credible interval for a binomial rate: with a Beta(α, β) prior and
 * `successes` of `trials`, the posterior is Beta(α + successes, β + trials − successes).
 */
export function betaInterval(successes: number, trials: number, options: BetaIntervalOptions = {}): BetaInterval {
  const { level, prior } = BetaIntervalOptions.parse(options);
  if (!(Number.isInteger(successes) && Number.isInteger(trials) && successes >= 0 && trials >= successes)) {
    throw new RangeError(`betaInterval: need integers 0 <= successes <= trials (got ${successes}/${trials})`);
  }
  const a = prior[0] + successes;
  const b = prior[1] + trials - successes;
  const tail = (1 - level) / 2;
  return { mean: a / (a + b), lower: betaQuantile(tail, a, b), upper: betaQuantile(1 - tail, a, b) };
}
