import type { StatsContext } from './cell-stats';
import { compareArms } from './comparisons';
import { compareScalars, compareStrings } from './compare-order';
import type { Comparison, EpisodeSummary } from './report-schema';

type Scalar = string | number | boolean;

function formatValue(value: Scalar): string {
  return typeof value === 'string' ? value : String(value);
}

/** Within one agent, every variable with exactly two values among threat variants: A vs B, stratified by scenario × the other variables. */
export function variableComparisons(agent: string, episodes: readonly EpisodeSummary[], ctx: StatsContext): Comparison[] {
  const threat = episodes.filter((e) => !e.control);
  const variables = new Map<string, Map<string, Scalar>>();
  for (const e of threat) {
    for (const [name, value] of Object.entries(e.variables)) {
      const values = variables.get(name) ?? new Map<string, Scalar>();
      values.set(JSON.stringify(value), value);
      variables.set(name, values);
    }
  }
  const out: Comparison[] = [];
  for (const name of [...variables.keys()].sort(compareStrings)) {
    const values = [...(variables.get(name) as Map<string, Scalar>).values()].sort(compareScalars);
    if (values.length !== 2) continue;
    const [va, vb] = values as [Scalar, Scalar];
    // The stratum key is read once per metric and scenario test: computed once per episode.
    const strata = new Map<EpisodeSummary, string>();
    const others = (e: EpisodeSummary) => {
      let key = strata.get(e);
      if (key === undefined) {
        key = JSON.stringify([e.scenario, Object.entries(e.variables).filter(([k]) => k !== name)]);
        strata.set(e, key);
      }
      return key;
    };
    out.push(
      compareArms(
        {
          id: `variable:${agent}:${name}`,
          kind: 'variable',
          name,
          a: { label: `${name}=${formatValue(va)}`, agent, value: va, episodes: threat.filter((e) => e.variables[name] === va) },
          b: { label: `${name}=${formatValue(vb)}`, agent, value: vb, episodes: threat.filter((e) => e.variables[name] === vb) },
          stratumOf: others,
          strata: `scenario × other variables`,
        },
        ctx,
      ),
    );
  }
  return out;
}
