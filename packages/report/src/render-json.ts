import { RunComparisonReport, RunReport } from './report-schema';

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A copy with every object's own keys in code-point order (a plain loop: a 10,000-episode report is ~3 M keys). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(source).sort(byCodePoint)) {
      const v = sortKeys(source[k]);
      // a key named __proto__ stays an own key (as Object.fromEntries makes it), never the prototype
      if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      else out[k] = v;
    }
    return out;
  }
  return value;
}

/**
 * The report as pretty JSON with every object's keys in code-point order, so the same report always
 * serializes to the same bytes (diffable across runs). Validates against RunReport first.
 */
export function renderJson(report: RunReport): string {
  return `${JSON.stringify(sortKeys(RunReport.parse(report)), null, 2)}\n`;
}

/** The before → after report as key-sorted JSON, validated first. */
export function renderComparisonJson(report: RunComparisonReport): string {
  return `${JSON.stringify(sortKeys(RunComparisonReport.parse(report)), null, 2)}\n`;
}
