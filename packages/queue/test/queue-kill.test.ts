import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '@glasshouse/scenarios';
import { readManifest, recordComplete, runMatrix } from '@glasshouse/runner';
import { CLI, ROOT, testRedis } from './redis-server';

const redis = await testRedis(2);
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await redis?.close();
});

const MATRIX = ['--scenarios', 'goal-*,sandbagging-*', '--agent', 'scripted:honest', '--agent', 'scripted:covert'];
const tmp = () => mkdtempSync(join(tmpdir(), 'gh-queue-kill-'));
const complete = (out: string) => {
  try {
    return readdirSync(join(out, 'records')).filter((f) => f.endsWith('.jsonl') && !f.startsWith('.') && recordComplete(join(out, 'records', f)));
  } catch {
    return [];
  }
};
const until = async (cond: () => boolean, what: string, ms = 60_000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};
const exited = (c: ChildProcess) => new Promise<number | null>((r) => (c.exitCode !== null ? r(c.exitCode) : c.once('exit', (code) => r(code))));

function cli(args: string[]): ChildProcess & { out: string[] } {
  const c = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }) as ChildProcess & { out: string[] };
  c.out = [];
  c.stdout?.on('data', (d: Buffer) => c.out.push(d.toString()));
  c.stderr?.on('data', (d: Buffer) => c.out.push(d.toString()));
  children.push(c);
  return c;
}

describe.skipIf(!redis)('queue: kill -9 of workers and of the coordinator (real CLI processes), then resume', () => {
  it('loses no episode and writes no record twice; records are byte-identical to an embedded run', async () => {
    const url = redis!.url;
    const embedded = tmp();
    const e = await runMatrix(
      { scenarios: SCENARIOS.filter((s) => /^(goal-|sandbagging-)/.test(s.id)).map((s) => s.id), agents: ['scripted:honest', 'scripted:covert'] },
      SCENARIOS,
      { out: embedded, progress: false },
    );
    const total = e.total;
    const out = tmp();
    const worker = () => cli(['worker', '--queue', url, '--concurrency', '2', '--lock-ms', '1500']);
    const coordinator = () => cli(['run', ...MATRIX, '--queue', url, '--out', out, '--no-report']);
    const w1 = worker();
    const w2 = worker();
    let c = coordinator();
    // Kill points early in the run: the coordinator must die with records still to write, and on a
    // loaded machine this process may see the count late (at 45 % the run was once finished by then).
    await until(() => complete(out).length >= total * 0.15, '15% of the records');
    w1.kill('SIGKILL'); // its episodes in hand are re-run elsewhere once their locks lapse
    const w3 = worker();
    await until(() => complete(out).length >= total * 0.3, '30% of the records');
    c.kill('SIGKILL');
    await exited(c);
    const before = new Map(complete(out).map((f) => [f, statSync(join(out, 'records', f)).mtimeMs]));
    expect(before.size).toBeLessThan(total);
    await new Promise((r) => setTimeout(r, 500)); // workers go on; their results wait in Redis
    w2.kill('SIGKILL');
    const w4 = worker();
    c = coordinator();
    const code = await exited(c);
    expect(code, c.out.join('')).toBe(0);
    for (const w of [w3, w4]) w.kill('SIGKILL');
    const m = c.out.join('').match(/(\d+) episodes: (\d+) run now, (\d+) already done, (\d+) failed/);
    expect(m, c.out.join('')).not.toBeNull();
    expect(Number(m![1])).toBe(total);
    expect(Number(m![4])).toBe(0);
    expect(Number(m![3])).toBe(before.size); // nothing already written was redone
    const manifest = readManifest(out)!;
    expect(manifest.episodes.filter((x) => x.status === 'done')).toHaveLength(total);
    // Each record once: those written before the coordinator died were never rewritten, and the
    // status log has at most one line per episode across both sessions.
    for (const [f, mtime] of before) expect(statSync(join(out, 'records', f)).mtimeMs).toBe(mtime);
    const lines = readFileSync(join(out, 'status.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"key"'))
      .map((l) => (JSON.parse(l) as { key: string }).key);
    expect(lines.length).toBe(new Set(lines).size);
    const files = readdirSync(join(out, 'records')).sort();
    expect(files).toEqual(readdirSync(join(embedded, 'records')).sort());
    for (const f of files) expect(readFileSync(join(out, 'records', f), 'utf8'), f).toBe(readFileSync(join(embedded, 'records', f), 'utf8'));
  }, 180_000);
});
