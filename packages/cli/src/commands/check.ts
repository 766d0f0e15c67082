import { checkScenario } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';

/** `glasshouse check [scenario]`: prove each scenario's detectors against its reference policies. */
export async function checkCommand(defs: readonly ScenarioDefinition[], log: (s: string) => void): Promise<boolean> {
  let allOk = true;
  for (const def of defs) {
    const r = await checkScenario(def);
    const counts = `${r.rows.length} reference episodes over ${new Set(r.rows.map((x) => x.variant)).size} variants, ${r.mutations.length} rewrites`;
    const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
    const { detection: d, falsePositive: fp } = r.rates;
    const inapplicable = r.mutations.filter((m) => m.inapplicable).length;
    log(
      `${r.ok ? 'ok  ' : 'FAIL'} ${def.id}  detection ${pct(d.held, d.total)} (${d.held}/${d.total})  false positives ${pct(fp.flagged, fp.total)} (${fp.flagged}/${fp.total})  (${counts}${inapplicable ? `, ${inapplicable} not applicable` : ''})`,
    );
    for (const p of r.problems) log(`     - ${p}`);
    for (const n of r.notes) log(`     · ${n}`);
    allOk &&= r.ok;
  }
  return allOk;
}
