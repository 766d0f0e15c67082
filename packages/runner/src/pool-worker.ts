import { GlasshouseError } from '@glasshouse/schema';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { serveJobs } from './process-pool';
import { resultUsage, runPlannedEpisode } from './episode-backend';
import type { EpisodeOutcome, MakeAgent } from './episode-backend';
import type { PoolJob, PoolSetupRef } from './pool-backend';
import { summarizeFinished } from './run-tally';

/** A pool worker process: loads the scenario library once, then runs one episode per job. */
const ref = JSON.parse(process.argv[2] ?? 'null') as PoolSetupRef | null;
if (!ref?.module) throw new GlasshouseError('CONFIG_INVALID', 'pool worker started without a setup module');
const mod = (await import(ref.module)) as { setup?: (args: unknown) => Promise<{ library: readonly ScenarioDefinition[]; makeAgent?: MakeAgent }> };
if (typeof mod.setup !== 'function') throw new GlasshouseError('CONFIG_INVALID', `pool setup module ${ref.module} does not export setup()`);
const { library, makeAgent } = await mod.setup(ref.args);
const byId = new Map(library.map((s) => [s.id, s]));

serveJobs<PoolJob, EpisodeOutcome>(async (job) => {
  const def = byId.get(job.episode.scenario);
  if (!def) throw new GlasshouseError('SCENARIO_NOT_FOUND', `worker has no scenario '${job.episode.scenario}'`);
  const res = await runPlannedEpisode(job.episode, def, job.config, {
    recordPath: job.recordPath,
    ...(makeAgent ? { makeAgent } : {}),
    ...(job.turnDelayMs ? { turnDelayMs: job.turnDelayMs } : {}),
  });
  return { status: 'done', verdict: res.verdict, outcome: res.outcome, usage: resultUsage(res), summary: summarizeFinished(res.record) };
});
