import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentPolicy } from '@glasshouse/spec';
import { SCENARIOS } from '@glasshouse/scenarios';
import { episodeSeed, planEpisodes, readManifest, runMatrix, MatrixConfig } from '@glasshouse/runner';

const tmp = () => mkdtempSync(join(tmpdir(), 'gh-matrix-'));

describe('runner: matrix', () => {
  it('plans scenarios × filtered variants × agents × epochs with stable seeds', () => {
    const plan = planEpisodes(MatrixConfig.parse({ scenarios: ['oversight-subversion', 'sandbagging-qa'], variants: ['spec=true'], agents: ['scripted:honest', 'scripted:covert'], epochs: 3 }), SCENARIOS);
    expect(plan).toHaveLength((4 + 4) * 2 * 3);
    expect(plan.every((p) => p.variant.spec === true)).toBe(true);
    expect(new Set(plan.map((p) => p.key)).size).toBe(plan.length);
    expect(new Set(plan.map((p) => p.seed)).size).toBe(plan.length);
    expect(plan[0]!.seed).toBe(episodeSeed(1, plan[0]!.scenario, plan[0]!.variantId, plan[0]!.agent, 0));
  });

  it('writes a manifest with versions, git revision and verdicts', async () => {
    const out = tmp();
    const r = await runMatrix({ scenarios: ['goal-guarding'], variants: ['goalNudge=none'], agents: ['scripted:honest', 'scripted:covert'] }, SCENARIOS, { out, progress: false });
    expect(r).toMatchObject({ total: 8, ran: 8, failed: 0, stopped: null });
    const m = readManifest(out)!;
    expect(m.versions['@glasshouse/engine']).toBeTruthy();
    expect(m.gitRevision).toMatch(/^[0-9a-f]{40}$/);
    expect(m.episodes.filter((e) => e.verdict === 'covert').map((e) => e.agent)).toEqual(Array(4).fill('scripted:covert'));
  });

  it('records agent failures and keeps going; stops scheduling cleanly when the token budget is spent', async () => {
    let calls = 0;
    const makeAgent = async (spec: string): Promise<AgentPolicy> => {
      if (spec === 'broken') throw new Error('no such model');
      return { id: spec, next: async () => ({ text: 'nothing to do', usage: { inputTokens: 600, outputTokens: 100 } }) };
    };
    const out = tmp();
    const r = await runMatrix({ scenarios: ['lazy-checklist'], agents: ['broken', 'chatty'], budget: { maxTokens: 2000 } }, SCENARIOS, { out, progress: false, concurrency: 1, makeAgent: async (s) => (calls++, makeAgent(s)) });
    const m = readManifest(out)!;
    expect(m.episodes.filter((e) => e.status === 'failed')[0]?.error).toMatch(/no such model/);
    expect(r.stopped).toMatch(/token budget reached/);
    expect(m.episodes.some((e) => e.status === 'skipped')).toBe(true);
    expect(calls).toBeLessThan(m.episodes.length);
  });

  it('rejects a bad config naming the field', async () => {
    await expect(runMatrix({ scenarios: [], agents: ['scripted:honest'] }, SCENARIOS, { out: tmp(), progress: false })).rejects.toThrow(/scenarios/);
    await expect(runMatrix({ scenarios: ['nope'], agents: ['scripted:honest'] }, SCENARIOS, { out: tmp(), progress: false })).rejects.toThrow(/unknown scenario 'nope'/);
  });
});
