/**
 * The exact permutation distribution of sum(x) when x's n_x values are drawn without replacement
 * from the pooled sample, computed by distinct value instead of by relabelling: with c_i copies of
 * value v_i, x holds a_i of them with multivariate hypergeometric probability Π C(c_i, a_i) / C(N, n_x).
 * The values are taken one at a time (a_i given how many are still to choose and how many values
 * are left, a univariate hypergeometric), so the states are (still to choose, partial sum). Scored
 * detectors (accuracy over a handful of questions, 0/1 flags) have few distinct values, so this is
 * exact where enumerating C(N, n_x) relabellings is out of reach, and costs about n_x² steps.
 */

/** Sum of x → its probability under random relabelling. Sums are Σ a_i·v_i added in ascending value order. */
export type SumDistribution = Map<number, number>;

/**
 * Hypergeometric probabilities of a = lo..hi successes in `draws` draws from `pool` items of which
 * `successes` are successes; by the ratio recurrence outward from the mode (no factorials: nothing
 * overflows; far tails underflow to 0), normalised to sum to 1.
 */
function hypergeometric(pool: number, successes: number, draws: number, lo: number, hi: number): Float64Array {
  const w = new Float64Array(hi - lo + 1);
  const mode = Math.min(hi, Math.max(lo, Math.floor(((draws + 1) * (successes + 1)) / (pool + 2))));
  w[mode - lo] = 1;
  // w(a+1)/w(a) = (successes − a)(draws − a) / ((a + 1)(pool − successes − draws + a + 1))
  for (let a = mode; a < hi; a++) {
    w[a + 1 - lo] = ((w[a - lo] as number) * (successes - a) * (draws - a)) / ((a + 1) * (pool - successes - draws + a + 1));
  }
  for (let a = mode; a > lo; a--) {
    w[a - 1 - lo] = ((w[a - lo] as number) * a * (pool - successes - draws + a)) / ((successes - a + 1) * (draws - a + 1));
  }
  let total = 0;
  for (let i = 0; i < w.length; i++) total += w[i] as number;
  for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) / total;
  return w;
}

/**
 * The distribution of sum(x) over every relabelling of `values` into n_x and the rest, or null when
 * a value is not finite or the work (states × choices) would exceed `budget`.
 */
export function permutationSumDistribution(values: readonly number[], nx: number, budget: number): SumDistribution | null {
  const counts = new Map<number, number>();
  for (const v of values) {
    if (!Number.isFinite(v)) return null;
    const key = v === 0 ? 0 : v; // −0 and 0 are one value
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const distinct = [...counts.keys()].sort((a, b) => a - b);
  // states[r]: partial sum → probability, with r values of x still to choose
  let states: Map<number, number>[] = [];
  states[nx] = new Map([[0, 1]]);
  let pool = values.length;
  let work = 0;
  for (const v of distinct) {
    const c = counts.get(v) as number;
    const next: Map<number, number>[] = [];
    for (let r = 0; r <= nx; r++) {
      const here = states[r];
      if (!here) continue;
      const lo = Math.max(0, r - (pool - c));
      const hi = Math.min(c, r);
      work += here.size * (hi - lo + 1);
      if (work > budget) return null;
      const p = hypergeometric(pool, c, r, lo, hi);
      for (let a = lo; a <= hi; a++) {
        const pa = p[a - lo] as number;
        if (pa === 0) continue;
        const target = (next[r - a] ??= new Map());
        const add = a * v;
        for (const [sum, prob] of here) {
          const s = sum + add;
          target.set(s, (target.get(s) ?? 0) + prob * pa);
        }
      }
    }
    states = next;
    pool -= c;
  }
  return states[0] ?? new Map();
}
