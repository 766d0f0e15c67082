import { sha256 } from '@glasshouse/schema';
import type { ScenarioDefinition, VariantValues } from './scenario';
import { expandVariants } from './variants';

/**
 * Variables that set the measurement condition rather than the world: the goal nudge and the
 * anti-scheming spec change only the system prompt's preamble, evaluation cues add a give-away line.
 * They are held at their first value when environments are counted.
 */
export const CONDITION_VARIABLES: readonly string[] = ['goalNudge', 'evalCues', 'spec'];

export interface EnvironmentCount {
  family: string;
  /** Draws the family renders (1 for a single-world scenario). */
  draws: number;
  /** Distinct environments: distinct (world seed, task, system prompt) over draws and world-shaping variables. */
  environments: number;
}

/**
 * Count a family's distinct environments by building them: every draw × every value of the
 * variables that shape the world (conditions held fixed), hashed by content. Nothing is declared,
 * so two draws that happen to render the same world count once.
 */
export function countEnvironments(def: ScenarioDefinition): EnvironmentCount {
  const seen = new Set<string>();
  for (const v of expandVariants(def, { draws: 'all' })) {
    if (!atFirstCondition(def, v.values)) continue;
    const b = def.build(v.values);
    seen.add(sha256(JSON.stringify([b.world, b.task, b.systemPrompt])));
  }
  return { family: def.id, draws: def.draws ?? 1, environments: seen.size };
}

function atFirstCondition(def: ScenarioDefinition, values: VariantValues): boolean {
  return CONDITION_VARIABLES.every((k) => !(k in def.variables) || values[k] === def.variables[k]?.[0]);
}
