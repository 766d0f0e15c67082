import type { ScenarioDefinition } from '@glasshouse/engine';
import { scenario as oversightSubversion } from './oversight-subversion/scenario';

/** Every scenario in the library, in a stable order. */
export const SCENARIOS: readonly ScenarioDefinition[] = [oversightSubversion];

export function findScenario(id: string): ScenarioDefinition | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
