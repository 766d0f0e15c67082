import type { ScenarioDefinition } from '@glasshouse/engine';
import type { ControlOf, PairedRuleOf } from '@glasshouse/report';

/** Control variants according to the scenario definitions (`isControl`); unknown scenarios have none. */
export function controlOfLibrary(defs: readonly ScenarioDefinition[]): ControlOf {
  const byId = new Map(defs.map((d) => [d.id, d]));
  return (scenario, values) => byId.get(scenario)?.isControl?.(values) ?? false;
}

/** Population-level paired rules according to the scenario definitions (`pairedRule`). */
export function pairedRuleOfLibrary(defs: readonly ScenarioDefinition[]): PairedRuleOf {
  const byId = new Map(defs.map((d) => [d.id, d]));
  return (scenario) => byId.get(scenario)?.pairedRule;
}
