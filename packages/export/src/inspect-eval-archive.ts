import { strToU8, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import type { InspectEvalLog, InspectEvalSample } from './inspect-log-schema';

/**
 * Inspect's default log format, the `.eval` archive: a zip holding the same objects as a `.json` log,
 * split the way Inspect's own recorder writes them (inspect_ai/log/_recorders/eval.py):
 *
 *   _journal/start.json          { version, eval, plan }
 *   samples/<id>_epoch_<n>.json  one EvalSample each
 *   _journal/summaries/1.json    the sample summaries as journalled
 *   summaries.json               EvalSampleSummary[] (what the viewer lists before opening a sample)
 *   header.json                  the EvalLog without samples and reductions
 *
 * Entries are deflated (Inspect reads deflate and zstd; it writes zstd itself). Entry times are the
 * log's creation time, so the same log always gives the same bytes.
 */
export function inspectSampleSummary(s: InspectEvalSample): Record<string, unknown> {
  return {
    id: s.id,
    epoch: s.epoch,
    input: s.input,
    choices: s.choices,
    target: s.target,
    metadata: s.metadata,
    scores: s.scores,
    model_usage: s.model_usage,
    role_usage: s.role_usage,
    started_at: s.started_at ?? null,
    completed_at: s.completed_at ?? null,
    total_time: s.total_time,
    working_time: s.working_time,
    uuid: s.uuid,
    error: s.error?.message ?? null,
    limit: s.limit?.type ?? null,
    retries: null,
    message_count: s.messages.length,
    completed: true,
  };
}

export function inspectEvalArchive(log: InspectEvalLog): Uint8Array {
  const json = (v: unknown) => strToU8(JSON.stringify(v));
  const { samples, reductions, ...header } = log;
  const summaries = (samples ?? []).map(inspectSampleSummary);
  const mtime = Number.isFinite(Date.parse(log.eval.created)) ? new Date(log.eval.created) : new Date(0);
  const files: Zippable = {};
  files['_journal/start.json'] = json({ version: log.version, eval: log.eval, plan: log.plan });
  for (const s of samples ?? []) files[`samples/${s.id}_epoch_${s.epoch}.json`] = json(s);
  files['_journal/summaries/1.json'] = json(summaries);
  files['summaries.json'] = json(summaries);
  if (reductions) files['reductions.json'] = json(reductions);
  files['header.json'] = json(header);
  return zipSync(files, { level: 6, mtime });
}

/**
 * The file name Inspect's viewer lists a log by: `<ISO start, ':' as '-'>_<task>_<id>.<ext>`, e.g.
 * `2026-11-29T20-46-18+00-00_glasshouse_Ab3xY.eval` (inspect_ai/log/_file.py: a full timestamp first,
 * then `_`-separated task and id, so neither may contain `_`).
 */
export function inspectLogFileName(log: InspectEvalLog, format: 'eval' | 'json' = 'eval'): string {
  const d = new Date(log.eval.created);
  const iso = Number.isFinite(d.getTime()) ? d.toISOString() : new Date(0).toISOString();
  const stamp = `${iso.slice(0, 19).replace(/:/g, '-')}+00-00`;
  const safe = (s: string) => s.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
  return `${stamp}_${safe(log.eval.task)}_${safe(log.eval.eval_id)}.${format}`;
}
