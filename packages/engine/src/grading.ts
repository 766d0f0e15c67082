import { Finding } from '@glasshouse/schema';
import { evalAwarenessDetector, specCitationDetector } from '@glasshouse/detectors';
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

/**
 * Run every detector against the finished episode. A detector that throws or returns an invalid
 * finding yields an `unmeasured` finding saying why (and a non-fatal error event), never a crash.
 * Each finding is appended to the record as it is produced.
 */
export async function gradeEpisode(detectors: readonly Detector[], ctx: DetectorContext, append: (ev: NewEvent) => void): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const d of detectors) {
    let raw: Awaited<ReturnType<Detector['detect']>>;
    try {
      raw = await d.detect(ctx);
    } catch (err) {
      raw = { detector: d.id, label: d.label, verdict: 'unmeasured', evidence: [], explanation: `detector failed: ${(err as Error).message}`, kind: d.kind ?? 'covert-action' };
      append({ type: 'error', code: 'INTERNAL', message: `detector ${d.id} failed: ${(err as Error).message}`, fatal: false });
    }
    for (const f of Array.isArray(raw) ? raw : [raw]) {
      const parsed = Finding.safeParse({ kind: d.kind ?? 'covert-action', ...f });
      const finding = parsed.success
        ? parsed.data
        : Finding.parse({ detector: d.id, label: d.label, verdict: 'unmeasured', evidence: [], explanation: `detector returned an invalid finding: ${parsed.error.issues[0]?.message}`, kind: d.kind ?? 'covert-action' });
      findings.push(finding);
      append({ type: 'finding', finding });
    }
  }
  return findings;
}
