import type { EpisodeRecord } from '@glasshouse/schema';
import { digestRecord, type RecordDigest } from './record-digest';
import type { ReportOptions, RunReport } from './report-schema';
import { finishSummary, prepareSummary, runSummaryTask, summaryTasks, taskEpisodes, type SummarizeContext } from './summary-tasks';

/**
 * Summarize a run: per agent (never pooled across agents), per scenario with threat and control
 * variants apart, macro-averages over scenarios with a scenario-level bootstrap interval, variable
 * comparisons within each agent stratified by scenario (CMH), threat-vs-control score gaps, and
 * every invalid episode listed. Same records + options ⇒ the same report.
 */
export function summarizeRecords(records: readonly EpisodeRecord[], options: ReportOptions = {}, context: SummarizeContext = {}): RunReport {
  return summarizeDigests(records.map(digestRecord), options, context);
}

/**
 * The same report from the records' digests (`digestRecord`), in the order the records were read:
 * what a reader that reduces each record as it reads it passes instead of the records.
 */
export function summarizeDigests(digests: readonly RecordDigest[], options: ReportOptions = {}, context: SummarizeContext = {}): RunReport {
  const prepared = prepareSummary(digests, options, context);
  return finishSummary(
    prepared,
    summaryTasks(prepared).map((task) => runSummaryTask(task, taskEpisodes(prepared.episodes, task), prepared.opts)),
    context,
  );
}
