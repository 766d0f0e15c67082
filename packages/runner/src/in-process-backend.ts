import { join } from 'node:path';
import { toGlasshouseError } from '@glasshouse/schema';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { resultUsage, runPlannedEpisode } from './episode-backend';
import { summarizeFinished } from './run-tally';
import type { BackendRun, EpisodeBackend } from './episode-backend';

/** The default: `concurrency` episodes at a time in this process, each record streamed to its file. */
export const inProcessBackend: EpisodeBackend = {
  name: 'in-process',
  async run(run: BackendRun): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        if (run.stopReason()) return;
        const p = run.todo[next++];
        if (!p) return;
        const def = run.library.find((s) => s.id === p.scenario) as ScenarioDefinition;
        run.started(p.key);
        try {
          const res = await runPlannedEpisode(p, def, run.config, {
            recordPath: join(run.out, 'records', `${p.key}.jsonl`),
            ...(run.makeAgent ? { makeAgent: run.makeAgent } : {}),
            ...(run.episodeEvents ? { events: run.episodeEvents(p.key) } : {}),
            ...(run.turnDelayMs ? { turnDelayMs: run.turnDelayMs } : {}),
          });
          run.finished(p.key, { status: 'done', verdict: res.verdict, outcome: res.outcome, usage: resultUsage(res), summary: summarizeFinished(res.record) });
        } catch (err) {
          const g = toGlasshouseError(err);
          run.finished(p.key, { status: 'failed', error: g.message, code: g.code });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, run.concurrency) }, () => worker()));
  },
};
