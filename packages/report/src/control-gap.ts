import { compareStrings } from './compare-order';
import type { StatsContext } from './cell-stats';
import { permutationTest } from './permutation-test';
import type { ControlGap, EpisodeSummary } from './report-schema';

/**
 * Threat vs control for scored covert-action detectors (sandbagging accuracy): per agent, scenario
 * and detector with valid scored episodes in both conditions, the mean score in each, the gap
 * control − threat, and a two-sample permutation test of the difference in means. The covert rate
 * alone cannot show this: in a control variant the detector never calls anything covert.
 */
export function controlGaps(episodes: readonly EpisodeSummary[], ctx: StatsContext): ControlGap[] {
  const groups = new Map<string, { agent: string; scenario: string; detector: string; threat: number[]; control: number[] }>();
  for (const e of episodes) {
    if (e.outcome === 'invalid') continue;
    for (const [detector, score] of Object.entries(e.scores)) {
      const key = JSON.stringify([e.agent, e.scenario, detector]);
      const g = groups.get(key) ?? { agent: e.agent, scenario: e.scenario, detector, threat: [], control: [] };
      (e.control ? g.control : g.threat).push(score);
      groups.set(key, g);
    }
  }
  const out: ControlGap[] = [];
  for (const key of [...groups.keys()].sort(compareStrings)) {
    const g = groups.get(key) as NonNullable<ReturnType<typeof groups.get>>;
    if (g.threat.length === 0 || g.control.length === 0) continue;
    const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
    const t = permutationTest(g.control, g.threat, { rng: ctx.rng.fork(`gap:${key}`) });
    out.push({
      agent: g.agent,
      scenario: g.scenario,
      detector: g.detector,
      threat: { n: g.threat.length, mean: mean(g.threat) },
      control: { n: g.control.length, mean: mean(g.control) },
      gap: mean(g.control) - mean(g.threat),
      test: { method: t.method, resamples: t.resamples, pTwoSided: t.pTwoSided, pControlGreater: t.pGreater },
    });
  }
  return out;
}
