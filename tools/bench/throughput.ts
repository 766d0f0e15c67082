import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Issue #15.1: scripted 20-step episodes per second through the real CLI and runner (worker
 * processes), on this machine. Each configuration runs two matrix sizes and reports the marginal
 * rate (Δepisodes / Δwall), which removes start-up; CPU per episode is the whole process tree's
 * user+system time (GNU time) over the larger run, divided by its episodes.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const CLI = ['--no-node-snapshot', '--import', 'tsx', join(ROOT, 'packages/cli/src/main.ts')];

export interface Run {
  episodes: number;
  wallS: number;
  cpuS: number;
}

/**
 * One matrix of the 20-step bench scenario through the real CLI (tsx) with `workers` worker
 * processes: wall and whole-tree CPU from GNU time. Fails unless every episode wrote its record.
 */
export function runTwentyStepMatrix(epochs: number, workers: number): Run {
  const out = mkdtempSync(join(tmpdir(), 'gh-tput-'));
  const args = [
    ...CLI,
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
  if (r.status !== 0 || !Number.isFinite(wall)) throw new Error(`bench run of ${epochs} failed (${r.status}): ${r.stderr.slice(-400)}`);
  if (records !== epochs) throw new Error(`bench run of ${epochs} episodes wrote ${records} records`);
  return { episodes: epochs, wallS: wall as number, cpuS: (user as number) + (sys as number) };
}

export interface ThroughputRow {
  workers: number;
  small: Run;
  large: Run;
  marginalPerS: number;
  cpuMsPerEpisode: number;
}

export function benchThroughput(opts: { quick: boolean; workers?: number[] }): ThroughputRow[] {
  const [small, large] = opts.quick ? [100, 600] : [200, 2000];
  return (opts.workers ?? [1, 2]).map((w) => {
    const a = runTwentyStepMatrix(small, w);
    const b = runTwentyStepMatrix(large, w);
    return {
      workers: w,
      small: a,
      large: b,
      marginalPerS: (b.episodes - a.episodes) / Math.max(1e-9, b.wallS - a.wallS),
      cpuMsPerEpisode: ((b.cpuS - a.cpuS) / (b.episodes - a.episodes)) * 1000,
    };
  });
}

export function throughputTable(rows: readonly ThroughputRow[]): string {
  const head =
    '| workers | episodes (small → large) | wall s (small → large) | marginal episodes/s | CPU per episode (whole tree) | target |\n|---|---|---|---|---|---|';
  const body = rows.map(
    (r) =>
      `| ${r.workers} | ${r.small.episodes} → ${r.large.episodes} | ${r.small.wallS.toFixed(1)} → ${r.large.wallS.toFixed(1)} | ${r.marginalPerS.toFixed(0)} | ${r.cpuMsPerEpisode.toFixed(1)} ms | ≥ 200/s on 2 cores |`,
  );
  const one = rows.find((r) => r.workers === 1);
  const two = rows.find((r) => r.workers === 2);
  const speedup = one && two ? `\n\nspeed-up from 1 to 2 workers: ${(two.marginalPerS / one.marginalPerS).toFixed(2)}×` : '';
  return `${head}\n${body.join('\n')}${speedup}`;
}

if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) {
  const quick = process.argv.includes('--quick');
  process.stdout.write(`${throughputTable(benchThroughput({ quick }))}\n`);
}
