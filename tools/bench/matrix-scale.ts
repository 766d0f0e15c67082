import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Issue #15.2 end to end: does a 100,000-episode scripted matrix keep the per-episode rate of a
 * 1,000-episode one? Three runs of the throughput bench's 20-step scenario through the real CLI with
 * two worker processes: a small run (start-up and warm-up), the small run + 1,000 and the small
 * run + 100,000 episodes. The marginal rate (Δepisodes / Δwall against the small run) removes the
 * fixed start-up, so what is left is what each further episode costs at that matrix size, manifest,
 * status log, record files in one directory and all. Not part of the default `pnpm bench` (the large
 * run takes minutes and writes gigabytes): `pnpm bench --only=scale`.
 */
const ROOT = resolve(import.meta.dirname, '../..');

export interface ScaleRun {
  episodes: number;
  wallS: number;
  cpuS: number;
  records: number;
}

function runOnce(epochs: number, workers: number, cli: readonly string[]): ScaleRun {
  const out = mkdtempSync(join(tmpdir(), 'gh-scale-'));
  const args = [
    ...cli,
    'run',
    '--scenario-file',
    join(ROOT, 'tools/bench/twenty-step-scenario.ts'),
    '--scenarios',
    'bench-twenty-step',
    '--agent',
    'scripted:twenty',
    '--epochs',
    String(epochs),
    '--workers',
    String(workers),
    '--concurrency',
    String(Math.max(2, workers * 2)),
    '--no-report',
    '--no-interview',
    '--out',
    out,
  ];
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  let records = 0;
  try {
    records = readdirSync(join(out, 'records')).filter((f) => f.endsWith('.jsonl')).length;
  } catch {
    records = 0;
  }
  rmSync(out, { recursive: true, force: true });
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  const [wall, user, sys] = last.split(' ').map(Number);
  if (r.status !== 0 || !Number.isFinite(wall)) throw new Error(`scale run of ${epochs} failed (${r.status}): ${r.stderr.slice(-400)}`);
  if (records !== epochs) throw new Error(`scale run of ${epochs} episodes wrote ${records} records`);
  return { episodes: epochs, wallS: wall as number, cpuS: (user as number) + (sys as number), records };
}

export interface ScaleResult {
  cli: string;
  base: ScaleRun;
  runs: { run: ScaleRun; marginalPerS: number; cpuMsPerEpisode: number }[];
}

export function benchMatrixScale(opts: { quick: boolean; workers?: number }): ScaleResult {
  const workers = opts.workers ?? 2;
  // Through tsx, as the throughput bench: the bench scenario file imports the library's TypeScript
  // sources, which the built CLI's type stripping cannot resolve. Start-up is removed by the margin.
  const cli = ['--no-node-snapshot', '--import', 'tsx', join(ROOT, 'packages/cli/src/main.ts')];
  const label = 'tsx packages/cli/src/main.ts';
  const small = opts.quick ? 50 : 200;
  const sizes = opts.quick ? [1_000, 10_000] : [1_000, 100_000];
  const base = runOnce(small, workers, cli);
  const runs = sizes.map((n) => {
    const run = runOnce(small + n, workers, cli);
    return {
      run,
      marginalPerS: n / Math.max(1e-9, run.wallS - base.wallS),
      cpuMsPerEpisode: ((run.cpuS - base.cpuS) / n) * 1000,
    };
  });
  return { cli: label, base, runs };
}

export function scaleTable(r: ScaleResult): string {
  const head = `CLI: ${r.cli}; 2 worker processes; start-up run of ${r.base.episodes} episodes: ${r.base.wallS.toFixed(1)} s wall\n\n| episodes beyond the start-up run | wall s (whole run) | marginal episodes/s | CPU per episode (whole tree) | rate vs the first row | target |\n|---|---|---|---|---|---|`;
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
