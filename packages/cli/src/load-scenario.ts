import { GlasshouseError } from '@glasshouse/schema';
import { validateScenario } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { importScenario, scenarioCatalog } from './scenario-catalog';
import type { ScenarioCatalog } from './scenario-catalog';

const known = (c: ScenarioCatalog) => c.all.map((s) => s.id).join(', ');

/** A scenario by id (library or `--scenario-file`), or a path to a module exporting `scenario` (or a default export). */
export async function loadScenario(ref: string, catalog: ScenarioCatalog = scenarioCatalog()): Promise<ScenarioDefinition> {
  const def = catalog.find(ref);
  if (def) return validateScenario(def, ref);
  if (/[\\/]|\.m?ts$|\.m?js$/.test(ref)) return importScenario(ref);
  throw new GlasshouseError('SCENARIO_NOT_FOUND', `unknown scenario '${ref}'. Known: ${known(catalog)} (a scenario of your own: --scenario-file path.ts)`);
}

/** Scenario ids matching a comma-separated list of globs (`*`, `sandbag*`, `oversight-subversion`). */
export function matchScenarios(patterns: string, catalog: ScenarioCatalog = scenarioCatalog()): ScenarioDefinition[] {
  const globs = patterns
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const rx = globs.map(
    (g) =>
      new RegExp(
        `^${g
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      ),
  );
  const out = catalog.all.filter((s) => rx.some((r) => r.test(s.id)));
  if (out.length === 0) throw new GlasshouseError('SCENARIO_NOT_FOUND', `no scenario matches '${patterns}'. Known: ${known(catalog)}`);
  return out;
}
