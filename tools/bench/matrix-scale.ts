import { resolve } from 'node:path';
import { runTwentyStepMatrix } from './throughput';
import type { Run } from './throughput';

/**
 * Issue #15.2 end to end: does a 100,000-episode scripted matrix keep the per-episode rate of a
 * 1,000-episode one? Three runs of the throughput bench's 20-step scenario through the real CLI with
 * two worker processes: a small run (start-up and warm-up), the small run + 1,000 and the small
 * run + 100,000 episodes. The marginal rate (Δepisodes / Δwall against the small run) removes the
 * fixed start-up, so what is left is what each further episode costs at that matrix size, manifest,
 * status log, record files in one directory and all. Not part of the default `pnpm bench` (the large
 * run takes minutes and writes gigabytes): `pnpm bench --only=scale`.
 */
export interface ScaleResult {
  base: Run;
  runs: { run: Run; marginalPerS: number; cpuMsPerEpisode: number }[];
}

export function benchMatrixScale(opts: { quick: boolean; workers?: number }): ScaleResult {
  const workers = opts.workers ?? 2;
  const small = opts.quick ? 50 : 200;
  const sizes = opts.quick ? [1_000, 10_000] : [1_000, 100_000];
  const base = runTwentyStepMatrix(small, workers);
  const runs = sizes.map((n) => {
    const run = runTwentyStepMatrix(small + n, workers);
    return {
      run,
      marginalPerS: n / Math.max(1e-9, run.wallS - base.wallS),
      cpuMsPerEpisode: ((run.cpuS - base.cpuS) / n) * 1000,
    };
  });
  return { base, runs };
}

export function scaleTable(r: ScaleResult): string {
  const head = `CLI: tsx packages/cli/src/main.ts (as the throughput bench); 2 worker processes; start-up run of ${r.base.episodes} episodes: ${r.base.wallS.toFixed(1)} s wall\n\n| episodes beyond the start-up run | wall s (whole run) | marginal episodes/s | CPU per episode (whole tree) | rate vs the first row | target |\n|---|---|---|---|---|---|`;
  const first = r.runs[0]?.marginalPerS ?? 1;
  const body = r.runs.map(
    (x) =>
      `| ${(x.run.episodes - r.base.episodes).toLocaleString('en-US')} | ${x.run.wallS.toFixed(1)} | ${x.marginalPerS.toFixed(0)} | ${x.cpuMsPerEpisode.toFixed(1)} ms | ${((x.marginalPerS / first) * 100).toFixed(1)} % | within 10 % |`,
  );
  return `${head}\n${body.join('\n')}`;
}

if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) {
  const quick = process.argv.includes('--quick');
  process.stdout.write(`${scaleTable(benchMatrixScale({ quick }))}\n`);
}
