import { checkScenario } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';

/** `glasshouse check [scenario]`: prove each scenario's detectors against its reference policies. */
export async function checkCommand(defs: readonly ScenarioDefinition[], log: (s: string) => void): Promise<boolean> {
  let allOk = true;
  for (const def of defs) {
    const r = await checkScenario(def);
    const counts = `${r.rows.length} episodes over ${new Set(r.rows.map((x) => x.variant)).size} variants`;
    log(`${r.ok ? 'ok  ' : 'FAIL'} ${def.id}  (${counts})`);
    for (const p of r.problems) log(`     - ${p}`);
    allOk &&= r.ok;
  }
  return allOk;
}
