import { GlasshouseError } from '@glasshouse/schema';
import type { EpisodeRecord } from '@glasshouse/schema';
import { runEpisode } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { recordedAgent } from './recorded-agent';

export interface Divergence {
  /** Line in the record (1 = header). */
  line: number;
  seq: number | null;
  /** First differing field path, e.g. `content` or `files.0.afterHash`. */
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface ReplayResult {
  identical: boolean;
  /**
   * The record was read only up to its last good event (the reader's `warnings`): the re-driven
   * episode is compared on the events the record holds, and `identical` says whether they match.
   */
  truncated?: { warnings: string[]; eventsRead: number };
  events: number;
  firstDivergence?: Divergence;
  /**
   * With `text` (the record file as written): whether the re-driven record's text is the same,
   * byte for byte (the header's package versions aside).
   */
  byteIdentical?: boolean;
}

export interface ReplayOptions {
  /** The original record text, for a byte-level comparison in addition to the event comparison. */
  text?: string;
}

/** The record text with the header's `packages` emptied (versions may move on; results may not). */
function withoutVersions(text: string): string {
  const nl = text.indexOf('\n');
  const head = JSON.parse(nl < 0 ? text : text.slice(0, nl)) as Record<string, unknown>;
  return `${JSON.stringify({ ...head, packages: {} })}${nl < 0 ? '' : text.slice(nl)}`;
}

function firstDiff(a: unknown, b: unknown, path = ''): { field: string; expected: unknown; actual: unknown } | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])];
    for (const k of keys) {
      const d = firstDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
  }
  return { field: path || '(value)', expected: a, actual: b };
}

/**
 * Re-drive the recorded agent turns against a fresh world from the same seed and variant, and
 * compare the new record with the old one event by event (package versions and the parent link
 * aside). Proves determinism, or reports the first divergence.
 */
export async function replayRecord(record: EpisodeRecord, scenario: ScenarioDefinition, opts: ReplayOptions = {}): Promise<ReplayResult> {
  if (scenario.id !== record.header.scenario.id)
    throw new GlasshouseError('CONFIG_INVALID', `record is for scenario ${record.header.scenario.id}, not ${scenario.id}`);
  const interview = record.events.some((e) => e.type === 'message.user' && e.phase === 'interview');
  const res = await runEpisode(scenario, recordedAgent(record), {
    variant: record.header.variant.values,
    seed: record.header.seed,
    maxSteps: record.header.limits.maxSteps,
    timeoutMs: record.header.limits.timeoutMs,
    interview,
    ...(record.header.agent.config ? { agentConfig: record.header.agent.config } : {}),
    ...(record.header.parent ? { parent: record.header.parent } : {}),
  });
  const bytes = opts.text === undefined ? {} : { byteIdentical: withoutVersions(opts.text) === withoutVersions(res.text) };
  const strip = (h: EpisodeRecord['header']) => ({ ...h, packages: {} });
  const hd = firstDiff(strip(record.header), strip(res.record.header));
  if (hd) return { identical: false, events: res.record.events.length, firstDivergence: { line: 1, seq: null, ...hd }, ...bytes };
  const truncated = record.warnings.length ? { truncated: { warnings: [...record.warnings], eventsRead: record.events.length } } : {};
  // A truncated record is compared on the events it holds (the bytes cannot match a finished one).
  const n = truncated.truncated ? record.events.length : Math.max(record.events.length, res.record.events.length);
  const byteCheck = truncated.truncated ? {} : bytes;
  for (let i = 0; i < n; i++) {
    const d = firstDiff(record.events[i], res.record.events[i]);
    if (d) return { identical: false, events: res.record.events.length, firstDivergence: { line: i + 2, seq: i, ...d }, ...byteCheck, ...truncated };
  }
  return { identical: true, events: res.record.events.length, ...byteCheck, ...truncated };
}
