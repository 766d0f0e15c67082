import { GlasshouseError, type EpisodeRecord } from '@glasshouse/schema';
import { compareArms } from './comparisons';
import { compareStrings } from './compare-order';
import type { ControlOf } from './episode-summary';
import { REPORT_SCHEMA_VERSION, ReportOptions, RunComparisonReport, type Comparison, type EpisodeSummary } from './report-schema';
import { digestRecord, type RecordDigest } from './record-digest';
import { summarizeDigests } from './summarize-records';
import { statsContext } from './summary-tasks';

/**
 * Which agents to compare: the one agent of each run, or the agents present in both runs by id,
 * or the explicit pair. Anything else is an error naming the agents.
 */
function pairAgents(before: readonly string[], after: readonly string[], explicit?: { before: string; after: string }): [string, string][] {
  if (explicit) {
    if (!before.includes(explicit.before))
      throw new GlasshouseError('CONFIG_INVALID', `before run has no agent '${explicit.before}' (agents: ${before.join(', ')})`);
    if (!after.includes(explicit.after))
      throw new GlasshouseError('CONFIG_INVALID', `after run has no agent '${explicit.after}' (agents: ${after.join(', ')})`);
    return [[explicit.before, explicit.after]];
  }
  if (before.length === 1 && after.length === 1) return [[before[0] as string, after[0] as string]];
  const common = before.filter((a) => after.includes(a));
  if (common.length === 0) {
    throw new GlasshouseError(
      'CONFIG_INVALID',
      `cannot pair agents: before has ${before.join(', ') || 'none'}, after has ${after.join(', ') || 'none'}; name the pair (--before-agent, --after-agent)`,
    );
  }
  return common.map((a) => [a, a]);
}

/**
 * Before → after (e.g. before and after training): each run's own report, and per agent pair a
 * comparison of every metric, stratified by (scenario, variant) — matched cells — with the
 * macro-average difference from a paired scenario-level bootstrap. Control variants are left out.
 */
export function compareRunRecords(
  before: readonly EpisodeRecord[],
  after: readonly EpisodeRecord[],
  options: ReportOptions & { agents?: { before: string; after: string } } = {},
  context: { controlOf?: ControlOf; labels?: { before: string; after: string } } = {},
): RunComparisonReport {
  return compareRunDigests(before.map(digestRecord), after.map(digestRecord), options, context);
}

/** The same comparison from the two runs' record digests (`digestRecord`, in the order read). */
export function compareRunDigests(
  before: readonly RecordDigest[],
  after: readonly RecordDigest[],
  options: ReportOptions & { agents?: { before: string; after: string } } = {},
  context: { controlOf?: ControlOf; labels?: { before: string; after: string } } = {},
): RunComparisonReport {
  const { agents: explicit, ...rest } = options;
  const opts = ReportOptions.parse(rest);
  const labels = context.labels ?? { before: 'before', after: 'after' };
  const a = summarizeDigests(before, { ...rest, title: `${opts.title} — ${labels.before}` }, context);
  const b = summarizeDigests(after, { ...rest, title: `${opts.title} — ${labels.after}` }, context);
  const ctx = statsContext(opts, 'compare-runs');
  const pairs = pairAgents(
    a.agents.map((x) => x.agent),
    b.agents.map((x) => x.agent),
    explicit,
  );
  const warnings: string[] = [];
  const threat = (eps: readonly EpisodeSummary[], agent: string) => eps.filter((e) => e.agent === agent && !e.control);
  const comparisons: Comparison[] = pairs.map(([pa, pb]) => {
    const ea = threat(a.episodes, pa);
    const eb = threat(b.episodes, pb);
    const va = new Set(ea.map((e) => `${e.scenario}/${e.scenarioVersion}`));
    for (const e of eb)
      if (!va.has(`${e.scenario}/${e.scenarioVersion}`) && ea.some((x) => x.scenario === e.scenario))
        warnings.push(`scenario ${e.scenario}: version ${e.scenarioVersion} after differs from before`);
    return compareArms(
      {
        id: `runs:${pa}->${pb}`,
        kind: 'runs',
        name: 'run',
        a: { label: `${labels.before} ${pa}`, agent: pa, value: labels.before, episodes: ea },
        b: { label: `${labels.after} ${pb}`, agent: pb, value: labels.after, episodes: eb },
        stratumOf: (e) => JSON.stringify([e.scenario, e.variant]),
        strata: 'scenario × variant',
      },
      ctx,
    );
  });
  return RunComparisonReport.parse({
    schemaVersion: REPORT_SCHEMA_VERSION,
    title: opts.title,
    settings: { level: opts.level, interval: opts.interval, resamples: opts.resamples, seed: opts.seed },
    before: a,
    after: b,
    comparisons,
    warnings: [...new Set(warnings)].sort(compareStrings),
  });
}
