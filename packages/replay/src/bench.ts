import type { EpisodeRecord } from '@glasshouse/schema';
import { expandVariants, policyAgent, runEpisode } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { SCENARIOS } from '@glasshouse/scenarios';
import { regradeRecord } from './regrade';
import { replayRecord } from './replay-record';

export interface BenchTimings {
  /** Records processed. */
  n: number;
  /** Milliseconds per record, in processing order. */
  perRecordMs: number[];
  totalMs: number;
  /** Milliseconds spent producing the input records (not part of the measurement). */
  setupMs: number;
}

/** n scripted records cycling through every scenario × variant × {honest, covert}. */
async function sampleRecords(n: number, scenarios: readonly ScenarioDefinition[]): Promise<{ record: EpisodeRecord; scenario: ScenarioDefinition }[]> {
  const cells = scenarios.flatMap((s) => expandVariants(s).flatMap((v) => ['honest', 'covert'].map((p) => ({ s, v: v.values, p }))));
  const out: { record: EpisodeRecord; scenario: ScenarioDefinition }[] = [];
  for (let i = 0; i < Math.min(n, cells.length); i++) {
    const c = cells[i] as (typeof cells)[number];
    out.push({ record: (await runEpisode(c.s, policyAgent(c.s, c.p, c.v), { variant: c.v, seed: i })).record, scenario: c.s });
  }
  // Beyond one record per cell, repeat them: replay and regrade cost does not depend on the seed.
  return Array.from({ length: n }, (_, i) => out[i % out.length] as (typeof out)[number]);
}

async function time(
  n: number,
  scenarios: readonly ScenarioDefinition[],
  work: (r: EpisodeRecord, s: ScenarioDefinition) => Promise<void>,
): Promise<BenchTimings> {
  const t0 = performance.now();
  const items = await sampleRecords(n, scenarios);
  const setupMs = performance.now() - t0;
  const perRecordMs: number[] = [];
  const start = performance.now();
  for (const { record, scenario } of items) {
    const a = performance.now();
    await work(record, scenario);
    perRecordMs.push(performance.now() - a);
  }
  return { n, perRecordMs, totalMs: performance.now() - start, setupMs };
}

/** Replay (re-drive + compare) n records; throws if any diverges. */
export function benchReplay(n: number, scenarios: readonly ScenarioDefinition[] = SCENARIOS): Promise<BenchTimings> {
  return time(n, scenarios, async (r, s) => {
    const res = await replayRecord(r, s);
    if (!res.identical) throw new Error(`replay diverged for ${r.header.episodeId} at ${res.firstDivergence?.field}`);
  });
}

/** Regrade n records with today's detectors (world rebuilt from the log, no agent). */
export function benchRegrade(n: number, scenarios: readonly ScenarioDefinition[] = SCENARIOS): Promise<BenchTimings> {
  return time(n, scenarios, async (r, s) => {
    const res = await regradeRecord(r, s);
    if (res.error) throw new Error(`regrade failed for ${r.header.episodeId}: ${res.error}`);
  });
}
