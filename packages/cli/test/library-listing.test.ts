import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countEnvironments } from '@glasshouse/engine';
import { SCENARIOS } from '@glasshouse/scenarios';
import { formatListing, libraryCodeKey, libraryListing } from '../src/library-listing';

const ROOT = resolve(__dirname, '../../..');

describe('glasshouse list: the library listing and its cache', () => {
  it('counts every family by building it, stores the rows under the code key, and reads them back only for that key', async () => {
    const cachePath = join(mkdtempSync(join(tmpdir(), 'gh-list-')), 'listing.json');
    const first = await libraryListing({ cachePath, key: 'code-a' });
    expect(first.cached).toBe(false);
    expect(first.rows.map((r) => r.id)).toEqual(SCENARIOS.map((s) => s.id));
    for (const s of SCENARIOS.slice(0, 3)) expect(first.rows.find((r) => r.id === s.id)?.environments).toBe(countEnvironments(s).environments);
    expect(first.rows.reduce((n, r) => n + r.environments, 0)).toBeGreaterThanOrEqual(500);
    expect(JSON.parse(readFileSync(cachePath, 'utf8')).key).toBe('code-a');

    const again = await libraryListing({ cachePath, key: 'code-a' });
    expect(again).toEqual({ rows: first.rows, cached: true });

    // A listing stored for other code (or a damaged file) is never shown: it is recounted and replaced.
    const stale = JSON.parse(readFileSync(cachePath, 'utf8'));
    writeFileSync(cachePath, JSON.stringify({ ...stale, rows: stale.rows.map((r: { environments: number }) => ({ ...r, environments: 9999 })) }));
    const other = await libraryListing({ cachePath, key: 'code-b' });
    expect(other).toEqual({ rows: first.rows, cached: false });
    writeFileSync(cachePath, '{"key": "code-b", "rows": [{"id": 1}]}');
    expect((await libraryListing({ cachePath, key: 'code-b' })).cached).toBe(false);
  });

  it('keys the cache by the content of the code it runs from', () => {
    const dist = mkdtempSync(join(tmpdir(), 'gh-dist-'));
    const here = join(dist, 'cli.mjs');
    writeFileSync(here, 'export const a = 1;\n');
    writeFileSync(join(dist, '_scenarios.mjs'), 'export const s = [1];\n');
    const k1 = libraryCodeKey(here);
    writeFileSync(join(dist, 'cli.mjs.map'), '{}');
    expect(libraryCodeKey(here)).toBe(k1);
    writeFileSync(join(dist, '_scenarios.mjs'), 'export const s = [1, 2];\n');
    expect(libraryCodeKey(here)).not.toBe(k1);
    // From source: the scenarios and every package's src, so an edit to a scenario changes the key.
    expect(libraryCodeKey(join(ROOT, 'packages/cli/src/library-listing.ts'))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('prints families, versions, variables and the total through the CLI, the same from the cache', () => {
    const env = { ...process.env, GLASSHOUSE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'gh-list-cli-')) };
    const list = () =>
      spawnSync(process.execPath, ['--no-node-snapshot', '--import', 'tsx', join(ROOT, 'packages/cli/src/main.ts'), 'list'], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const a = list();
    expect(a.status, a.stderr).toBe(0);
    const lines = a.stdout.trim().split('\n');
    expect(lines).toEqual(formatListing(JSON.parse(readFileSync(join(env.GLASSHOUSE_CACHE_DIR, 'library-listing.json'), 'utf8')).rows));
    expect(lines[0]).toMatch(/^\S+ +v\S+ +\S+ +(eval|train|mixed) +\d+ env {2}/);
    expect(lines.at(-1)).toMatch(new RegExp(`^${SCENARIOS.length} families, \\d+ distinct environments`));
    const b = list();
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });
});

describe('glasshouse start: --help and a cached list load none of the library', () => {
  const probe = (cacheDir: string, ...args: string[]) => {
    const r = spawnSync(
      process.execPath,
      ['--no-node-snapshot', join(__dirname, 'fixtures/start-probe.mjs'), join(ROOT, 'packages/cli/src/main.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, GLASSHOUSE_CACHE_DIR: cacheDir }, encoding: 'utf8', timeout: 60_000 },
    );
    const m = r.stdout.match(/LOADED (\[.*\])/);
    expect(m, r.stdout + r.stderr).not.toBeNull();
    return { loaded: JSON.parse(m![1]!) as string[], out: r.stdout };
  };

  it('--help loads neither the scenarios, the engine, the shell, isolates, yaml nor a model SDK; list does only while its cache is cold', () => {
    const cache = mkdtempSync(join(tmpdir(), 'gh-start-'));
    const help = probe(cache, '--help');
    expect(help.out).toMatch(/Usage: glasshouse/);
    expect(help.loaded).toEqual([]);
    const cold = probe(cache, 'list');
    expect(cold.loaded).toEqual(expect.arrayContaining(['engine', 'scenarios']));
    const warm = probe(cache, 'list');
    expect(warm.loaded).toEqual([]);
    expect(warm.out.split('\nLOADED')[0]).toBe(cold.out.split('\nLOADED')[0]);
  });
});
