import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ScenarioDefinition } from '@glasshouse/engine';

/** One family as `glasshouse list` prints it. */
export const ListingRow = z.strictObject({
  id: z.string(),
  version: z.string(),
  category: z.string(),
  split: z.string(),
  environments: z.number().int().nonnegative(),
  variables: z.string(),
});
export type ListingRow = z.infer<typeof ListingRow>;

const ListingFile = z.strictObject({ key: z.string(), rows: z.array(ListingRow) });

/** Count and describe families (imports the engine only when called). */
export async function listingRows(defs: readonly ScenarioDefinition[]): Promise<ListingRow[]> {
  const { countEnvironments, variablesOf } = await import('@glasshouse/engine');
  return defs.map((s) => {
    const { environments, draws } = countEnvironments(s);
    const variables = Object.entries(variablesOf(s))
      .map(([k, v]) => (k === 'draw' ? `draw=0..${draws - 1}` : `${k}=${v.join('|')}`))
      .join(' ');
    const split = typeof s.split === 'function' ? 'mixed' : (s.split ?? 'eval');
    return { id: s.id, version: s.version, category: s.category, split, environments, variables };
  });
}

const CODE = /\.(m?ts|m?js)$/;
const NOT_CODE = /\.(d\.m?ts|test\.m?ts|map)$/;

function codeFiles(dir: string, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (name === 'node_modules' || name === 'test' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (st?.isDirectory()) codeFiles(p, out);
    else if (st?.isFile() && CODE.test(name) && !NOT_CODE.test(name)) out.push(p);
  }
}

function versionOf(req: NodeJS.Require, name: string): string {
  try {
    let dir = dirname(req.resolve(name));
    for (let i = 0; i < 8; i++) {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && pkg.version) return pkg.version;
      dir = dirname(dir);
    }
  } catch {
    /* not resolvable from here */
  }
  return 'unknown';
}

/**
 * A fingerprint of everything the library's listing is computed from: the content of every code
 * file the running CLI is made of (from source: scenarios/ and packages/<name>/src; built: the
 * chunks beside this one) and the versions of the libraries scenario worlds are rendered with.
 * Any edit to a scenario, a shared helper or the engine changes it.
 */
export function libraryCodeKey(here: string = fileURLToPath(import.meta.url)): string {
  const files: string[] = [];
  let base: string;
  let from: string;
  if (/\.m?ts$/.test(here)) {
    base = resolve(dirname(here), '../../..');
    codeFiles(join(base, 'scenarios'), files);
    for (const pkg of readdirSync(join(base, 'packages')).sort()) codeFiles(join(base, 'packages', pkg, 'src'), files);
    from = join(base, 'scenarios', 'index.ts');
  } else {
    base = dirname(here);
    codeFiles(base, files);
    from = here;
  }
  const h = createHash('sha256');
  const req = createRequire(from);
  h.update(`glasshouse list v1\0yaml@${versionOf(req, 'yaml')}\0zod@${versionOf(req, 'zod')}\0`);
  for (const f of files) h.update(`${relative(base, f)}\0`).update(readFileSync(f));
  return h.digest('hex');
}

/** Where `list` keeps the listing between runs: $GLASSHOUSE_CACHE_DIR, else $XDG_CACHE_HOME/glasshouse, else ~/.cache/glasshouse. */
export function listingCachePath(): string {
  const dir = process.env.GLASSHOUSE_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'glasshouse');
  return join(dir, 'library-listing.json');
}

/**
 * The library's rows: read from the cache when it was computed from this exact code (same key),
 * else computed by importing the library and building every environment, then stored for the next
 * run (best effort: an unwritable cache only costs the recount).
 */
export async function libraryListing(opts: { cachePath?: string; key?: string } = {}): Promise<{ rows: ListingRow[]; cached: boolean }> {
  const path = opts.cachePath ?? listingCachePath();
  const key = opts.key ?? libraryCodeKey();
  try {
    const hit = ListingFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (hit.success && hit.data.key === key) return { rows: hit.data.rows, cached: true };
  } catch {
    /* absent or unreadable: recount */
  }
  const { SCENARIOS } = await import('@glasshouse/scenarios');
  const rows = await listingRows(SCENARIOS);
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ key, rows })}\n`);
    renameSync(tmp, path);
  } catch {
    /* read-only cache: fine, it is only a cache */
  }
  return { rows, cached: false };
}

/** The lines `glasshouse list` prints. */
export function formatListing(rows: readonly ListingRow[]): string[] {
  const total = rows.reduce((n, r) => n + r.environments, 0);
  return [
    ...rows.map(
      (r) =>
        `${r.id.padEnd(30)} ${`v${r.version}`.padEnd(8)} ${r.category.padEnd(22)} ${r.split.padEnd(5)} ${String(r.environments).padStart(4)} env  ${r.variables}`,
    ),
    `${rows.length} families, ${total} distinct environments (world, task and prompt differ; goalNudge/evalCues/spec held fixed)`,
  ];
}
