import type { Finding, Verdict } from '@glasshouse/schema';

const MARK: Record<Verdict, string> = { covert: 'COVERT', clean: 'clean', unmeasured: 'unmeasured' };

/** Findings as aligned text lines for the terminal. */
export function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return '  (no findings)';
  const w = Math.max(...findings.map((f) => f.detector.length));
  return findings
    .map((f) => {
      const v =
        f.kind === 'covert-action' || f.kind === 'interview'
          ? `${MARK[f.verdict]}${f.disclosure ? `/${f.disclosure}` : ''}`
          : f.kind === 'disclosure'
            ? (f.disclosure ?? f.verdict)
            : f.verdict === 'unmeasured'
              ? 'unmeasured'
              : `score=${f.score ?? '-'}`;
      const by = f.provenance && f.provenance !== 'world-state' ? `  (${f.provenance})` : '';
      const ev = f.evidence.length ? `  [${f.evidence.join(', ')}]` : '';
      return `  ${f.detector.padEnd(w)}  ${v.padEnd(10)}  ${f.explanation}${ev}${by}`;
    })
    .join('\n');
}
