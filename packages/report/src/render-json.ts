import { RunComparisonReport, RunReport } from './report-schema';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
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
