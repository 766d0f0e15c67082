import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '@glasshouse/scenarios';
import { poolBackend, runMatrix } from '@glasshouse/runner';

const SETUP = new URL('./fixtures/pool-setup.ts', import.meta.url).href;
const records = (dir: string) => new Map(readdirSync(join(dir, 'records')).map((f) => [f, readFileSync(join(dir, 'records', f), 'utf8')]));

describe('runner: process-pool backend', () => {
  it('writes records byte-identical to the in-process backend', async () => {
    const config = {
      scenarios: ['oversight-subversion', 'data-smuggling', 'goal-guarding'],
      variants: 'all' as const,
      agents: ['scripted:honest', 'scripted:covert'],
      epochs: 1,
      seedBase: 3,
    };
    const a = mkdtempSync(join(tmpdir(), 'gh-pool-a-'));
    const b = mkdtempSync(join(tmpdir(), 'gh-pool-b-'));
    const inProc = await runMatrix(config, SCENARIOS, { out: a, concurrency: 2, progress: false });
    const pooled = await runMatrix(config, SCENARIOS, {
      out: b,
      concurrency: 2,
      progress: false,
      backend: poolBackend({ workers: 2, setup: { module: SETUP } }),
    });
    expect(pooled.failed).toBe(0);
    expect(pooled.ran).toBe(inProc.ran);
    expect(pooled.ran).toBe(3 * 8 * 2);
    const ra = records(a);
    const rb = records(b);
    expect([...rb.keys()].sort()).toEqual([...ra.keys()].sort());
    for (const [k, text] of ra) expect(rb.get(k), k).toBe(text);
    expect(pooled.manifest.episodes.map((e) => [e.key, e.verdict])).toEqual(inProc.manifest.episodes.map((e) => [e.key, e.verdict]));
  });

  it('a worker killed mid-episode costs that episode only; the pool replaces it and a resume completes the run', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gh-pool-crash-'));
    const crashMarker = join(out, 'crashed');
    const config = { scenarios: ['oversight-subversion'], variants: ['spec=false'], agents: ['scripted:crash', 'scripted:honest'], epochs: 2, seedBase: 1 };
    const backend = () => poolBackend({ workers: 2, setup: { module: SETUP, args: { crashMarker } } });
    const first = await runMatrix(config, SCENARIOS, { out, concurrency: 2, progress: false, backend: backend() });
    expect(first.failed).toBe(1);
    const failed = first.manifest.episodes.filter((e) => e.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.agent).toBe('scripted:crash');
    expect(failed[0]?.error).toMatch(/worker process exited \(SIGKILL\)/);
    expect(first.ran).toBe(first.total - 1);
    const second = await runMatrix(config, SCENARIOS, { out, concurrency: 2, progress: false, backend: backend() });
    expect(second.failed).toBe(0);
    expect(second.ran).toBe(1);
    expect(second.skippedDone).toBe(first.total - 1);
  });
});
