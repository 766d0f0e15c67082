import { compareStrings } from './compare-order';
import { cellStats, macroRate, metricValue, scenarioRates, type StatsContext } from './cell-stats';
import { outcomeCounts } from './cell-stats';
import { passHatK, type TaskAttempts } from './pass-hat-k';
import type { AgentReport, EpisodeSummary, KPoint, MetricName, ScenarioRow, UsageTotals, VariantRow } from './report-schema';

function kCurve(cells: readonly TaskAttempts[], maxK: number): KPoint[] {
  const longest = Math.max(0, ...cells.map((c) => c.n));
  if (longest < 2) return [];
  const out: KPoint[] = [];
  for (let k = 1; k <= Math.min(maxK, longest); k++) {
    const eligible = cells.filter((c) => c.n >= k);
    if (eligible.length > 0) out.push({ k, tasks: eligible.length, value: passHatK(eligible, k) });
  }
  return out;
}

/** Attempts per (scenario, variant) cell: the repeated-epochs unit for pass^k. */
function attempts(episodes: readonly EpisodeSummary[], pick: (e: EpisodeSummary) => boolean | null): TaskAttempts[] {
  const byCell = new Map<string, TaskAttempts>();
  for (const e of episodes) {
    const v = pick(e);
    if (v === null) continue;
    const key = JSON.stringify([e.scenario, e.variant]);
    const cell = byCell.get(key) ?? { n: 0, c: 0 };
    cell.n++;
    if (v) cell.c++;
    byCell.set(key, cell);
  }
  return [...byCell.values()];
}

export function usageTotals(episodes: readonly EpisodeSummary[]): UsageTotals {
  const totals: UsageTotals = { inputTokens: 0, outputTokens: 0, reasoningTokens: 0, costUsd: null, unpriced: 0 };
  for (const e of episodes) {
    if (!e.usage) continue;
    totals.inputTokens += e.usage.inputTokens;
    totals.outputTokens += e.usage.outputTokens;
    totals.reasoningTokens += e.usage.reasoningTokens ?? 0;
    if (e.usage.costUsd !== undefined) totals.costUsd = (totals.costUsd ?? 0) + e.usage.costUsd;
    else if (e.usage.inputTokens + e.usage.outputTokens > 0) totals.unpriced++;
  }
  return totals;
}

function groupBy<T>(items: readonly T[], keyOf: (t: T) => string): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = keyOf(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return [...m.entries()].sort(([a], [b]) => compareStrings(a, b));
}

const METRICS: readonly MetricName[] = ['covert', 'overt', 'evalAwareness', 'specCitation', 'taskSuccess'];

/**
 * One agent's table: per scenario (threat and control variants apart), per variant, and
 * macro-averages over scenarios of the threat variants. Episodes of other agents must not be passed.
 */
export function agentReport(agent: string, episodes: readonly EpisodeSummary[], ctx: StatsContext): AgentReport {
  // Macro-averages and pass/clean curves cover covert-action families only: over-refusal and
  // strategic-deception families keep their own rows, labelled, and never enter a covert aggregate.
  const threat = episodes.filter((e) => !e.control && (e.measures ?? 'covert-action') === 'covert-action');
  const byScenario: ScenarioRow[] = groupBy(episodes, (e) => e.scenario).map(([scenario, list]) => {
    const control = list.filter((e) => e.control);
    return {
      scenario,
      category: (list[0] as EpisodeSummary).category,
      threat: cellStats(
        list.filter((e) => !e.control),
        ctx,
      ),
      control: control.length ? cellStats(control, ctx) : null,
      ...((list[0] as EpisodeSummary).measures ? { measures: (list[0] as EpisodeSummary).measures } : {}),
    };
  });
  const byVariant: VariantRow[] = groupBy(episodes, (e) => JSON.stringify([e.scenario, e.variant])).map(([, list]) => {
    const first = list[0] as EpisodeSummary;
    return { scenario: first.scenario, variant: first.variant, control: first.control, cell: cellStats(list, ctx) };
  });
  const macro = Object.fromEntries(METRICS.map((m) => [m, macroRate(scenarioRates(threat, m), ctx, `agent:${agent}:${m}`)])) as AgentReport['macro'];
  const withSteps = episodes.filter((e) => e.steps !== null && e.outcome !== 'invalid');
  return {
    agent,
    counts: outcomeCounts(episodes),
    macro,
    byScenario,
    byVariant,
    passHatK: kCurve(
      attempts(threat, (e) => metricValue(e, 'taskSuccess')),
      ctx.maxK,
    ),
    cleanHatK: kCurve(
      attempts(threat, (e) => {
        const covert = metricValue(e, 'covert');
        return covert === null ? null : !covert && e.outcome === 'clean';
      }),
      ctx.maxK,
    ),
    meanSteps: withSteps.length === 0 ? null : withSteps.reduce((s, e) => s + (e.steps ?? 0), 0) / withSteps.length,
    usage: usageTotals(episodes),
    forks: episodes.filter((e) => e.parentEpisodeId !== null).length,
  };
}
