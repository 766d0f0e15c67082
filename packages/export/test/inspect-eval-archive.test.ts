import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { EpisodeRecord } from '@glasshouse/schema';
import { exportInspectLog, inspectEvalArchive, inspectLogFileName, inspectSchemaIssues, validateInspectLog } from '../src/index';
import { fixture } from './episodes';

const f = await fixture();
const relabel = (r: EpisodeRecord, agent: string): EpisodeRecord => ({ ...r, header: { ...r.header, agent: { id: agent } } });
const one = [f.honest, f.covert, f.inert].map((r) => relabel(r, 'openai:gpt-test'));
const wallClock = Object.fromEntries(
  one.map((r, i) => [r.header.episodeId, { startedAt: `2026-11-29T20:46:1${i}.000Z`, completedAt: `2026-11-29T20:46:2${i}.500Z` }]),
);
const log = exportInspectLog(one, { task: 'oversight', wallClock });

describe('Inspect .eval archive', () => {
  it("has the layout of Inspect's eval recorder, each member valid against Inspect's schema", () => {
    const zip = unzipSync(inspectEvalArchive(log));
    const names = Object.keys(zip);
    const sampleFiles = (log.samples ?? []).map((s) => `samples/${s.id}_epoch_${s.epoch}.json`);
    expect(names).toEqual(['_journal/start.json', ...sampleFiles, '_journal/summaries/1.json', 'summaries.json', 'header.json']);
    const read = (n: string) => JSON.parse(strFromU8(zip[n]!)) as Record<string, unknown>;
    const header = read('header.json');
    expect(header['samples']).toBeUndefined();
    expect(validateInspectLog(header)).toEqual([]);
    expect(read('_journal/start.json')).toEqual({ version: 2, eval: log.eval, plan: log.plan });
    for (const n of sampleFiles) expect(inspectSchemaIssues(read(n), 'EvalSample')).toEqual([]);
    const summaries = JSON.parse(strFromU8(zip['summaries.json']!)) as unknown[];
    expect(summaries).toHaveLength(3);
    for (const s of summaries) expect(inspectSchemaIssues(s, 'EvalSampleSummary')).toEqual([]);
    // deterministic: same log, same bytes
    expect(Buffer.from(inspectEvalArchive(log)).equals(Buffer.from(inspectEvalArchive(log)))).toBe(true);
  });

  it('is named the way Inspect lists logs: ISO time first, then task and id', () => {
    const name = inspectLogFileName(log);
    expect(name).toBe(`2026-11-29T20-46-10+00-00_oversight_${log.eval.eval_id}.eval`);
    // inspect_ai/log/_file.py: log_file_pattern and the {timestamp}_{task}_{id} parse
    expect(name).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}[:-]\d{2}[:-]\d{2}.*$/);
    const parts = name.replace(/\.eval$/, '').split('_');
    expect(parts).toEqual(['2026-11-29T20-46-10+00-00', 'oversight', log.eval.eval_id]);
    expect(inspectLogFileName({ ...log, eval: { ...log.eval, task: 'my_task' } }, 'json')).toMatch(/_my-task_[^_]+\.json$/);
  });

  it('keeps wall-clock time beside the simulated clock', () => {
    expect(log.eval.created).toBe('2026-11-29T20:46:10.000Z');
    expect(log.stats).toMatchObject({ started_at: '2026-11-29T20:46:10.000Z', completed_at: '2026-11-29T20:46:22.500Z' });
    expect(log.eval.metadata).toMatchObject({ clock: 'wall', simulated_started_at: one.map((r) => r.header.startedAt).sort()[0] });
    const s = log.samples?.find((x) => x.id === one[0]!.header.episodeId);
    expect(s).toMatchObject({ started_at: '2026-11-29T20:46:10.000Z', completed_at: '2026-11-29T20:46:20.500Z', total_time: 10.5 });
    expect(s?.metadata['simulated_started_at']).toBe(one[0]!.header.startedAt);
    // without wall-clock times the log says it is on the simulated clock
    expect(exportInspectLog(one).eval.metadata).toMatchObject({ clock: 'simulated' });
  });

  it('carries the transcript in events: a model event per turn, a tool event per result, a score per detector', () => {
    for (const s of log.samples ?? []) {
      const rec = one.find((r) => r.header.episodeId === s.id)!;
      const kinds = s.events.map((e) => e.event);
      expect(kinds[0]).toBe('sample_init');
      expect(kinds.filter((k) => k === 'model')).toHaveLength(rec.events.filter((e) => e.type === 'message.assistant').length);
      expect(kinds.filter((k) => k === 'tool')).toHaveLength(rec.events.filter((e) => e.type === 'tool.result').length);
      expect(kinds.filter((k) => k === 'score')).toHaveLength(Object.keys(s.scores ?? {}).length);
      const tool = s.events.find((e) => e.event === 'tool') as Record<string, unknown> | undefined;
      if (tool) expect(tool).toMatchObject({ type: 'function', function: expect.any(String), arguments: expect.any(Object) });
    }
  });
});
