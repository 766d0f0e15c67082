import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GlasshouseError } from '@glasshouse/schema';
import type { EpisodeRecord } from '@glasshouse/schema';
import { parseRecord } from '@glasshouse/engine';
import { MatrixConfig } from './matrix-config';
import { readManifest } from './manifest';
import type { RunEvent } from './run-events';
import { RunTally, summarizeFinished } from './run-tally';
import type { EpisodeRef } from './run-tally';

const Budget = MatrixConfig.shape.budget;

/**
 * A run's events rebuilt from its folder (manifest + record files), in plan order: what the runner
 * emits live for the same run from scratch with concurrency 1. Finished records replay their events,
 * outcome and usage; failed episodes their error from the manifest; skipped ones nothing.
 */
export function replayRunEvents(out: string): RunEvent[] {
  const manifest = readManifest(out);
  if (!manifest) throw new GlasshouseError('RECORD_CORRUPT', `${out}: no manifest.json (not a run folder)`);
  const budget = Budget.safeParse(manifest.config.budget);
  const tally = new RunTally(manifest.episodes.length, budget.success ? budget.data : undefined);
  const events: RunEvent[] = [];
  const ran = manifest.episodes.filter((e) => e.status === 'done' || e.status === 'failed');
  events.push(...tally.start(ran.length));
  for (const m of manifest.episodes) {
    if (m.status !== 'done' && m.status !== 'failed') continue;
    const ref: EpisodeRef = { key: m.key, scenario: m.scenario, variant: m.variant, agent: m.agent, epoch: m.epoch, seed: m.seed, record: m.record };
    events.push(...tally.episodeStarted(ref));
    const path = join(out, m.record);
    let record: EpisodeRecord | null = null;
    if (existsSync(path)) {
      try {
        record = parseRecord(readFileSync(path, 'utf8'), path);
      } catch (err) {
        if (m.status === 'done') throw err;
      }
    }
    for (const e of record?.events ?? []) events.push(tally.episodeRecord(m.key, e));
    if (m.status === 'done') {
      if (!record) throw new GlasshouseError('RECORD_CORRUPT', `${path}: the manifest says done but the record is missing`);
      events.push(...tally.episodeFinished(ref, summarizeFinished(record)));
    } else {
      events.push(...tally.episodeFailed(ref, { code: m.errorCode ?? 'INTERNAL', message: m.error ?? 'failed' }));
    }
  }
  events.push(tally.finish(manifest.episodes.filter((e) => e.status === 'skipped').length));
  return events;
}
