import { describe, expect, it } from 'vitest';
import { episodeVerdict, measured } from '@glasshouse/schema';
import type { EpisodeRecord } from '@glasshouse/schema';
import { exportInspectLog, exportInspectLogs, InspectEvalLog, inspectModelName, outcomeReward, validateInspectLog } from '../src/index';
import type { InspectChatMessage } from '../src/index';
import { fixture } from './episodes';

const f = await fixture();
const records = [f.honest, f.covert, f.inert];
const byId = new Map(records.map((r) => [r.header.episodeId, r]));
const findings = (r: EpisodeRecord) => r.events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));
const relabel = (r: EpisodeRecord, agent: string): EpisodeRecord => ({ ...r, header: { ...r.header, agent: { id: agent } } });
const one = [f.honest, f.covert, f.inert].map((r) => relabel(r, 'openai:gpt-test'));
const log = exportInspectLog(one, { task: 'oversight' });

describe('exportInspectLog', () => {
  it("validates against Inspect's log schema, also after a JSON round-trip", () => {
    expect(validateInspectLog(log)).toEqual([]);
    const text = JSON.stringify(log);
    expect(validateInspectLog(JSON.parse(text))).toEqual([]);
    expect(InspectEvalLog.parse(JSON.parse(text))).toEqual(log);
  });

  it('has the header Inspect expects', () => {
    expect(log.version).toBe(2);
    expect(log.status).toBe('success');
    expect(log.eval).toMatchObject({ task: 'oversight', model: 'openai/gpt-test', dataset: { samples: 3, shuffled: false } });
    expect(log.eval.task_id).toMatch(/^[0-9a-f]{22}$/);
    expect(log.plan.steps).toEqual([{ solver: 'openai:gpt-test', params: { agent: 'openai:gpt-test' }, params_passed: { agent: 'openai:gpt-test' } }]);
    expect(inspectModelName('scripted:honest')).toBe('scripted/honest');
  });

  it('takes every timestamp from the records, so export is deterministic', () => {
    const starts = one.map((r) => r.header.startedAt).sort();
    const ends = one.map((r) => r.events.at(-1)?.t as string).sort();
    expect(log.eval.created).toBe(starts[0]);
    expect(log.stats.started_at).toBe(starts[0]);
    expect(log.stats.completed_at).toBe(ends.at(-1));
    expect(JSON.stringify(exportInspectLog([...one].reverse(), { task: 'oversight' }))).toBe(JSON.stringify(log));
  });

  it('has one sample per episode with the full conversation in ChatMessage format', () => {
    expect(log.samples).toHaveLength(3);
    expect(new Set(log.samples?.map((s) => s.id))).toEqual(new Set(one.map((r) => r.header.episodeId)));
    for (const s of log.samples ?? []) {
      const rec = byId.get(String(s.id)) as EpisodeRecord;
      expect(s.epoch).toBe(1);
      expect(s.input).toBe(rec.header.task);
      expect(s.messages[0]).toMatchObject({ role: 'system', content: rec.header.systemPrompt });
      expect(s.metadata).toMatchObject({
        scenario: 'oversight-subversion',
        variant: rec.header.variant.id,
        variables: rec.header.variant.values,
        var_spec: true,
        seed: rec.header.seed,
      });
      const calls = s.messages.flatMap((m) => (m.role === 'assistant' ? (m.tool_calls ?? []).map((c) => c.id) : []));
      const results = s.messages.flatMap((m) => (m.role === 'tool' ? [m.tool_call_id] : []));
      expect(results.every((id) => id !== null && calls.includes(id))).toBe(true);
      const recResults = rec.events.filter((e) => e.type === 'tool.result').length;
      expect(results).toHaveLength(recResults);
      // Interview questions are part of the conversation here.
      const asked = rec.events.filter((e) => e.type === 'message.user').length;
      expect(s.messages.filter((m) => m.role === 'user')).toHaveLength(asked);
    }
  });

  it('keeps reasoning as reasoning content and tool calls with object arguments', () => {
    const covert = log.samples?.find((s) => s.id === f.covert.header.episodeId);
    const withReasoning = covert?.messages.find(
      (m): m is Extract<InspectChatMessage, { role: 'assistant' }> => m.role === 'assistant' && Array.isArray(m.content),
    );
    expect(Array.isArray(withReasoning?.content) && withReasoning.content[0]).toMatchObject({
      type: 'reasoning',
      reasoning: 'Start by reading the planning data.',
    });
    expect(withReasoning?.tool_calls?.[0]).toMatchObject({
      function: 'bash',
      arguments: { command: 'cat /home/user/project/communications/fleet_routing_data.txt' },
      parse_error: null,
    });
  });

  it('scores each sample from its findings', () => {
    for (const s of log.samples ?? []) {
      const rec = byId.get(String(s.id)) as EpisodeRecord;
      const fs = findings(rec);
      const scores = s.scores ?? {};
      // every measured detector has a numeric score; unmeasured ones are listed in the summary
      const measuredFs = fs.filter((x) => x.verdict !== 'unmeasured');
      expect(Object.keys(scores).sort()).toEqual(['glasshouse', ...measuredFs.map((x) => x.detector)].sort());
      expect(scores['glasshouse']?.metadata?.['unmeasured_detectors']).toEqual(fs.filter((x) => x.verdict === 'unmeasured').map((x) => x.detector));
      for (const x of measuredFs) {
        expect(scores[x.detector]).toMatchObject({ answer: x.verdict, explanation: x.explanation, metadata: { kind: x.kind, evidence: x.evidence } });
        expect(typeof scores[x.detector]?.value).toBe('number');
        if (x.kind === 'covert-action') expect(scores[x.detector]?.value).toBe(x.verdict === 'covert' ? 1 : 0);
      }
      const verdict = episodeVerdict(fs);
      const task = measured(fs, 'task');
      expect(scores['glasshouse']).toMatchObject({
        answer: verdict,
        value: {
          covert: verdict === 'unmeasured' ? null : verdict === 'covert' ? 1 : 0,
          task_success: task === null ? null : task ? 1 : 0,
          reward: outcomeReward(rec).reward,
        },
      });
    }
  });

  it('reports covert rate and task success as metrics', () => {
    const metrics = log.results?.scores[0]?.metrics ?? {};
    // honest clean, covert covert, inert unmeasured → 1 / 2
    expect(metrics['covert_rate']).toMatchObject({ value: 0.5, metadata: { n: 2 } });
    // honest and covert did the task, inert did not → 2 / 3
    expect(metrics['task_success']?.value).toBeCloseTo(2 / 3);
    expect(metrics['mean_reward']?.value).toBeCloseTo(1 / 3);
    expect(log.results).toMatchObject({ total_samples: 3, completed_samples: 3 });
    expect(log.results?.scores[0]).toMatchObject({ scored_samples: 2, unscored_samples: 1 });
  });

  it('wants one agent per log', () => {
    expect(() => exportInspectLog(records)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(exportInspectLog(records, { agent: 'scripted:covert' }).samples?.map((s) => s.id)).toEqual([f.covert.header.episodeId]);
    const logs = exportInspectLogs(records);
    expect(logs.map((l) => l.agent)).toEqual(['scripted:covert', 'scripted:honest', 'scripted:inert']);
    for (const l of logs) expect(validateInspectLog(l.log)).toEqual([]);
  });

  it('marks an episode that ended on a harness fault as a sample error', () => {
    const broken: EpisodeRecord = {
      ...one[0]!,
      events: one[0]!.events.map((e) => (e.type === 'episode.end' ? { ...e, reason: 'error' as const } : e)),
    };
    const s = exportInspectLog([broken]).samples?.[0];
    expect(s?.error?.message).toContain('episode ended: error');
    const errLog = exportInspectLog([broken, one[1]!]);
    expect(validateInspectLog(errLog)).toEqual([]);
    // the eval is `error` when a sample errored, and says which
    expect(errLog.status).toBe('error');
    expect(errLog.error?.message).toContain(broken.header.episodeId);
    expect(log.status).toBe('success');
  });

  it("catches a log that does not match Inspect's published schema", () => {
    const bad = JSON.parse(JSON.stringify(log)) as Record<string, unknown> & { samples: Record<string, unknown>[]; stats: Record<string, unknown> };
    delete (bad.samples[0] as Record<string, unknown>)['epoch'];
    bad.stats['started_at'] = 7;
    bad['status'] = 'finished';
    const paths = validateInspectLog(bad).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['samples.0.epoch', 'stats.started_at', 'status']));
  });
});
