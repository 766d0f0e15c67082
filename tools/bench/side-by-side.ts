import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runEpisode, scriptedAgent } from '@glasshouse/engine';
import { findScenario } from '@glasshouse/scenarios';
import { twentyStepTurns } from './twenty-step-turns';
import { summarize, timeIt } from './stats';
import type { Summary } from './stats';

function spawnTimes(n: number, cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; before?: () => void } = {}): Summary | string {
  const out: number[] = [];
  for (let i = 0; i < n + 3; i++) {
    opts.before?.();
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { stdio: 'ignore', ...(opts.env ? { env: opts.env } : {}) });
    const dt = performance.now() - t0;
    if (r.error || r.status !== 0) return `${cmd} ${args.join(' ')} failed: ${r.error?.message ?? `exit ${r.status}`}`;
    if (i >= 3) out.push(dt);
  }
  return summarize(out);
}

/**
 * Issue #15.7: one Glasshouse episode beside the cheapest process an isolation-by-process design
 * pays for (`node -e 0`, no container) and beside an Inspect-style docker sandbox start, where a
 * docker daemon is reachable.
 */
export async function benchSideBySide(opts: { quick: boolean }): Promise<{ rows: { name: string; s: Summary; target?: string }[]; notes: string[] }> {
  const n = opts.quick ? 10 : 30;
  const scenario = findScenario('oversight-subversion');
  if (!scenario) throw new Error('oversight-subversion scenario missing');
  const turns = twentyStepTurns();
  const rows: { name: string; s: Summary; target?: string }[] = [];
  const notes: string[] = [];
  const ep = await timeIt(n, () => runEpisode(scenario, scriptedAgent('bench', turns), { seed: 1, interview: false }));
  rows.push({ name: 'Glasshouse: scripted 20-step episode, start to verdict', s: ep });
  const node = spawnTimes(n, process.execPath, ['-e', '0']);
  if (typeof node === 'string') notes.push(node);
  else {
    rows.push({ name: 'spawn `node -e 0` (no container)', s: node });
    notes.push(`one whole Glasshouse episode costs ${(ep.median / node.median).toFixed(2)}× a bare \`node -e 0\` process start (medians)`);
  }
  cliStart(n, rows, notes);
  const info = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8' });
  if (info.error || info.status !== 0) {
    notes.push(
      `docker sandbox start: skipped — no docker daemon reachable here (${(info.error?.message ?? info.stderr ?? '').trim().split('\n').at(-1) || `docker info exit ${info.status}`})`,
    );
  } else {
    const image = process.env.GLASSHOUSE_BENCH_DOCKER_IMAGE ?? 'python:3.12-slim';
    const dock = spawnTimes(Math.min(n, 10), 'docker', ['run', '--rm', '--network', 'none', image, 'true']);
    if (typeof dock === 'string') notes.push(`docker sandbox start: skipped — ${dock}`);
    else {
      rows.push({ name: `docker run --rm ${image} true (Inspect-style sandbox start)`, s: dock });
      notes.push(`a docker sandbox start costs ${(dock.median / ep.median).toFixed(0)}× a whole Glasshouse episode (medians)`);
    }
  }
  return { rows, notes };
}

const BUILT_CLI = resolve(import.meta.dirname, '../../packages/glasshouse/bin/glasshouse.mjs');

/**
 * Issue #15.5: start of the built CLI (`pnpm build` first; the bin imports dist/cli.mjs), process
 * start to exit: `--help`, `list` with its listing cached (the usual case), and `list` with an empty
 * cache (imports the library and builds every environment to count them).
 */
function cliStart(n: number, rows: { name: string; s: Summary; target?: string }[], notes: string[]): void {
  if (!existsSync(resolve(BUILT_CLI, '../../dist/cli.mjs'))) {
    notes.push('CLI start: skipped — no built CLI (run `pnpm build` first)');
    return;
  }
  const cache = mkdtempSync(join(tmpdir(), 'gh-bench-cache-'));
  const env = { ...process.env, GLASSHOUSE_CACHE_DIR: cache };
  const node = [process.execPath, ['--no-node-snapshot', BUILT_CLI]] as const;
  const cases: [string, string[], (() => void) | undefined][] = [
    ['built CLI: `glasshouse --help`, start to exit', ['--help'], undefined],
    ['built CLI: `glasshouse list`, listing cached', ['list'], undefined],
    [
      'built CLI: `glasshouse list`, empty cache (imports and counts the library)',
      ['list'],
      () => rmSync(join(cache, 'library-listing.json'), { force: true }),
    ],
  ];
  for (const [name, args, before] of cases) {
    const s = spawnTimes(n, node[0], [...node[1], ...args], { env, ...(before ? { before } : {}) });
    if (typeof s === 'string') notes.push(`${name}: ${s}`);
    else rows.push({ name, s, target: '< 0.4 s' });
  }
  rmSync(cache, { recursive: true, force: true });
}
