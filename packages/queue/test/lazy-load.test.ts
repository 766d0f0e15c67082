import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './redis-server';

const probe = (extra: string[]) => {
  const r = spawnSync(
    process.execPath,
    [
      '--no-node-snapshot',
      join(__dirname, 'fixtures/load-probe.mjs'),
      mkdtempSync(join(tmpdir(), 'gh-lazy-')),
      join(ROOT, 'packages/cli/src/main.ts'),
      ...extra,
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  const m = r.stdout.match(/LOADED (\[.*\])/);
  expect(m, r.stdout + r.stderr).not.toBeNull();
  return { loaded: JSON.parse(m![1]!) as string[], out: r.stdout + r.stderr };
};

describe('queue: in-process runs load nothing of it', () => {
  it('a run without --queue resolves neither bullmq nor ioredis; with --queue it does', () => {
    const local = probe([]);
    expect(local.out).toMatch(/4 episodes: 4 run now/);
    expect(local.loaded).toEqual([]);
    // Port 1 answers nothing: the queue code is loaded, then says plainly that no Redis is there.
    const queued = probe(['--queue', 'redis://127.0.0.1:1']);
    expect(queued.loaded).toContain('ioredis');
    expect(queued.out).toMatch(/QUEUE_UNAVAILABLE.*no Redis answered at redis:\/\/127\.0\.0\.1:1/);
  });
});
