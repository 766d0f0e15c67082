import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { GlasshouseError } from '@glasshouse/schema';

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
  verdict: z.enum(['covert', 'clean', 'unmeasured']).optional(),
  error: z.string().optional(),
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

export function readManifest(out: string): Manifest | null {
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

/** Write atomically (temp file + rename) so a kill never leaves a half-written manifest. */
export function writeManifest(out: string, m: Manifest): void {
  const p = manifestPath(out);
  const tmp = `${p}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(m, null, 2)}\n`);
  renameSync(tmp, p);
}
