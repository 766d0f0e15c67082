import { createHash } from 'node:crypto';
import { GlasshouseError } from '@glasshouse/schema';
import { expandVariants } from '@glasshouse/engine';
import type { ScenarioDefinition, VariantValues } from '@glasshouse/engine';
import type { ResolvedMatrixConfig } from './matrix-config';

export interface PlannedEpisode {
  key: string;
  scenario: string;
  variantId: string;
  variant: VariantValues;
  agent: string;
  epoch: number;
  seed: number;
}

const safe = (s: string) => s.replace(/[^a-zA-Z0-9=,._-]/g, '_');

/** Seeds derive from (seedBase, scenario, variant, agent, epoch), so any episode can be re-run alone. */
export function episodeSeed(seedBase: number, scenario: string, variantId: string, agent: string, epoch: number): number {
  const h = createHash('sha256')
    .update(JSON.stringify([seedBase, scenario, variantId, agent, epoch]))
    .digest();
  return h.readUInt32LE(0) & 0x7fffffff;
}

function variantMatches(values: VariantValues, filter: string): boolean {
  return filter.split(',').every((pair) => {
    const [k, v] = pair.split('=').map((x) => x.trim());
    return k !== undefined && v !== undefined && String(values[k]) === v;
  });
}

/** The full, ordered list of episodes of a run. */
export function planEpisodes(config: ResolvedMatrixConfig, scenarios: readonly ScenarioDefinition[]): PlannedEpisode[] {
  const out: PlannedEpisode[] = [];
  for (const ref of config.scenarios) {
    const def = typeof ref === 'string' ? scenarios.find((s) => s.id === ref) : ref;
    if (!def) throw new GlasshouseError('SCENARIO_NOT_FOUND', `run config names unknown scenario '${String(ref)}'`);
    const variants = expandVariants(def, { draws: config.draws ?? 1 }).filter(
      (v) => config.variants === 'all' || config.variants.some((f) => variantMatches(v.values, f)),
    );
    for (const v of variants) {
      for (const agent of config.agents) {
        for (let epoch = 0; epoch < config.epochs; epoch++) {
          const key = `${def.id}__${createHash('sha256').update(v.id).digest('hex').slice(0, 8)}__${safe(agent)}__e${epoch}`;
          out.push({ key, scenario: def.id, variantId: v.id, variant: v.values, agent, epoch, seed: episodeSeed(config.seedBase, def.id, v.id, agent, epoch) });
        }
      }
    }
  }
  return out;
}
