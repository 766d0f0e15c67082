import { RunComparisonReport, RunReport, type EpisodeSummary } from './report-schema';

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
 * `prerendered.episodes` is `renderEpisodesJson(report.episodes)` made elsewhere (a worker thread,
 * while this one does the rest): the same bytes, with the episodes validated there.
 */
export function renderJson(report: RunReport, prerendered?: { episodes: string }): string {
  if (!prerendered) return `${JSON.stringify(sortKeys(RunReport.parse(report)), null, 2)}\n`;
  const text = renderJson({ ...report, episodes: [] });
  // Depth-1 keys are the report's own (deeper ones are indented further; strings hold no raw newline).
  const marker = '\n  "episodes": [],\n';
  const at = text.indexOf(marker);
  if (at < 0 || text.indexOf(marker, at + 1) >= 0) throw new RangeError('renderJson: the report has no single top-level episodes list to fill');
  return `${text.slice(0, at)}\n  "episodes": ${prerendered.episodes},\n${text.slice(at + marker.length)}`;
}

/**
 * A report's episodes as `renderJson` writes them (the value of its top-level `episodes` key, at
 * that depth): validated against RunReport's episode list schema, keys sorted. The largest part of
 * a report, so it can be rendered in another thread (`renderJson(report, { episodes })`).
 */
export function renderEpisodesJson(episodes: readonly EpisodeSummary[]): string {
  const text = JSON.stringify(sortKeys({ episodes: RunReport.shape.episodes.parse(episodes) }), null, 2);
  return text.slice('{\n  "episodes": '.length, text.length - '\n}'.length);
}

/** The before → after report as key-sorted JSON, validated first. */
export function renderComparisonJson(report: RunComparisonReport): string {
  return `${JSON.stringify(sortKeys(RunComparisonReport.parse(report)), null, 2)}\n`;
}
