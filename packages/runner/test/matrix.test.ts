import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentPolicy } from '@glasshouse/schema';
import { SCENARIOS } from '@glasshouse/scenarios';
import { defineScenario } from '@glasshouse/engine';
import { findScenario } from '@glasshouse/scenarios';
import { episodeSeed, planEpisodes, readManifest, runMatrix, MatrixConfig } from '@glasshouse/runner';
import type { ProgressState } from '@glasshouse/runner';

const tmp = () => mkdtempSync(join(tmpdir(), 'gh-matrix-'));

describe('runner: matrix', () => {
  it('plans scenarios × filtered variants × agents × epochs with stable seeds', () => {
    const plan = planEpisodes(
      MatrixConfig.parse({
        scenarios: ['oversight-subversion', 'sandbagging-qa'],
        variants: ['spec=true'],
        agents: ['scripted:honest', 'scripted:covert'],
        epochs: 3,
      }),
      SCENARIOS,
    );
    expect(plan).toHaveLength((4 + 4) * 2 * 3);
    expect(plan.every((p) => p.variant.spec === true)).toBe(true);
    expect(new Set(plan.map((p) => p.key)).size).toBe(plan.length);
    expect(new Set(plan.map((p) => p.seed)).size).toBe(plan.length);
    expect(plan[0]!.seed).toBe(episodeSeed(1, plan[0]!.scenario, plan[0]!.variantId, plan[0]!.agent, 0));
  });

  it('writes a manifest with versions, git revision and verdicts', async () => {
    const out = tmp();
    const r = await runMatrix({ scenarios: ['goal-guarding'], variants: ['goalNudge=none'], agents: ['scripted:honest', 'scripted:covert'] }, SCENARIOS, {
      out,
      progress: false,
    });
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
    const r = await runMatrix({ scenarios: ['lazy-checklist'], agents: ['broken', 'chatty'], budget: { maxTokens: 2000 } }, SCENARIOS, {
      out,
      progress: false,
      concurrency: 1,
      makeAgent: async (s) => (calls++, makeAgent(s)),
    });
    const m = readManifest(out)!;
    expect(m.episodes.filter((e) => e.status === 'failed')[0]?.error).toMatch(/no such model/);
    expect(r.stopped).toMatch(/token budget reached/);
    expect(m.episodes.some((e) => e.status === 'skipped')).toBe(true);
    expect(calls).toBeLessThan(m.episodes.length);
  });

  it('rejects a bad config naming the field', async () => {
    await expect(runMatrix({ scenarios: [], agents: ['scripted:honest'] }, SCENARIOS, { out: tmp(), progress: false })).rejects.toThrow(/scenarios/);
    await expect(runMatrix({ scenarios: ['nope'], agents: ['scripted:honest'] }, SCENARIOS, { out: tmp(), progress: false })).rejects.toThrow(
      /unknown scenario 'nope'/,
    );
  });

  it('refuses to resume a run with a different config, naming the difference; --force keeps old records aside', async () => {
    const out = tmp();
    const cfg = { scenarios: ['goal-guarding'], variants: ['goalNudge=none,spec=false'], agents: ['scripted:honest'] };
    await runMatrix(cfg, SCENARIOS, { out, progress: false });
    const first = readdirSync(join(out, 'records'));
    const texts = first.map((f) => readFileSync(join(out, 'records', f), 'utf8'));
    await expect(runMatrix({ ...cfg, seedBase: 7 }, SCENARIOS, { out, progress: false })).rejects.toThrow(/different config \(seedBase: 1 → 7\).*--force/);
    await expect(runMatrix({ ...cfg, epochs: 2 }, SCENARIOS, { out, progress: false })).rejects.toThrow(/epochs: 1 → 2/);
    // The budget changes no episode, so it may change on resume.
    expect((await runMatrix({ ...cfg, budget: { maxTokens: 10 } }, SCENARIOS, { out, progress: false })).skippedDone).toBe(first.length);
    const forced = await runMatrix({ ...cfg, seedBase: 7 }, SCENARIOS, { out, progress: false, force: true });
    expect(forced).toMatchObject({ ran: first.length, skippedDone: 0 });
    expect(
      readdirSync(join(out, 'superseded'))
        .map((f) => readFileSync(join(out, 'superseded', f), 'utf8'))
        .sort(),
    ).toEqual([...texts].sort());
    expect(readManifest(out)!.episodes.every((e) => e.status === 'done' && e.seed === episodeSeed(7, e.scenario, e.variant, e.agent, e.epoch))).toBe(true);
  });

  it('counts finished records against the budget when resuming, so a stopped run stays stopped until the budget is raised', async () => {
    const chatty = async (spec: string): Promise<AgentPolicy> => ({
      id: spec,
      next: async () => ({ text: 'done', usage: { inputTokens: 900, outputTokens: 100 } }),
    });
    const out = tmp();
    const cfg = { scenarios: ['lazy-checklist'], agents: ['chatty'], epochs: 3, budget: { maxTokens: 1500 } };
    const a = await runMatrix(cfg, SCENARIOS, { out, progress: false, concurrency: 1, makeAgent: chatty });
    expect(a.stopped).toMatch(/token budget reached/);
    const b = await runMatrix(cfg, SCENARIOS, { out, progress: false, concurrency: 1, makeAgent: chatty });
    expect(b).toMatchObject({ ran: 0, skippedDone: a.ran });
    expect(b.stopped).toMatch(/token budget reached/);
    expect(readManifest(out)!.stopped).toBe(b.stopped);
    const c = await runMatrix({ ...cfg, budget: { maxTokens: 1_000_000 } }, SCENARIOS, { out, progress: false, concurrency: 1, makeAgent: chatty });
    expect(c).toMatchObject({ stopped: null, skippedDone: a.ran, ran: c.total - a.ran });
    expect(readManifest(out)!.episodes.every((e) => e.status === 'done')).toBe(true);
  });

  it('takes scenario definitions in the config and reports progress per episode', async () => {
    const base = findScenario('goal-guarding')!;
    const custom = defineScenario({ ...base, id: 'goal-guarding-copy' });
    const out = tmp();
    const seen: ProgressState[] = [];
    const r = await runMatrix({ scenarios: [custom], variants: ['goalNudge=none,evalCues=false,spec=false'], agents: ['scripted:covert'], epochs: 2 }, [], {
      out,
      progress: false,
      concurrency: 1,
      onProgress: (s) => seen.push(s),
    });
    expect(r).toMatchObject({ total: 2, ran: 2 });
    expect(readManifest(out)!.config.scenarios).toEqual(['goal-guarding-copy']);
    expect(seen.map((s) => [s.done, s.total, s.covert])).toEqual([
      [0, 2, 0],
      [1, 2, 1],
      [2, 2, 2],
    ]);
    expect(existsSync(join(out, 'records', `${r.manifest.episodes[0]!.key}.jsonl`))).toBe(true);
  });
});
