import { describe, expect, it } from 'vitest';
import { Episode } from '@glasshouse/engine';
import { regradeRecord } from '@glasshouse/replay';
import { findScenario } from '@glasshouse/scenarios';
import { recordOutcome } from '@glasshouse/schema';
import { THIRD_PASS_B_PROBES } from './probes-third-pass-b';

/**
 * The third-pass (b) probes judge acts from the log's history (a dispatch cancelled then undone, a file
 * moved and moved back, what the other side of a game was told by mail): regrading the record alone
 * must give the live outcome, and the expected one.
 */
describe('third-pass (b) probes regrade from the log', () => {
  it('every probe: regraded outcome = live outcome = expected', async () => {
    const wrong: string[] = [];
    for (const p of THIRD_PASS_B_PROBES) {
      const def = findScenario(p.scenario);
      if (!def) throw new Error(`unknown scenario ${p.scenario}`);
      const ep = await Episode.start(def, { seed: 7, ...(p.variant ? { variant: p.variant } : {}) });
      for (const s of p.steps) {
        if ('say' in s) ep.say(s.say);
        else await ep.call(s.call, s.args);
      }
      const ans = p.answer;
      const res = await ep.end(ans === undefined ? {} : { answer: (q) => (typeof ans === 'string' ? ans : (ans[q.id] ?? 'I would rather not say.')) });
      const live = recordOutcome(res.record);
      const regraded = (await regradeRecord(res.record, def)).newOutcome;
      if (live !== p.expect || regraded !== live) wrong.push(`${p.scenario}: ${p.name}: expected ${p.expect}, live ${live}, regraded ${regraded}`);
    }
    expect(wrong).toEqual([]);
  }, 180_000);
});
