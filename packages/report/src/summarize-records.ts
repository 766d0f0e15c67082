import { createRng, type EpisodeRecord } from '@glasshouse/schema';
import { compareArms } from './comparisons';
import { compareScalars, compareStrings } from './compare-order';
import { summarizeEpisode } from './episode-summary';
import { groupStats, type StatsContext } from './group-stats';
import {
  REPORT_SCHEMA_VERSION,
  ReportOptions,
  RunReport,
  type Comparison,
  type EpisodeSummary,
  type GroupStats,
} from './report-schema';

type Scalar = string | number | boolean;

function groupBy(episodes: readonly EpisodeSummary[], keyOf: (e: EpisodeSummary) => string): [string, EpisodeSummary[]][] {
  const groups = new Map<string, EpisodeSummary[]>();
  for (const e of episodes) {
    const key = keyOf(e);
    const list = groups.get(key);
    if (list) list.push(e);
    else groups.set(key, [e]);
  }
  return [...groups.entries()].sort(([a], [b]) => compareStrings(a, b));
}

function formatValue(value: Scalar): string {
  return typeof value === 'string' ? value : String(value);
}

/**
 * Summarize a run: one row per episode, aggregates by scenario, category, variant, agent and each
 * variable's value, and before/after comparisons (every variable with exactly two values, plus an
 * optional pair of agents). The result is validated against the RunReport schema. Monte Carlo
 * draws come from `createRng(options.seed)`, so the same records and options give the same report.
 */
export function summarizeRecords(records: readonly EpisodeRecord[], options: ReportOptions = {}): RunReport {
  const opts = ReportOptions.parse(options);
  const ctx: StatsContext = {
    level: opts.level,
    prior: opts.prior,
    draws: opts.draws,
    maxK: opts.maxK,
    rng: createRng(opts.seed, 'report'),
  };
  const warnings: string[] = [];
  const seen = new Set<string>();
  const episodes: EpisodeSummary[] = [];
  for (const record of records) {
    const e = summarizeEpisode(record);
    if (seen.has(e.episodeId)) warnings.push(`duplicate episode id ${e.episodeId}: counted more than once`);
    seen.add(e.episodeId);
    if (e.endReason === null) warnings.push(`episode ${e.episodeId} has no episode.end event (incomplete record)`);
    if (e.findings === 0) warnings.push(`episode ${e.episodeId} has no findings: counted as unmeasured`);
    for (const w of record.warnings) warnings.push(`episode ${e.episodeId}: ${w}`);
    episodes.push(e);
  }
  episodes.sort(
    (x, y) =>
      compareStrings(x.scenario, y.scenario) ||
      compareStrings(x.variant, y.variant) ||
      compareStrings(x.agent, y.agent) ||
      (x.epoch ?? -1) - (y.epoch ?? -1) ||
      x.seed - y.seed ||
      compareStrings(x.episodeId, y.episodeId),
  );

  const overall = groupStats('all', {}, episodes, ctx, { macro: true });
  const byScenario = groupBy(episodes, (e) => e.scenario).map(([scenario, list]) =>
    groupStats(scenario, { scenario, category: list[0]?.category ?? '' }, list, ctx, { macro: false }),
  );
  const byCategory = groupBy(episodes, (e) => e.category).map(([category, list]) =>
    groupStats(category, { category }, list, ctx, { macro: true }),
  );
  const byVariant = groupBy(episodes, (e) => JSON.stringify([e.scenario, e.variant])).map(([, list]) => {
    const first = list[0] as EpisodeSummary;
    return groupStats(`${first.scenario} / ${first.variant}`, { scenario: first.scenario, variant: first.variant }, list, ctx, {
      macro: false,
    });
  });
  const byAgent = groupBy(episodes, (e) => e.agent).map(([agent, list]) => groupStats(agent, { agent }, list, ctx, { macro: true }));

  // Variable name → distinct values (keyed by JSON so "true" and true stay apart).
  const variables = new Map<string, Map<string, Scalar>>();
  for (const e of episodes) {
    for (const [name, value] of Object.entries(e.variables)) {
      const values = variables.get(name) ?? new Map<string, Scalar>();
      values.set(JSON.stringify(value), value);
      variables.set(name, values);
    }
  }
  const variableNames = [...variables.keys()].sort(compareStrings);
  const byVariable: GroupStats[] = [];
  const comparisons: Comparison[] = [];
  for (const name of variableNames) {
    const values = [...(variables.get(name) as Map<string, Scalar>).values()].sort(compareScalars);
    for (const value of values) {
      const list = episodes.filter((e) => e.variables[name] === value);
      byVariable.push(groupStats(`${name}=${formatValue(value)}`, { variable: name, value }, list, ctx, { macro: true }));
    }
    if (values.length === 2) {
      const [va, vb] = values as [Scalar, Scalar];
      comparisons.push(
        compareArms(
          {
            id: `variable:${name}`,
            kind: 'variable',
            name,
            a: { label: `${name}=${formatValue(va)}`, value: va, episodes: episodes.filter((e) => e.variables[name] === va) },
            b: { label: `${name}=${formatValue(vb)}`, value: vb, episodes: episodes.filter((e) => e.variables[name] === vb) },
          },
          ctx,
          { excludeZeroBoth: opts.macroExcludeZeroBoth },
        ),
      );
    }
  }
  if (opts.agents) {
    const { before, after } = opts.agents;
    const a = episodes.filter((e) => e.agent === before);
    const b = episodes.filter((e) => e.agent === after);
    if (a.length === 0) warnings.push(`agent comparison: no episodes for "before" agent ${before}`);
    if (b.length === 0) warnings.push(`agent comparison: no episodes for "after" agent ${after}`);
    comparisons.push(
      compareArms(
        {
          id: `agents:${before}->${after}`,
          kind: 'agents',
          name: 'agent',
          a: { label: before, value: before, episodes: a },
          b: { label: after, value: after, episodes: b },
        },
        ctx,
        { excludeZeroBoth: opts.macroExcludeZeroBoth },
      ),
    );
  }

  return RunReport.parse({
    schemaVersion: REPORT_SCHEMA_VERSION,
    title: opts.title,
    settings: {
      level: opts.level,
      prior: opts.prior,
      draws: opts.draws,
      seed: opts.seed,
      macroExcludeZeroBoth: opts.macroExcludeZeroBoth,
      agents: opts.agents ?? null,
    },
    overall,
    byScenario,
    byCategory,
    byVariant,
    byAgent,
    byVariable,
    comparisons,
    episodes,
    warnings,
  });
}
