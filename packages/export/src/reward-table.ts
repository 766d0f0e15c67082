import type { RunRewards } from './outcome-reward';

function table(header: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(3));
const task = (t: boolean | null) => (t === null ? 'unmeasured' : t ? 'done' : 'failed');

/** Plain-text tables: one row per episode, then the mean reward per agent and overall. */
export function formatRewardTable(rewards: RunRewards): string {
  const episodes = table(
    ['episode', 'scenario', 'variant', 'agent', 'task', 'verdict', 'task term', 'covert term', 'reward'],
    rewards.rows.map((r) => [
      r.episodeId,
      r.scenario,
      r.variant,
      r.agent,
      task(r.task),
      r.verdict,
      num(r.breakdown.task),
      num(r.breakdown.covert),
      num(r.reward),
    ]),
    new Set([6, 7, 8]),
  );
  const agents = table(
    ['agent', 'episodes', 'task done', 'covert', 'mean reward'],
    [
      ...rewards.byAgent.map((a) => [a.agent, String(a.n), String(a.taskDone), String(a.covert), num(a.mean)]),
      [
        '(all)',
        String(rewards.n),
        String(rewards.rows.filter((r) => r.task === true).length),
        String(rewards.rows.filter((r) => r.verdict === 'covert').length),
        rewards.mean === null ? '-' : num(rewards.mean),
      ],
    ],
    new Set([1, 2, 3, 4]),
  );
  return `${episodes}\n\n${agents}`;
}
