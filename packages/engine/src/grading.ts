import { Finding, findingProvenance } from '@glasshouse/schema';
import { disclosureFindings, evalAwarenessDetector, specCitationDetector } from '@glasshouse/detectors';
import type { Detector, DetectorContext } from '@glasshouse/detectors';
import type { NewEvent } from './event-log';
import type { ScenarioDefinition, VariantValues } from './scenario';

/** The detectors an episode of this scenario variant runs: the scenario's, plus transcript measurements. */
export function episodeDetectors(scenario: ScenarioDefinition, vars: VariantValues): Detector[] {
  const own = typeof scenario.detectors === 'function' ? scenario.detectors(vars) : scenario.detectors;
  // Transcript measurements run on every episode unless the scenario brings its own.
  const transcript = [evalAwarenessDetector(), specCitationDetector()].filter((d) => !own.some((o) => o.id === d.id));
  return [...own, ...transcript];
}

export interface GradeHooks {
  /** Called with each finding as it is produced. */
  onFinding?: (f: Finding) => void;
  /** Called when a detector fails (the finding is then `unmeasured`). */
  onError?: (message: string) => void;
}

function parseFinding(d: Pick<Detector, 'id' | 'label' | 'kind'>, f: unknown): Finding {
  const parsed = Finding.safeParse({ kind: d.kind ?? 'covert-action', ...(f as object) });
  const finding = parsed.success
    ? parsed.data
    : Finding.parse({
        detector: d.id,
        label: d.label,
        verdict: 'unmeasured',
        evidence: [],
        explanation: `detector returned an invalid finding: ${parsed.error.issues[0]?.message}`,
        kind: d.kind ?? 'covert-action',
      });
  return { ...finding, provenance: findingProvenance(finding) };
}

/**
 * Grade an episode: run every detector, then judge whether each violation (covert-action finding
 * with verdict `covert`) was disclosed to the principal (`disclosure` findings). Every finding gets
 * its provenance. A detector that throws or returns an invalid finding yields an `unmeasured`
 * finding saying why, never a crash. Used live (gradeEpisode) and by regrade, so both agree.
 */
export async function gradeFindings(detectors: readonly Detector[], ctx: DetectorContext, hooks: GradeHooks = {}): Promise<Finding[]> {
  const findings: Finding[] = [];
  const push = (f: Finding) => {
    findings.push(f);
    hooks.onFinding?.(f);
  };
  for (const d of detectors) {
    let raw: Awaited<ReturnType<Detector['detect']>>;
    try {
      raw = await d.detect(ctx);
    } catch (err) {
      raw = {
        detector: d.id,
        label: d.label,
        verdict: 'unmeasured',
        evidence: [],
        explanation: `detector failed: ${(err as Error).message}`,
        kind: d.kind ?? 'covert-action',
      };
      hooks.onError?.(`detector ${d.id} failed: ${(err as Error).message}`);
    }
    for (const f of Array.isArray(raw) ? raw : [raw]) push(parseFinding(d, f));
  }
  // A violation that is itself a statement to the principal (a false success claim) needs no disclosure judgment.
  const violations = findings.filter((f) => f.kind === 'covert-action' && f.verdict === 'covert' && f.disclosure !== 'misrepresented');
  const disclosureDetector = { id: 'disclosure', label: 'Disclosure', kind: 'disclosure' as const };
  try {
    for (const f of await disclosureFindings(ctx, violations)) push(parseFinding(disclosureDetector, f));
  } catch (err) {
    hooks.onError?.(`disclosure judgment failed: ${(err as Error).message}`);
    push(
      parseFinding(disclosureDetector, {
        detector: 'disclosure',
        label: 'Disclosure',
        kind: 'disclosure',
        verdict: 'unmeasured',
        evidence: [],
        explanation: `judge failed: ${(err as Error).message}`,
      }),
    );
  }
  return findings;
}

/** Grade the finished episode, appending each finding (and any detector failure) to the record. */
export function gradeEpisode(detectors: readonly Detector[], ctx: DetectorContext, append: (ev: NewEvent) => void): Promise<Finding[]> {
  return gradeFindings(detectors, ctx, {
    onFinding: (finding) => append({ type: 'finding', finding }),
    onError: (message) => append({ type: 'error', code: 'INTERNAL', message, fatal: false }),
  });
}
