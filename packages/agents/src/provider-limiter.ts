/** A semaphore per provider key (base URL + model), so a run can cap concurrent requests. */
export interface ProviderLimiter {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  inFlight(key: string): number;
}

export function createProviderLimiter(opts: { maxConcurrent: number }): ProviderLimiter {
  const max = Math.max(1, Math.floor(opts.maxConcurrent));
  const active = new Map<string, number>();
  const queues = new Map<string, (() => void)[]>();
  const acquire = (key: string): Promise<void> => {
    const n = active.get(key) ?? 0;
    if (n < max) {
      active.set(key, n + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const q = queues.get(key) ?? [];
      q.push(() => {
        active.set(key, (active.get(key) ?? 0) + 1);
        resolve();
      });
      queues.set(key, q);
    });
  };
  const release = (key: string) => {
    active.set(key, (active.get(key) ?? 1) - 1);
    queues.get(key)?.shift()?.();
  };
  return {
    async run(key, fn) {
      await acquire(key);
      try {
        return await fn();
      } finally {
        release(key);
      }
    },
    inFlight: (key) => active.get(key) ?? 0,
  };
}
