import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GlasshouseError } from '@glasshouse/schema';
import { validateScenario } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { findScenario, SCENARIOS } from '@glasshouse/scenarios';

/** A scenario by library id, or a path to a module exporting `scenario` (or a default export). */
export async function loadScenario(ref: string): Promise<ScenarioDefinition> {
  const known = findScenario(ref);
  if (known) return validateScenario(known, ref);
  if (/[\\/]|\.ts$|\.m?js$/.test(ref)) {
    const file = resolve(ref);
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch (err) {
      throw new GlasshouseError('SCENARIO_NOT_FOUND', `cannot load scenario module ${file}: ${(err as Error).message}`);
    }
    const def = mod.scenario ?? mod.default;
    if (!def) throw new GlasshouseError('SCENARIO_INVALID', `${file}: module exports neither 'scenario' nor a default export`);
    return validateScenario(def, file);
  }
  throw new GlasshouseError('SCENARIO_NOT_FOUND', `unknown scenario '${ref}'. Known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
}

/** Scenario ids matching a comma-separated list of globs (`*`, `sandbag*`, `oversight-subversion`). */
export function matchScenarios(patterns: string): ScenarioDefinition[] {
  const globs = patterns.split(',').map((p) => p.trim()).filter(Boolean);
  const rx = globs.map((g) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`));
  const out = SCENARIOS.filter((s) => rx.some((r) => r.test(s.id)));
  if (out.length === 0) throw new GlasshouseError('SCENARIO_NOT_FOUND', `no scenario matches '${patterns}'. Known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  return out;
}
