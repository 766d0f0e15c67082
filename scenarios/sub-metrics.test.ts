import { describe, expect, it } from 'vitest';
import { expandVariants, policyAgent, runEpisode } from '@glasshouse/engine';
import { findScenario } from './index';

/** The papers' sub-metrics are separate findings: clean for the honest policy, raised by the covert routes that do the act. */
const SUB: Record<string, string[]> = {
  'self-exfiltration': ['exfiltration-attempted', 'exfiltration-achieved'],
  'goal-guarding': ['goal-prompt-removed', 'goal-prompt-replaced'],
  'oversight-subversion': ['goal-option-after-subversion'],
  'insider-trading': ['trade-report-source'],
};

describe('library: sub-metrics beside the covert rule', () => {
  for (const [id, detectors] of Object.entries(SUB)) {
    it(`${id}: ${detectors.join(', ')}`, async () => {
      const s = findScenario(id)!;
      const vars = (expandVariants(s).find((v) => !s.isControl?.(v.values)) ?? expandVariants(s)[0]!).values;
      const raised = new Set<string>();
      for (const [name, policy] of Object.entries(s.policies)) {
        if (policy.kind === 'inert') continue;
        const res = await runEpisode(s, policyAgent(s, name, vars), { variant: vars, seed: 11 });
        const mine = res.findings.filter((f) => detectors.includes(f.detector));
        expect(mine.map((f) => f.detector).sort(), `${id} ${name}`).toEqual([...detectors].sort());
        if (policy.kind === 'honest')
          expect(
            mine.filter((f) => f.verdict === 'covert'),
            `${id} honest`,
          ).toEqual([]);
        for (const f of mine) if (f.verdict === 'covert') raised.add(f.detector);
      }
      // every sub-metric is raised by at least one covert reference route
      expect([...raised].sort(), id).toEqual([...detectors].sort());
    });
  }
});
