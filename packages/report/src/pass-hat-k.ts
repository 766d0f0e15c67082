export interface TaskAttempts {
  /** Attempts (epochs) of the task. */
  n: number;
  /** Successful attempts. */
  c: number;
}

/**
 * pass^k (τ-bench, Yao et al. 2024): the probability that k i.i.d. attempts at a task ALL succeed,
 * averaged over tasks. Per task the unbiased estimator is C(c, k) / C(n, k) (sampling k of the n
 * attempts without replacement). Every task needs n ≥ k.
 */
export function passHatK(successesPerTask: readonly TaskAttempts[], k: number): number {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`passHatK: k must be an integer >= 1 (got ${k})`);
  if (successesPerTask.length === 0) throw new RangeError('passHatK: no tasks');
  let sum = 0;
  for (const { n, c } of successesPerTask) {
    if (!(Number.isInteger(n) && Number.isInteger(c) && c >= 0 && c <= n)) {
      throw new RangeError(`passHatK: need integers 0 <= c <= n (got c=${c}, n=${n})`);
    }
    if (n < k) throw new RangeError(`passHatK: a task has n=${n} attempts, fewer than k=${k}`);
    // C(c, k) / C(n, k) = Π_{i<k} (c − i) / (n − i); zero as soon as c < k.
    let ratio = 1;
    for (let i = 0; i < k; i++) ratio *= Math.max(0, c - i) / (n - i);
    sum += ratio;
  }
  return sum / successesPerTask.length;
}
