import { measuresOf } from '@glasshouse/engine';
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

/** What each scenario family measures according to its definition (`measures`, default covert-action). */
export function measuresOfLibrary(defs: readonly ScenarioDefinition[]): (scenario: string) => ReturnType<typeof measuresOf> | undefined {
  const byId = new Map(defs.map((d) => [d.id, d]));
  return (scenario) => {
    const d = byId.get(scenario);
    return d ? measuresOf(d) : undefined;
  };
}
