import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { GlasshouseError, Outcome } from '@glasshouse/schema';
import { readStatusLog } from './status-log';
import type { StatusLine } from './status-log';

export const MANIFEST_VERSION = 1;

export const ManifestEpisode = z.strictObject({
  key: z.string(),
  scenario: z.string(),
  variant: z.string(),
  agent: z.string(),
  epoch: z.number().int(),
  seed: z.number().int(),
  record: z.string(),
  status: z.enum(['pending', 'done', 'failed', 'skipped']),
  /** @deprecated schema-1 roll-up; read `outcome`. */
  verdict: z.enum(['covert', 'clean', 'unmeasured']).optional(),
  /** The episode outcome (covert/overt/clean/unmeasured/invalid); `invalid` episodes are rerun on resume. */
  outcome: Outcome.optional(),
  error: z.string().optional(),
  /** The stable error code of `error` (packages/schema/src/errors.ts). */
  errorCode: z.string().optional(),
});
export type ManifestEpisode = z.infer<typeof ManifestEpisode>;

export const Manifest = z.strictObject({
  manifestVersion: z.literal(MANIFEST_VERSION),
  config: z.record(z.string(), z.unknown()),
  versions: z.record(z.string(), z.string()),
  gitRevision: z.string().nullable(),
  /** Wall-clock metadata only; never used for results. */
  wallClock: z.strictObject({ firstStarted: z.string(), lastUpdated: z.string() }),
  stopped: z.string().nullable(),
  episodes: z.array(ManifestEpisode),
});
export type Manifest = z.infer<typeof Manifest>;

export function manifestPath(out: string): string {
  return join(out, 'manifest.json');
}

/** Apply status-log lines (after the manifest's last compaction) to a manifest, in place. */
export function applyStatusLines(m: Manifest, lines: readonly StatusLine[]): Manifest {
  const byKey = new Map(m.episodes.map((e, i) => [e.key, i]));
  for (const l of lines) {
    if ('key' in l) {
      const i = byKey.get(l.key);
      if (i === undefined) continue;
      const e = m.episodes[i] as ManifestEpisode;
      const next: ManifestEpisode = { ...e, status: l.status };
      delete next.verdict;
      delete next.outcome;
      delete next.error;
      delete next.errorCode;
      if (l.verdict) next.verdict = l.verdict;
      if (l.outcome) next.outcome = l.outcome;
      if (l.error) next.error = l.error;
      if (l.errorCode) next.errorCode = l.errorCode;
      m.episodes[i] = next;
    } else if (l.stopped !== undefined) m.stopped = l.stopped;
  }
  return m;
}

/** The compacted manifest plus every status line appended since (a torn last line is ignored). */
export function readManifest(out: string): Manifest | null {
  const m = readCompactedManifest(out);
  return m ? applyStatusLines(m, readStatusLog(out).lines) : null;
}

/** The manifest file alone, as last compacted. */
export function readCompactedManifest(out: string): Manifest | null {
  const p = manifestPath(out);
  if (!existsSync(p)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(p, 'utf8'));
  } catch (err) {
    throw new GlasshouseError('RECORD_CORRUPT', `${p}: manifest is not valid JSON (${(err as Error).message})`);
  }
  const r = Manifest.safeParse(json);
  if (!r.success) throw new GlasshouseError('RECORD_CORRUPT', `${p}: invalid manifest at ${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`);
  return r.data;
}

/**
 * Write atomically (temp file + rename) so a kill never leaves a half-written manifest. O(episodes):
 * the runner calls it at the start, periodically and at the end, and appends status lines in between.
 */
export function writeManifest(out: string, m: Manifest): void {
  const p = manifestPath(out);
  const tmp = `${p}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(m, null, 2)}\n`);
  renameSync(tmp, p);
}
