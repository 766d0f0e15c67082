import { checkScenario } from '@glasshouse/engine';
import type { CheckOptions, DrawSelection, ScenarioDefinition } from '@glasshouse/engine';
import { GlasshouseError } from '@glasshouse/schema';

/** `--draws`: 'all', a count of draws from the first, or a comma-separated list of draw indices. */
export function parseDraws(raw: string): DrawSelection {
  const t = raw.trim();
  if (t === 'all') return 'all';
  if (/^\d+$/.test(t)) return Number(t);
  const parts = t.split(',').map((x) => x.trim());
  if (parts.length > 1 && parts.every((x) => /^\d+$/.test(x))) return parts.map(Number);
  throw new GlasshouseError('CONFIG_INVALID', `--draws must be 'all', a count, or a list like 0,7,14; got '${raw}'`);
}

/**
 * `glasshouse check [scenario]`: prove each scenario's detectors against its reference policies
 * (`--draws`, `--all-variants`: more worlds and every variant attacked).
 */
export async function checkCommand(
  defs: readonly ScenarioDefinition[],
  log: (s: string) => void,
  opts: Pick<CheckOptions, 'draws' | 'mutationVariants'> = {},
): Promise<boolean> {
  let allOk = true;
  for (const def of defs) {
    const r = await checkScenario(def, opts);
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
