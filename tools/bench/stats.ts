/** Median and spread of a sample of durations (ms). */
export interface Summary {
  n: number;
  median: number;
  p10: number;
  p90: number;
  min: number;
  max: number;
}

export function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))] ?? NaN;
  return { n: s.length, median: q(0.5), p10: q(0.1), p90: q(0.9), min: s[0] ?? NaN, max: s[s.length - 1] ?? NaN };
}

/** Time `fn` `n` times after `warmup` untimed runs. */
export async function timeIt(n: number, fn: () => unknown | Promise<unknown>, warmup = Math.min(10, n)): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return summarize(out);
}

export function fmt(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms < 1) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms < 1000) return `${ms.toFixed(2)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function table(rows: { name: string; s: Summary; target?: string }[]): string {
  const head = ['benchmark', 'n', 'median', 'p10', 'p90', 'min', 'max', 'target'];
  const body = rows.map((r) => [r.name, String(r.s.n), fmt(r.s.median), fmt(r.s.p10), fmt(r.s.p90), fmt(r.s.min), fmt(r.s.max), r.target ?? '']);
  const all = [head, ...body];
  const w = head.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(w[i] ?? 0)).join(' | ')} |`;
  return [line(head), `|${w.map((x) => '-'.repeat(x + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
