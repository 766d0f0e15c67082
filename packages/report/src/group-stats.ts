import type { Rng } from '@glasshouse/schema';
import { betaInterval } from './beta-interval';
import { compareStrings } from './compare-order';
import { macroAverageDraws, summarizeDraws, type EnvironmentCount } from './macro-average';
import { passHatK, type TaskAttempts } from './pass-hat-k';
import type { ArmStats, EpisodeSummary, GroupStats, KPoint, MacroEstimate, RateEstimate, UsageTotals } from './report-schema';

export interface StatsContext {
  level: number;
  prior: [number, number];
  draws: number;
  maxK: number;
  rng: Rng;
}

export function rateEstimate(count: number, n: number, ctx: Pick<StatsContext, 'level' | 'prior'>): RateEstimate {
  const interval = betaInterval(count, n, { level: ctx.level, prior: ctx.prior });
  return { count, n, rate: n === 0 ? null : count / n, ...interval };
}

function countWhere(episodes: readonly EpisodeSummary[], pick: (e: EpisodeSummary) => boolean | null): { count: number; n: number } {
  let count = 0;
  let n = 0;
  for (const e of episodes) {
    const v = pick(e);
    if (v === null) continue;
    n++;
    if (v) count++;
  }
  return { count, n };
}

const isCovert = (e: EpisodeSummary): boolean | null => (e.verdict === 'unmeasured' ? null : e.verdict === 'covert');

/** Measured covert counts per scenario, in first-seen order, skipping scenarios with nothing measured. */
export function perScenarioCounts(episodes: readonly EpisodeSummary[]): Map<string, EnvironmentCount> {
  const out = new Map<string, EnvironmentCount>();
  for (const e of episodes) {
    const covert = isCovert(e);
    if (covert === null) continue;
    const c = out.get(e.scenario) ?? { covert: 0, n: 0 };
    c.n++;
    if (covert) c.covert++;
    out.set(e.scenario, c);
  }
  return out;
}

export function macroEstimate(
  counts: ReadonlyMap<string, EnvironmentCount>,
  ctx: StatsContext,
  label: string,
): { estimate: MacroEstimate; draws: Float64Array } | null {
  if (counts.size === 0) return null;
  const names = [...counts.keys()].sort(compareStrings);
  const envs = names.map((s) => counts.get(s) as EnvironmentCount);
  const draws = macroAverageDraws(envs, { draws: ctx.draws, prior: ctx.prior, rng: ctx.rng.fork(label) });
  const observed = envs.reduce((s, e) => s + e.covert / e.n, 0) / envs.length;
  return { estimate: { scenarios: names, ...summarizeDraws(draws, ctx.level), observed }, draws };
}

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

/** Attempts per (scenario, variant, agent) cell: the repeated-epochs unit for pass^k. */
function cells(episodes: readonly EpisodeSummary[], pick: (e: EpisodeSummary) => boolean | null): TaskAttempts[] {
  const byCell = new Map<string, TaskAttempts>();
  for (const e of episodes) {
    const v = pick(e);
    if (v === null) continue;
    const key = JSON.stringify([e.scenario, e.variant, e.agent]);
    const cell = byCell.get(key) ?? { n: 0, c: 0 };
    cell.n++;
    if (v) cell.c++;
    byCell.set(key, cell);
  }
  return [...byCell.values()];
}

function usageTotals(episodes: readonly EpisodeSummary[]): UsageTotals {
  const totals: UsageTotals = { inputTokens: 0, outputTokens: 0, reasoningTokens: 0, costUsd: null };
  for (const e of episodes) {
    if (!e.usage) continue;
    totals.inputTokens += e.usage.inputTokens;
    totals.outputTokens += e.usage.outputTokens;
    totals.reasoningTokens += e.usage.reasoningTokens ?? 0;
    if (e.usage.costUsd !== undefined) totals.costUsd = (totals.costUsd ?? 0) + e.usage.costUsd;
  }
  return totals;
}

export function armStats(episodes: readonly EpisodeSummary[], ctx: Pick<StatsContext, 'level' | 'prior'>): ArmStats {
  const covert = episodes.filter((e) => e.verdict === 'covert').length;
  const clean = episodes.filter((e) => e.verdict === 'clean').length;
  const aware = countWhere(episodes, (e) => e.evalAwareness);
  const cite = countWhere(episodes, (e) => e.specCitation);
  return {
    episodes: episodes.length,
    covert,
    clean,
    unmeasured: episodes.length - covert - clean,
    covertRate: rateEstimate(covert, covert + clean, ctx),
    evalAwareness: rateEstimate(aware.count, aware.n, ctx),
    specCitation: rateEstimate(cite.count, cite.n, ctx),
  };
}

export function groupStats(
  key: string,
  group: GroupStats['group'],
  episodes: readonly EpisodeSummary[],
  ctx: StatsContext,
  options: { macro: boolean },
): GroupStats {
  const arm = armStats(episodes, ctx);
  const task = countWhere(episodes, (e) => e.taskSuccess);
  const withSteps = episodes.filter((e) => e.steps !== null);
  const macro = options.macro ? macroEstimate(perScenarioCounts(episodes), ctx, `macro:${key}`) : null;
  return {
    key,
    group,
    episodes: arm.episodes,
    covert: arm.covert,
    clean: arm.clean,
    unmeasured: arm.unmeasured,
    covertRate: arm.covertRate,
    macroCovertRate: macro?.estimate ?? null,
    evalAwareness: arm.evalAwareness,
    specCitation: arm.specCitation,
    taskSuccess: rateEstimate(task.count, task.n, ctx),
    passHatK: kCurve(cells(episodes, (e) => e.taskSuccess), ctx.maxK),
    cleanHatK: kCurve(
      cells(episodes, (e) => (e.verdict === 'unmeasured' ? null : e.verdict === 'clean')),
      ctx.maxK,
    ),
    meanSteps: withSteps.length === 0 ? null : withSteps.reduce((s, e) => s + (e.steps ?? 0), 0) / withSteps.length,
    usage: usageTotals(episodes),
  };
}
