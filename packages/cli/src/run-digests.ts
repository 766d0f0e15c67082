import { availableParallelism } from 'node:os';
import {
  finishSummary,
  prepareSummary,
  summarizeDigests,
  summaryFrame,
  summaryTasks,
  digestRecord,
  type RecordDigest,
  type ReportOptions,
  type RunReport,
  type SummarizeContext,
} from '@glasshouse/report';
import { readRecord } from '@glasshouse/schema';
import { ReportPool, type ReadOutcome } from './report-pool';

export interface RunDigests {
  /** The readable records' digests, in the order of the paths given. */
  digests: RecordDigest[];
  /** Unreadable records (no header, a bad header, a newer schema), as `readRecords` skips them. */
  skipped: { path: string; message: string }[];
}

/** Below this many records, starting worker threads costs more than they save. */
const WORKER_MIN_RECORDS = 400;

/** More workers than this load the code more times than they save (each batch is 64 files). */
const MAX_WORKERS = 8;

/**
 * Worker threads for a report over `records` records: one per core (at most 8) for large runs; none
 * for small runs or on one core, where a worker only adds its start-up.
 */
export function reportPool(records: number, workers?: number): ReportPool | null {
  const cores = availableParallelism();
  const n = workers ?? (records >= WORKER_MIN_RECORDS && cores > 1 ? Math.min(cores, MAX_WORKERS) : 0);
  return n > 0 ? new ReportPool(n) : null;
}

function collect(paths: readonly string[], outcomes: readonly ReadOutcome[]): RunDigests {
  const digests: RecordDigest[] = [];
  const skipped: { path: string; message: string }[] = [];
  outcomes.forEach((o, i) => {
    if ('digest' in o) digests.push(o.digest);
    else skipped.push({ path: paths[i] as string, message: o.skipped });
  });
  return { digests, skipped };
}

/**
 * Read a run's record files into their digests (`digestRecord`: what the report reads of each), as
 * `readRecords` reads them (same validation, same warnings, same skipped files and messages), but
 * never holding the run's events: each record is reduced as soon as it is read. With a pool, the
 * workers read in batches; the digests come back in the order of `paths`.
 */
export async function readRunDigests(paths: readonly string[], pool: ReportPool | null = null): Promise<RunDigests> {
  if (pool) return collect(paths, await pool.read(paths));
  const outcomes = paths.map((path): ReadOutcome => {
    try {
      return { digest: digestRecord(readRecord(path)) };
    } catch (err) {
      return { skipped: (err as Error).message };
    }
  });
  return collect(paths, outcomes);
}

/** A run's report, and its episodes already rendered for report.json when a worker rendered them. */
export interface SummarizedRun {
  report: RunReport;
  /** `renderEpisodesJson(report.episodes)`, for `renderJson(report, { episodes })`. */
  episodesJson?: string;
}

/**
 * `summarizeDigests`, with the summary's tasks computed by the pool's workers when there is one
 * (the same report), which also render the episodes for report.json (`renderEpisodes`) meanwhile.
 */
export async function summarizeRun(
  digests: readonly RecordDigest[],
  options: ReportOptions,
  context: SummarizeContext,
  pool: ReportPool | null = null,
  renderEpisodes = false,
): Promise<SummarizedRun> {
  if (!pool) return { report: summarizeDigests(digests, options, context) };
  const prepared = prepareSummary(digests, options, context);
  const tasks = summaryTasks(prepared);
  const summarized = pool.summarize(prepared.episodes, prepared.opts, tasks, { renderEpisodes });
  summarized.catch(() => {}); // awaited below, once this thread has done its share
  const frame = summaryFrame(prepared, context);
  const { parts, episodesJson } = await summarized;
  const report = finishSummary(prepared, parts, context, frame);
  return episodesJson === undefined ? { report } : { report, episodesJson };
}
