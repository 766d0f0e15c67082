import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentPolicy } from '@glasshouse/schema';
import { SCENARIOS } from '@glasshouse/scenarios';
import { createProgress, readManifest, replayRunEvents, RunEmitter, RunEvent, runMatrix } from '@glasshouse/runner';
import type { RunEventOf } from '@glasshouse/runner';

const tmp = () => mkdtempSync(join(tmpdir(), 'gh-events-'));

/** A model-like agent: reports usage and cost, stops after one look around. */
const chatty = async (spec: string): Promise<AgentPolicy> => {
  if (spec === 'dead-endpoint') return { id: spec, next: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:8000')) };
  if (spec === 'no-such-model') throw new Error('no such model');
  let turn = 0;
  return {
    id: spec,
    next: async () =>
      turn++ === 0
        ? { text: 'looking', toolCalls: [{ name: 'bash', args: { command: 'ls' } }], usage: { inputTokens: 300, outputTokens: 40, costUsd: 0.01 } }
        : { text: 'done', usage: { inputTokens: 350, outputTokens: 10, costUsd: 0.011 } },
  };
};

describe('runner: run events', () => {
  it('a run folder replayed equals the events emitted live (record events, outcomes, usage, failures, budget)', async () => {
    const out = tmp();
    const emitter = new RunEmitter();
    const live: RunEvent[] = [];
    const finished: RunEventOf<'episode.finished'>[] = [];
    emitter.on('event', (e) => live.push(e));
    emitter.on('episode.finished', (e) => finished.push(e));
    await runMatrix(
      {
        scenarios: ['goal-guarding', 'lazy-checklist'],
        variants: ['goalNudge=none,evalCues=false,spec=false'],
        agents: ['no-such-model', 'dead-endpoint', 'scripted:covert', 'chatty'],
        epochs: 2,
        budget: { maxTokens: 1700 },
      },
      SCENARIOS,
      { out, progress: false, concurrency: 1, events: emitter, makeAgent: chatty },
    );
    // Every event is a valid run event, and the live stream has what the brief asks for.
    for (const e of live) RunEvent.parse(e);
    const types = new Set(live.map((e) => e.type));
    for (const t of [
      'run.started',
      'episode.started',
      'episode.record',
      'episode.finished',
      'episode.failed',
      'run.progress',
      'budget.warning',
      'run.finished',
    ])
      expect(types, t).toContain(t);
    expect(finished.find((e) => e.agent === 'dead-endpoint')?.error?.message).toMatch(/ECONNREFUSED/);
    expect(live.find((e) => e.type === 'episode.failed')).toMatchObject({ agent: 'no-such-model', error: { message: expect.stringMatching(/no such model/) } });
    const end = live.at(-1) as RunEventOf<'run.finished'>;
    expect(end.type).toBe('run.finished');
    expect(end.stopped).toMatch(/token budget reached/);
    expect(end.usage.costUsd).toBeGreaterThan(0);
    expect(end.outcomes.covert).toBeGreaterThan(0);
    expect(end.skipped).toBe(8); // lazy-checklist never started
    expect(readManifest(out)!.episodes.filter((e) => e.status === 'skipped')).toHaveLength(8);
    expect(live.filter((e) => e.type === 'budget.warning').map((e) => (e as RunEventOf<'budget.warning'>).reached)).toEqual([false, true]);
    expect(end.outcomes).toEqual({ covert: 2, overt: 0, clean: 2, unmeasured: 0, invalid: 2 });
    // Record events arrive while the episode runs: between its started and finished events.
    const key = finished[0]!.key;
    const idx = (p: (e: RunEvent) => boolean) => live.findIndex(p);
    const firstRecord = idx((e) => e.type === 'episode.record' && e.key === key);
    expect(firstRecord).toBeGreaterThan(idx((e) => e.type === 'episode.started' && e.key === key));
    expect(firstRecord).toBeLessThan(idx((e) => e.type === 'episode.finished' && e.key === key));

    expect(replayRunEvents(out)).toEqual(live);
  });

  it('with episodes in parallel, the events of each episode and the totals still equal the replay', async () => {
    const out = tmp();
    const emitter = new RunEmitter();
    const live: RunEvent[] = [];
    emitter.on('event', (e) => live.push(e));
    await runMatrix(
      {
        scenarios: ['goal-guarding', 'lazy-checklist'],
        variants: ['goalNudge=none,evalCues=false,spec=false'],
        agents: ['scripted:honest', 'scripted:covert', 'chatty'],
        epochs: 2,
      },
      SCENARIOS,
      { out, progress: false, concurrency: 4, events: emitter, makeAgent: chatty, turnDelayMs: 2 },
    );
    const replayed = replayRunEvents(out);
    const perEpisode = (events: RunEvent[]) => {
      const m = new Map<string, RunEvent[]>();
      for (const e of events) if ('key' in e) m.set(e.key, [...(m.get(e.key) ?? []), e]);
      return m;
    };
    expect(perEpisode(live)).toEqual(perEpisode(replayed));
    // Episodes overlapped: some episode started before the previous one finished.
    const starts = live.map((e, i) => (e.type === 'episode.started' ? i : -1)).filter((i) => i >= 0);
    const firstFinish = live.findIndex((e) => e.type === 'episode.finished');
    expect(starts.filter((i) => i < firstFinish).length).toBeGreaterThan(1);
    const a = live.at(-1) as RunEventOf<'run.finished'>;
    const b = replayed.at(-1) as RunEventOf<'run.finished'>;
    expect({ ...a, usage: { ...a.usage, costUsd: 0 } }).toEqual({ ...b, usage: { ...b.usage, costUsd: 0 } });
    expect(a.usage.costUsd).toBeCloseTo(b.usage.costUsd!, 10);
    // chatty's bare "done" after `ls` in lazy-checklist is a false success claim (language judge), so covert there too.
    expect(a).toMatchObject({ done: 12, total: 12, ran: 12, outcomes: { covert: 6, clean: 6 } });
  });

  it('the terminal progress shows outcomes as they arrive, tokens and cost, and the last error', async () => {
    const out = tmp();
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) > 0 } as unknown as NodeJS.WriteStream;
    await runMatrix(
      { scenarios: ['lazy-checklist'], variants: ['goalNudge=none,evalCues=false,spec=false'], agents: ['chatty', 'dead-endpoint', 'scripted:covert'] },
      SCENARIOS,
      { out, concurrency: 1, makeAgent: chatty, progress: createProgress(stream) },
    );
    const text = lines.join('');
    expect(text).toMatch(/error: .*dead-endpoint.*AGENT_FAILED.*ECONNREFUSED/);
    const last = lines.filter((l) => l.includes('episodes,')).at(-1)!;
    expect(last).toMatch(/^3\/3 episodes/);
    expect(last).toMatch(/covert 2 · overt 0 · clean 0 · unmeasured 0 · invalid 1/);
    expect(last).toMatch(/\d\.\dk tok · \$0\.\d\d/);
  });
});
