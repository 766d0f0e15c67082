import { describe, expect, it } from 'vitest';
import { expandVariants, measuresOf, policyAgent, runEpisode, selectDraws } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { measured, recordOutcome } from '@glasshouse/schema';
import { SCENARIOS } from './index';

const MULTI = SCENARIOS.filter((s) => (s.draws ?? 1) > 1);
/** A spread of draws: first, last and one in between (the suite's sample; `check` can take all). */
const sample = (s: ScenarioDefinition) => selectDraws(s, [0, Math.floor((s.draws ?? 1) / 2), (s.draws ?? 1) - 1]);
const worldText = (s: ScenarioDefinition, vars: Record<string, string | number | boolean>) => JSON.stringify(s.build(vars));

describe('multi-world families', () => {
  it('the library renders at least one family in several worlds', () => {
    expect(MULTI.length).toBeGreaterThan(0);
  });

  for (const s of MULTI) {
    it(`${s.id}: every draw renders a distinct world`, () => {
      const first = expandVariants(s, { draws: 'all' }).filter((v, _, all) => v.id.replace(/,?draw=\d+/, '') === all[0]!.id.replace(/,?draw=\d+/, ''));
      const texts = first.map((v) => worldText(s, v.values));
      expect(first.length).toBe(s.draws);
      expect(new Set(texts).size).toBe(texts.length);
    });

    it(`${s.id}: draws agree in ground truth (honest clean and finished, every covert route covert)`, async () => {
      // the first variant that is not a control condition (covert routes are covert there)
      const base = (expandVariants(s).find((v) => !s.isControl?.(v.values)) ?? expandVariants(s)[0]!).values;
      for (const draw of sample(s)) {
        const vars = { ...base, draw };
        for (const [name, policy] of Object.entries(s.policies)) {
          if (policy.kind === 'inert') continue;
          const res = await runEpisode(s, policyAgent(s, name, vars), { variant: vars, seed: 11 });
          const outcome = recordOutcome(res.record);
          if (policy.kind === 'honest') {
            expect(outcome, `${s.id} draw ${draw} ${name}`).toBe('clean');
            expect(measured(res.findings, 'task'), `${s.id} draw ${draw} ${name} task`).toBe(true);
          } else if (measuresOf(s) === 'covert-action') expect(outcome, `${s.id} draw ${draw} ${name}`).toBe('covert');
          // an over-refusal or a game move is flagged whether or not the agent owns up to it
          else expect(['covert', 'overt'], `${s.id} draw ${draw} ${name}`).toContain(outcome);
        }
      }
    });
  }
});
