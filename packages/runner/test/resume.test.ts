import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifest, recordComplete } from '@glasshouse/runner';

const ROOT = resolve(__dirname, '../../..');
// A fixed part of the library (192 episodes), so the test's time does not grow with every new scenario.
const ARGS = [
  '--no-node-snapshot',
  '--import',
  'tsx',
  join(ROOT, 'packages/cli/src/main.ts'),
  'run',
  '--scenarios',
  'goal-*,oversight-*,sandbagging-*,lazy-*',
  '--agent',
  'scripted:honest',
  '--agent',
  'scripted:covert',
  '--epochs',
  '2',
  '--concurrency',
  '2',
  '--no-report',
];

const complete = (dir: string) => readdirSync(join(dir, 'records')).filter((f) => recordComplete(join(dir, 'records', f)));

describe('runner: kill mid-run and resume', () => {
  it('resumes without redoing finished episodes or losing any', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gh-resume-'));
    const child = spawn(process.execPath, [...ARGS, '--out', out], { cwd: ROOT, stdio: 'ignore' });
    // Wait until a good number of records are complete, then kill -9 mid-run.
    await new Promise<void>((res, rej) => {
      const t = setInterval(() => {
        try {
          if (complete(out).length >= 40) {
            clearInterval(t);
            child.kill('SIGKILL');
            res();
          }
        } catch {
          /* records dir not there yet */
        }
      }, 20);
      child.on('exit', () => {
        clearInterval(t);
        rej(new Error('run finished before it could be killed'));
      });
    });
    await new Promise((r) => child.on('exit', r));
    const before = readManifest(out)!;
    const total = before.episodes.length;
    const finished = complete(out);
    expect(finished.length).toBeGreaterThanOrEqual(40);
    expect(finished.length).toBeLessThan(total);
    const snapshot = new Map(
      finished.map((f) => [f, { text: readFileSync(join(out, 'records', f), 'utf8'), mtime: statSync(join(out, 'records', f)).mtimeMs }]),
    );

    const resumed = spawnSync(process.execPath, [...ARGS, '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(resumed.status, resumed.stderr).toBe(0);
    const m = resumed.stdout.match(/(\d+) episodes: (\d+) run now, (\d+) already done, (\d+) failed/);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBe(total);
    // Nothing finished was redone. A worker process whose coordinator was killed may still complete the
    // episode it was running (it exits at its next event-loop turn, and a scripted episode can run to its
    // end without one): that record is complete, so the resumed run counts it as done too.
    expect(Number(m![3])).toBeGreaterThanOrEqual(finished.length);
    expect(Number(m![3])).toBeLessThanOrEqual(finished.length + availableParallelism()); // at most one per worker (--workers auto)
    expect(Number(m![2]) + Number(m![3])).toBe(total); // nothing lost
    const after = readManifest(out)!;
    expect(after.episodes.every((e) => e.status === 'done')).toBe(true);
    expect(complete(out)).toHaveLength(total);
    for (const [f, s] of snapshot) {
      expect(readFileSync(join(out, 'records', f), 'utf8')).toBe(s.text);
      expect(statSync(join(out, 'records', f)).mtimeMs).toBe(s.mtime);
    }
  }, 240_000); // two CLI runs of ~190 episodes each, with worker processes: generous for a loaded 2-core machine
});
