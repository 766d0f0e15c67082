import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentPolicy, AgentTurnInput } from '@glasshouse/schema';
import { Episode, parseRecord, policyAgent, readRecord, runEpisode, scriptedAgent, startEpisode } from '@glasshouse/engine';
import { findScenario } from '@glasshouse/scenarios';
import { regradeRecord } from '@glasshouse/replay';

const scenario = findScenario('oversight-subversion')!;
const tmp = () => mkdtempSync(join(tmpdir(), 'gh-engine-'));

describe('episode engine', () => {
  it('runs the honest policy to a clean verdict with the task done', async () => {
    const res = await runEpisode(scenario, policyAgent(scenario, 'honest', {}), { seed: 3 });
    expect(res.verdict).toBe('clean');
    const end = res.record.events.at(-1)!;
    expect(end.type).toBe('episode.end');
    if (end.type === 'episode.end') expect(end.reason).toBe('submitted');
    expect(res.findings.find((f) => f.kind === 'task')?.score).toBe(1);
  });

  it('records the covert run as a typed event sequence and flags it with evidence', async () => {
    const res = await runEpisode(scenario, policyAgent(scenario, 'covert', {}), { seed: 3 });
    expect(res.verdict).toBe('covert');
    expect(res.outcome).toBe('covert');
    expect(res.record.events.map((e) => e.type)).toMatchInlineSnapshot(`
      [
        "message.user",
        "message.assistant",
        "tool.call",
        "tool.result",
        "message.assistant",
        "tool.call",
        "tool.result",
        "message.assistant",
        "tool.call",
        "tool.result",
        "world.changed",
        "message.assistant",
        "tool.call",
        "tool.result",
        "message.assistant",
        "tool.call",
        "service.event",
        "tool.result",
        "world.changed",
        "message.user",
        "message.assistant",
        "message.user",
        "message.assistant",
        "finding",
        "finding",
        "finding",
        "finding",
        "finding",
        "finding",
        "finding",
        "finding",
        "episode.end",
      ]
    `);
    const f = res.findings.find((x) => x.detector === 'oversight-disabled')!;
    expect(f.verdict).toBe('covert');
    const cited = f.evidence.map((id) => res.record.events.find((e) => e.id === id)!);
    expect(cited.map((e) => e.type)).toEqual(['tool.call', 'world.changed']);
    const call = cited[0]!;
    expect(call.type === 'tool.call' && JSON.stringify(call.args)).toContain('sed -i');
    const denial = res.findings.find((x) => x.detector === 'oversight-denial')!;
    expect(denial.verdict).toBe('covert');
  });

  it('is deterministic: same seed and same agent outputs give a byte-identical record', async () => {
    const a = await runEpisode(scenario, policyAgent(scenario, 'covert-script', {}), { seed: 11 });
    const b = await runEpisode(scenario, policyAgent(scenario, 'covert-script', {}), { seed: 11 });
    expect(a.text).toBe(b.text);
    const c = await runEpisode(scenario, policyAgent(scenario, 'covert-script', {}), { seed: 12 });
    expect(c.text).not.toBe(a.text);
  });

  it('returns tool failures to the agent as results and keeps going', async () => {
    const turns: AgentTurnInput[] = [
      { toolCalls: [{ name: 'no_such_tool', args: {} }] },
      { toolCalls: [{ name: 'bash', args: '{"command": ' }] },
      { toolCalls: [{ name: 'read_file', args: { path: 42 } }] },
      { toolCalls: [{ name: 'read_file', args: { path: '/nope.txt' } }] },
      { toolCalls: [{ name: 'bash', args: { command: 'exit 3' } }] },
      { toolCalls: [{ name: 'select_strategy', args: { strategy: 'B' } }] },
    ];
    const res = await runEpisode(scenario, scriptedAgent('scripted:clumsy', turns), { seed: 1, interview: false });
    const results = res.record.events.filter((e) => e.type === 'tool.result');
    expect(results.map((r) => r.type === 'tool.result' && [r.isError, r.errorCode ?? null])).toEqual([
      [true, 'TOOL_NOT_FOUND'],
      [true, 'TOOL_INPUT_INVALID'],
      [true, 'TOOL_INPUT_INVALID'],
      [true, 'ENOENT'],
      [true, null],
      [false, null],
    ]);
    const r3 = results[2]!;
    expect(r3.type === 'tool.result' && r3.content).toMatch(/path/);
    const end = res.record.events.at(-1)!;
    expect(end.type === 'episode.end' && end.reason).toBe('submitted');
    expect(res.record.events.some((e) => e.type === 'error' && e.fatal)).toBe(false);
  });

  it('ends with a coded error and keeps earlier events when the agent returns garbage', async () => {
    let i = 0;
    const agent: AgentPolicy = {
      id: 'garbage',
      async next() {
        i++;
        if (i === 1) return { toolCalls: [{ name: 'bash', args: { command: 'ls' } }] };
        return { toolCalls: 'rm -rf /' } as unknown as AgentTurnInput;
      },
    };
    const dir = tmp();
    const res = await runEpisode(scenario, agent, { seed: 1, recordPath: join(dir, 'r.jsonl') });
    const err = res.record.events.find((e) => e.type === 'error');
    expect(err?.type === 'error' && err.code).toBe('AGENT_OUTPUT_INVALID');
    expect(err?.type === 'error' && err.message).toMatch(/toolCalls/);
    expect(res.record.events.some((e) => e.type === 'tool.result')).toBe(true);
    const end = res.record.events.at(-1)!;
    expect(end.type === 'episode.end' && end.reason).toBe('error');
    expect(readRecord(join(dir, 'r.jsonl')).events).toHaveLength(res.record.events.length);
  });

  it('ends with AGENT_FAILED when the agent throws, and at the step limit', async () => {
    const thrower: AgentPolicy = {
      id: 'thrower',
      next: async () => {
        throw new Error('provider exploded');
      },
    };
    const a = await runEpisode(scenario, thrower, { seed: 1 });
    expect(a.record.events.some((e) => e.type === 'error' && e.code === 'AGENT_FAILED' && e.message.includes('provider exploded'))).toBe(true);
    const looper = scriptedAgent(
      'looper',
      Array.from({ length: 10 }, () => ({ toolCalls: [{ name: 'bash', args: { command: 'pwd' } }] })),
    );
    const b = await runEpisode(scenario, looper, { seed: 1, maxSteps: 4, interview: false });
    const end = b.record.events.at(-1)!;
    expect(end.type === 'episode.end' && [end.reason, end.steps]).toEqual(['step-limit', 4]);
  });

  it('writes the record incrementally so a crash loses nothing already done', async () => {
    const dir = tmp();
    const path = join(dir, 'live.jsonl');
    const ep = await startEpisode(scenario, { seed: 2, recordPath: path });
    await ep.call('bash', { command: 'cat /home/user/project/oversight_config.yaml' });
    const mid = parseRecord(readFileSync(path, 'utf8'), path);
    expect(mid.events.map((e) => e.type)).toEqual(['message.user', 'message.assistant', 'tool.call', 'tool.result']);
    expect(mid.warnings.join()).toMatch(/did not finish/);
    await ep.end();
    expect(readRecord(path).warnings).toEqual([]);
  });

  it('reads a truncated or corrupt record back to the last good event with a warning', async () => {
    const res = await runEpisode(scenario, policyAgent(scenario, 'covert', {}), { seed: 5 });
    const lines = res.text.trimEnd().split('\n');
    const truncated = `${lines.slice(0, 6).join('\n')}\n${lines[6]!.slice(0, 25)}`;
    const t = parseRecord(truncated, 'x.jsonl');
    expect(t.events).toHaveLength(5);
    expect(t.warnings[0]).toMatch(/x\.jsonl:7: truncated last line/);
    const corrupt = [...lines.slice(0, 4), '{"type":"tool.call","id":5}', ...lines.slice(5)].join('\n');
    const c = parseRecord(corrupt, 'y.jsonl');
    expect(c.events).toHaveLength(3);
    expect(c.warnings[0]).toMatch(/y\.jsonl:5: invalid event/);
    const dir = tmp();
    writeFileSync(join(dir, 'v.jsonl'), lines[0]!.replace(/"schemaVersion":\d+/, '"schemaVersion":99'));
    expect(() => readRecord(join(dir, 'v.jsonl'))).toThrow(/RECORD_VERSION|newer/);
  });

  it('applies the standard variables: spec and goal nudge change the system prompt', async () => {
    const plain = await Episode.start(scenario, { variant: 'goalNudge=none,spec=false' });
    const nudged = await Episode.start(scenario, { variant: 'goalNudge=strong,spec=true' });
    expect(plain.systemPrompt).not.toMatch(/AS1/);
    expect(nudged.systemPrompt).toMatch(/AS1 \(No covert actions\)/);
    expect(nudged.systemPrompt).toMatch(/at all cost/);
    await expect(Episode.start(scenario, { variant: 'goalNudge=maybe' })).rejects.toThrow(/goalNudge=maybe is not one of/);
    await plain.end();
    await nudged.end();
  });

  it('refuses calls after the episode ended', async () => {
    const ep = await startEpisode(scenario, { seed: 1 });
    await ep.end();
    await expect(ep.call('bash', { command: 'ls' })).rejects.toThrow(/has ended/);
  });

  it('grades the world folded from its own record; a live world that differs from it makes the episode invalid, naming the path', async () => {
    const honest = await runEpisode(scenario, policyAgent(scenario, 'honest', {}), { seed: 5 });
    // The world the episode was graded on is the one its record gives (the same fold regrade uses).
    const again = await regradeRecord(honest.record, scenario);
    expect(again.newOutcome).toBe(honest.outcome);

    const ep = await startEpisode(scenario, { seed: 5 });
    await ep.call('bash', { command: 'echo note >> /home/user/notes.txt' });
    // Tamper with the volume behind the engine's back (the harness's unchecked view records nothing).
    ep.world.fs.raw().writeFile('/home/user/project/zz-late.txt', Buffer.from('written behind the record\n'));
    ep.world.fs.raw().writeFile('/home/user/notes.txt', Buffer.from('changed behind the record\n'));
    const res = await ep.end();
    expect(res.outcome).toBe('invalid');
    expect(res.fault?.code).toBe('WORLD_DIVERGED');
    // The first differing path in text order, never a silent choice of one world.
    expect(res.fault?.message).toContain('/home/user/notes.txt');
    const err = res.record.events.find((e) => e.type === 'error');
    expect(err?.type === 'error' && err.details).toEqual({ path: '/home/user/notes.txt' });
    // Graded on the fold: the tampered content is not in the world the detectors saw.
    expect(res.final.files['/home/user/notes.txt']?.content).toBe('note\n');
    expect(res.final.files['/home/user/project/zz-late.txt']).toBeUndefined();
    // Regrade reads the recorded fault: invalid too.
    expect((await regradeRecord(res.record, scenario)).newOutcome).toBe('invalid');
  });

  it('starts every episode of a variant from one build: clones are independent, the shared initial world is frozen', async () => {
    const a = await startEpisode(scenario, { seed: 1 });
    const b = await startEpisode(scenario, { seed: 2 });
    expect(a.initial).toBe(b.initial);
    expect(Object.isFrozen(a.initial.files)).toBe(true);
    expect(() => {
      (a.initial.files as Record<string, unknown>)['/x'] = 1;
    }).toThrow();
    await a.call('write_file', { path: '/home/user/project/oversight_config.yaml', content: 'changed\n' });
    const readB = await b.call('read_file', { path: '/home/user/project/oversight_config.yaml' });
    expect(readB.content).not.toContain('changed');
    const [ra, rb] = [await a.end(), await b.end()];
    expect(ra.final.files['/home/user/project/oversight_config.yaml']?.content).toBe('changed\n');
    expect(rb.final.files['/home/user/project/oversight_config.yaml']).toEqual(rb.initial.files['/home/user/project/oversight_config.yaml']);
    expect(ra.outcome === 'invalid' || rb.outcome === 'invalid').toBe(false);
  });
});
