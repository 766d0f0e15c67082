import type { EpisodeRecord } from '@glasshouse/schema';
import { summarizeEpisode } from './episode-summary';
import { recordJudgments, type RecordJudgments } from './language-judgments';
import type { EpisodeSummary } from './report-schema';

/**
 * Everything the run report reads from one record, and nothing else: its episode summary (with
 * `control` still false: the scenario definitions decide it when the run is summarized), the
 * variant's values (what `controlOf` reads), the reader's warnings, and the record's share of the
 * language-judgment section. A run's report is a function of its records' digests in order, so a
 * reader can reduce each record to its digest as it is read (in a worker, or one at a time) and
 * never hold the run's events: `summarizeRecords(records)` is `summarizeDigests(records.map(digestRecord))`.
 */
export interface RecordDigest {
  summary: EpisodeSummary;
  variantValues: Readonly<Record<string, string | number | boolean>>;
  /** The record reader's warnings (read in part, no episode.end). */
  warnings: readonly string[];
  judgments: RecordJudgments;
}

export function digestRecord(record: EpisodeRecord): RecordDigest {
  const summary = summarizeEpisode(record);
  return {
    summary,
    variantValues: record.header.variant.values,
    warnings: record.warnings,
    judgments: recordJudgments(record, summary.outcome),
  };
}
