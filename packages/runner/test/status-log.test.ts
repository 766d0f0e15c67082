import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '@glasshouse/scenarios';
import { ManifestWriter, manifestPath, readCompactedManifest, readManifest, readStatusLog, runMatrix, statusLogPath, StatusLog } from '@glasshouse/runner';
import type { Manifest } from '@glasshouse/runner';

const tmp = () => mkdtempSync(join(tmpdir(), 'gh-status-'));
const now = () => '2026-01-01T00:00:00.000Z';

function manifestOf(n: number): Manifest {
  return {
    manifestVersion: 1,
    config: {},
    versions: {},
    gitRevision: null,
    wallClock: { firstStarted: now(), lastUpdated: now() },
    stopped: null,
    episodes: Array.from({ length: n }, (_, i) => ({
      key: `k${i}`,
      scenario: 's',
      variant: 'v',
      agent: 'a',
      epoch: i,
      seed: i,
      record: `records/k${i}.jsonl`,
      status: 'pending' as const,
    })),
  };
}

describe('runner: manifest as status log + compactions', () => {
  it('appends one line per episode instead of rewriting the manifest, and reads both back', () => {
    const out = tmp();
    const m = manifestOf(100);
    const w = new ManifestWriter(out, m, { now, compactEveryMs: Number.POSITIVE_INFINITY });
    const before = readFileSync(manifestPath(out), 'utf8');
    for (const e of m.episodes.slice(0, 30)) {
      e.status = 'done';
      e.verdict = 'clean';
      w.episode(e);
    }
    m.episodes[30]!.status = 'failed';
    m.episodes[30]!.error = 'boom';
    w.episode(m.episodes[30]!);
    // The manifest file is untouched between compactions; the log carries the statuses.
    expect(readFileSync(manifestPath(out), 'utf8')).toBe(before);
    expect(readCompactedManifest(out)!.episodes.every((e) => e.status === 'pending')).toBe(true);
    const read = readManifest(out)!;
    expect(read.episodes.filter((e) => e.status === 'done')).toHaveLength(30);
    expect(read.episodes[30]).toMatchObject({ status: 'failed', error: 'boom' });
    w.close();
    expect(readCompactedManifest(out)!.episodes.filter((e) => e.status === 'done')).toHaveLength(30);
  });

  it('compacts only after a twentieth of the run has finished since the last compaction', () => {
    const out = tmp();
    const m = manifestOf(200);
    const w = new ManifestWriter(out, m, { now, compactEveryMs: 0 });
    for (const e of m.episodes.slice(0, 9)) w.episode({ ...e, status: 'done' });
    expect(readFileSync(manifestPath(out), 'utf8')).not.toContain('"done"');
    m.episodes[9]!.status = 'done';
    w.episode(m.episodes[9]!);
    expect(readCompactedManifest(out)!.episodes.filter((e) => e.status === 'done')).toHaveLength(1);
    w.close();
  });

  it('tolerates a torn last line and starts the next line on its own', () => {
    const out = tmp();
    const m = manifestOf(3);
    const w = new ManifestWriter(out, m, { now, compactEveryMs: Number.POSITIVE_INFINITY });
    w.episode({ ...m.episodes[0]!, status: 'done', verdict: 'covert' });
    // A kill mid-append: half a line, no newline.
    appendFileSync(statusLogPath(out), '{"key":"k1","sta');
    expect(readStatusLog(out).skipped).toBe(1);
    expect(readManifest(out)!.episodes.map((e) => e.status)).toEqual(['done', 'pending', 'pending']);
    const log = new StatusLog(out);
    log.append({ key: 'k2', status: 'done', verdict: 'clean' });
    log.close();
    expect(readManifest(out)!.episodes.map((e) => e.status)).toEqual(['done', 'pending', 'done']);
    expect(readStatusLog(out).skipped).toBe(1);
  });

  it('ignores lines from before the last session start (the reset line)', () => {
    const out = tmp();
    writeFileSync(statusLogPath(out), '{"key":"k0","status":"failed","error":"old"}\n');
    const m = manifestOf(2);
    new ManifestWriter(out, m, { now }).close();
    expect(readManifest(out)!.episodes.map((e) => e.status)).toEqual(['pending', 'pending']);
  });

  it('a matrix run leaves a status line per finished episode and a final compacted manifest', async () => {
    const out = tmp();
    const r = await runMatrix({ scenarios: ['goal-guarding'], variants: ['goalNudge=none'], agents: ['scripted:honest'] }, SCENARIOS, { out, progress: false });
    const lines = readStatusLog(out).lines.filter((l) => 'key' in l);
    expect(lines).toHaveLength(r.total);
    expect(readCompactedManifest(out)!.episodes.every((e) => e.status === 'done')).toBe(true);
  });
});
