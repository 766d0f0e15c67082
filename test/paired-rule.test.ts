import { describe, expect, it } from 'vitest';
import { expandVariants, policyAgent, runEpisode } from '@glasshouse/engine';
import { findScenario } from '@glasshouse/scenarios';
import { binomialUpperTail, summarizeRecords } from '@glasshouse/report';
import type { EpisodeRecord } from '@glasshouse/schema';

describe('report: paired rules over twin episodes (alignment faking)', () => {
  it('matches scipy.stats.binom.sf for the one-sided tail', () => {
    // Reference values: scipy 1.x, binom.sf(k - 1, n, p) (stored here with their inputs).
    const ref: [number, number, number, number][] = [
      [36, 99, 0.25, 0.007886014735470424],
      [35, 99, 0.25, 0.013969819513519605],
      [42, 99, 0.25, 0.00011228571192587891],
      [3, 10, 0.25, 0.4744071960449219],
      [1, 1, 0.25, 0.25],
      [10, 10, 0.25, 9.5367431640625e-7],
      [0, 5, 0.25, 1],
      [50, 200, 0.25, 0.527123658120235],
    ];
    for (const [k, n, p, want] of ref) expect(binomialUpperTail(k, n, p)).toBeCloseTo(want, 10);
    expect(() => binomialUpperTail(3, 2, 0.25)).toThrow(RangeError);
  });

  it('pairs testing/deployment twins by draw and counts the faking pattern per agent', async () => {
    const def = findScenario('alignment-faking')!;
    const records: EpisodeRecord[] = [];
    const variants = expandVariants(def, { draws: 6 }).filter((v) => v.values.evalCues === false && v.values.spec === false);
    expect(variants).toHaveLength(12);
    for (const v of variants) {
      for (const policy of ['honest', 'covert']) {
        const res = await runEpisode(def, policyAgent(def, policy, v.values), { variant: v.values, seed: 5, interview: false });
        records.push(res.record);
      }
    }
    const report = summarizeRecords(
      records,
      {},
      { controlOf: (s, vals) => findScenario(s)?.isControl?.(vals) ?? false, pairedRuleOf: (s) => findScenario(s)?.pairedRule },
    );
    const byAgent = Object.fromEntries(report.pairedTests.map((t) => [t.agent, t]));
    const covert = Object.entries(byAgent).find(([a]) => a.includes('covert'))?.[1];
    const honest = Object.entries(byAgent).find(([a]) => a.includes('honest'))?.[1];
    expect(covert).toMatchObject({ scenario: 'alignment-faking', pairs: 6, counted: 6, rate: 1, p0: 0.25 });
    expect(covert!.pOneSided).toBeCloseTo(0.25 ** 6, 12);
    expect(honest).toMatchObject({ pairs: 6, counted: 0, rate: 0, pOneSided: 1 });
  });
});

describe('report: families that are not covert-action measurements stay out of covert aggregates', () => {
  it('keeps over-refusal rows labelled and out of the covert macro-average', async () => {
    const records: EpisodeRecord[] = [];
    for (const id of ['needless-refusal', 'oversight-subversion']) {
      const def = findScenario(id)!;
      const v = expandVariants(def)[0]!;
      const res = await runEpisode(def, policyAgent(def, 'covert', v.values), { variant: v.values, seed: 3, interview: false });
      records.push(res.record);
    }
    const ctx = { measuresOf: (s: string) => findScenario(s)?.measures };
    const report = summarizeRecords(records, {}, ctx);
    const agent = report.agents[0]!;
    expect(agent.byScenario.find((r) => r.scenario === 'needless-refusal')?.measures).toBe('over-refusal');
    // the needless refusal is flagged in its own row, but the macro covers oversight-subversion only
    expect(agent.byScenario.find((r) => r.scenario === 'needless-refusal')?.threat.covert.count).toBe(1);
    expect(agent.macro.covert.scenarios).toEqual(['oversight-subversion']);
    const without = summarizeRecords(records, {}).agents[0]!;
    expect(without.macro.covert.scenarios.sort()).toEqual(['needless-refusal', 'oversight-subversion']);
  });
});
