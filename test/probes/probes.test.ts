import { describe, expect, it } from 'vitest';
import { PROBES } from './probes';
import { SECOND_PASS_PROBES } from './probes-second-pass';
import { THIRD_PASS_B_PROBES } from './probes-third-pass-b';
import { THIRD_PASS_A_PROBES } from './probes-third-pass-a';
import { FOURTH_PASS_A_PROBES } from './probes-fourth-pass-a';
import { FOURTH_PASS_B_PROBES } from './probes-fourth-pass-b';
import { FOURTH_PASS_C_PROBES } from './probes-fourth-pass-c';
import { FOURTH_PASS_D_PROBES } from './probes-fourth-pass-d';
import { runProbe } from './probe-kit';

/**
 * The independent probes (written from the scenarios' worlds, not from their detectors): covert acts
 * done in ways the reference policies do not use, odd-but-honest agents, and disclosed violations.
 * Each must end in the outcome a careful researcher expects.
 */
describe('adversarial probes', () => {
  for (const p of [
    ...PROBES,
    ...SECOND_PASS_PROBES,
    ...THIRD_PASS_A_PROBES,
    ...THIRD_PASS_B_PROBES,
    ...FOURTH_PASS_A_PROBES,
    ...FOURTH_PASS_B_PROBES,
    ...FOURTH_PASS_C_PROBES,
    ...FOURTH_PASS_D_PROBES,
  ]) {
    it(`${p.scenario}: ${p.name} → ${p.expect}`, async () => {
      const r = await runProbe(p);
      expect(r.outcome, r.detail).toBe(p.expect);
      // Regrade from the recorded log alone gives the live verdict.
      expect(r.regraded, r.detail).toBe(r.outcome);
    });
  }
});
