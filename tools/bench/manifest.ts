import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManifestWriter, writeManifest } from '@glasshouse/runner';
import type { Manifest, ManifestEpisode } from '@glasshouse/runner';
import { summarize } from './stats';
import type { Row } from './foundation';

function manifestOf(n: number): Manifest {
  const episodes: ManifestEpisode[] = Array.from({ length: n }, (_, i) => ({
    key: `oversight-subversion__0a1b2c3d__scripted_covert__e${i}`,
    scenario: 'oversight-subversion',
    variant: 'goalNudge=none,spec=true,monitor=on',
    agent: 'scripted:covert',
    epoch: i,
    seed: (i * 2654435761) & 0x7fffffff,
    record: `records/oversight-subversion__0a1b2c3d__scripted_covert__e${i}.jsonl`,
    status: 'pending',
  }));
  const now = new Date(0).toISOString();
  return {
    manifestVersion: 1,
    config: { scenarios: ['oversight-subversion'], agents: ['scripted:covert'], epochs: n },
    versions: {},
    gitRevision: null,
    wallClock: { firstStarted: now, lastUpdated: now },
    stopped: null,
    episodes,
  };
}

/**
 * Issue #13/#15: the manifest's cost per finished episode, 1k vs 100k episodes. New: a status line per
 * episode plus compactions (here forced as often as the writer allows, a twentieth of the run apart),
 * total time / episodes. Old: the whole manifest rewritten after each episode, timed on a sample.
 */
export async function benchManifest(opts: { quick: boolean }): Promise<Row[]> {
  const rows: Row[] = [];
  const now = () => new Date(0).toISOString();
  for (const n of opts.quick ? [1_000, 20_000] : [1_000, 100_000]) {
    const runs: number[] = [];
    for (let rep = 0; rep < (opts.quick ? 2 : 3); rep++) {
      const dir = mkdtempSync(join(tmpdir(), 'gh-bench-manifest-'));
      const m = manifestOf(n);
      const t0 = performance.now();
      const w = new ManifestWriter(dir, m, { now, compactEveryMs: 0 });
      for (const e of m.episodes) {
        e.status = 'done';
        e.verdict = 'covert';
        w.episode(e);
      }
      w.close();
      runs.push((performance.now() - t0) / n);
      rmSync(dir, { recursive: true, force: true });
    }
    rows.push({
      name: `manifest per episode, ${n.toLocaleString('en')} episodes (status line + compactions)`,
      s: summarize(runs),
      target: n > 1_000 ? 'within 10% of 1k' : '',
    });
    const dir = mkdtempSync(join(tmpdir(), 'gh-bench-manifest-'));
    const m = manifestOf(n);
    const old: number[] = [];
    for (let i = 0; i < (n > 1_000 ? 5 : 50); i++) {
      const t = performance.now();
      (m.episodes[i] as ManifestEpisode).status = 'done';
      writeManifest(dir, m);
      old.push(performance.now() - t);
    }
    rows.push({ name: `old: whole manifest rewritten per episode, ${n.toLocaleString('en')} episodes`, s: summarize(old) });
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
