// A worker thread of `glasshouse report` (report-pool.ts): reads the record files it is sent and
// answers with each one's digest (what the report reads of it) or why it was skipped; then computes
// summary tasks over the run's prepared episodes, and renders them for report.json. Started by file.
import { parentPort } from 'node:worker_threads';
import { digestRecord, renderEpisodesJson, runSummaryTask, taskEpisodes, type EpisodeSummary, type ResolvedReportOptions } from '@glasshouse/report';
import { readRecord } from '@glasshouse/schema';
import type { PoolReply, PoolRequest, ReadOutcome } from './report-pool';

const port = parentPort;
if (!port) throw new Error('report-worker: start me as a worker thread');
let run: { episodes: readonly EpisodeSummary[]; opts: ResolvedReportOptions } | null = null;
port.on('message', (req: PoolRequest) => {
  if (req.kind === 'episodes') {
    run = { episodes: req.episodes, opts: req.opts };
    return;
  }
  if (req.kind === 'read') {
    const results: ReadOutcome[] = req.paths.map((path) => {
      try {
        return { digest: digestRecord(readRecord(path)) };
      } catch (err) {
        return { skipped: (err as Error).message };
      }
    });
    port.postMessage({ kind: 'read', id: req.id, results } satisfies PoolReply);
    return;
  }
  if (!run) throw new Error('report-worker: a summary task before the episodes');
  if (req.kind === 'episodes-json') {
    port.postMessage({ kind: 'episodes-json', id: req.id, json: renderEpisodesJson(run.episodes) } satisfies PoolReply);
    return;
  }
  port.postMessage({ kind: 'task', id: req.id, part: runSummaryTask(req.task, taskEpisodes(run.episodes, req.task), run.opts) } satisfies PoolReply);
});
