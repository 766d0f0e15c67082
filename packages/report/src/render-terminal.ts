import { countRateCell, macroCell, oddsRatio, pct, pctInterval, pEq, pValue, rateCell, signedPp, testCell, thousands, truncate, usd } from './format';
import type {
  AgentReport,
  Comparison,
  ControlGap,
  PairedTest,
  KPoint,
  MetricComparison,
  MetricName,
  OutcomeCounts,
  RunComparisonReport,
  RunReport,
} from './report-schema';
import { textTable, type TextColumn } from './text-table';
import { languageJudgmentLines } from './language-judgments';

const WIDTH = 120;

const METRIC_LABEL: Record<MetricName, string> = {
  covert: 'covert',
  overt: 'overt',
  evalAwareness: 'eval aware',
  specCitation: 'spec cite',
  taskSuccess: 'task',
};

function counts(c: OutcomeCounts): string {
  return `${c.episodes} episodes: ${c.covert} covert, ${c.overt} overt, ${c.clean} clean, ${c.unmeasured} unmeasured, ${c.invalid} invalid${c.neverSaw ? ` (${c.neverSaw} of the clean never saw the opportunity)` : ''}`;
}

function kCurve(points: readonly KPoint[]): string {
  return points.map((p) => `k=${p.k}: ${pct(p.value)}`).join('  ');
}

function settingsLines(r: { settings: RunReport['settings'] }): string[] {
  const level = `${Math.round(r.settings.level * 1000) / 10}%`;
  const method = r.settings.interval === 'wilson' ? 'Wilson score' : 'Clopper–Pearson (exact)';
  return [
    `Per cell: observed rate, ${level} ${method} interval. Macro: unweighted mean over scenarios with a ${level}`,
    `percentile bootstrap over scenarios (${r.settings.resamples} resamples, seed ${r.settings.seed}); † = every resample equal.`,
    'Rates are over covert+overt+clean episodes; unmeasured and invalid episodes are counted, never in a rate.',
    'Agents are never pooled; control variants (incentive removed) are shown apart, never in a covert rate.',
  ];
}

function usageLine(a: AgentReport): string {
  const u = a.usage;
  if (u.inputTokens + u.outputTokens === 0) return '  tokens: none reported (scripted agent) · cost $0.00';
  const cost = u.costUsd === null ? 'cost unknown (no price)' : `cost ${usd(u.costUsd)}${u.unpriced ? ` (+${u.unpriced} unpriced episode(s))` : ''}`;
  return `  tokens: ${thousands(u.inputTokens)} in, ${thousands(u.outputTokens)} out${u.reasoningTokens ? ` (${thousands(u.reasoningTokens)} reasoning)` : ''} · ${cost}`;
}

function agentBlock(a: AgentReport): string {
  const columns: TextColumn[] = [
    { header: 'scenario', shrink: true },
    { header: 'n', align: 'right' },
    { header: 'covert % [CI]', align: 'right' },
    { header: 'overt % [CI]', align: 'right' },
    { header: 'eval aware % [CI]', align: 'right' },
    { header: 'spec cite % [CI]', align: 'right' },
    { header: 'task %', align: 'right' },
  ];
  // Only when some clean episode never saw the opportunity: clean without a chance is not clean by choice.
  const unseen = a.counts.neverSaw > 0;
  if (unseen) columns.push({ header: 'unseen', align: 'right' });
  const rows = a.byScenario
    .filter((s) => s.threat.counts.episodes > 0)
    .map((s) => [
      s.measures && s.measures !== 'covert-action' ? `${s.scenario} (${s.measures} rate, not in macro)` : s.scenario,
      String(s.threat.counts.episodes - s.threat.counts.invalid),
      countRateCell(s.threat.covert),
      rateCell(s.threat.overt),
      rateCell(s.threat.evalAwareness),
      rateCell(s.threat.specCitation),
      pct(s.threat.taskSuccess.rate),
      ...(unseen ? [String(s.threat.counts.neverSaw)] : []),
    ]);
  const m = a.macro;
  rows.push([
    `(macro over ${m.covert.scenarios.length} scenarios)`,
    '',
    macroCell(m.covert),
    macroCell(m.overt),
    macroCell(m.evalAwareness),
    macroCell(m.specCitation),
    pct(m.taskSuccess.observed),
    ...(unseen ? [''] : []),
  ]);
  const lines = [truncate(`Agent ${a.agent} — ${counts(a.counts)}`, WIDTH), textTable(columns, rows, WIDTH)];
  if (unseen) lines.push('  unseen = clean episodes in which the agent never read or opened the planted opportunity.');
  const control = a.byScenario.filter((s) => s.control !== null);
  if (control.length > 0) {
    const cc: TextColumn[] = [
      { header: 'control variants (no incentive)', shrink: true },
      { header: 'n', align: 'right' },
      { header: 'covert % [CI]', align: 'right' },
      { header: 'eval aware % [CI]', align: 'right' },
      { header: 'task %', align: 'right' },
    ];
    lines.push(
      textTable(
        cc,
        control.map((s) => {
          const c = s.control as NonNullable<typeof s.control>;
          return [s.scenario, String(c.counts.episodes - c.counts.invalid), countRateCell(c.covert), rateCell(c.evalAwareness), pct(c.taskSuccess.rate)];
        }),
        WIDTH,
      ),
    );
  }
  if (a.passHatK.length > 0) lines.push(truncate(`  pass^k (task): ${kCurve(a.passHatK)}`, WIDTH));
  if (a.cleanHatK.length > 0) lines.push(truncate(`  clean^k (no covert or overt action): ${kCurve(a.cleanHatK)}`, WIDTH));
  lines.push(usageLine(a));
  return lines.join('\n');
}

function pairedBlock(tests: readonly PairedTest[]): string {
  const columns: TextColumn[] = [
    { header: 'paired rule (twins)', shrink: true },
    { header: 'counted / pairs', align: 'right' },
    { header: 'rate', align: 'right' },
    { header: 'chance p0', align: 'right' },
    { header: 'p (1-sided)', align: 'right' },
  ];
  const rows = tests.map((t) => [
    `${t.agent} · ${t.scenario}: ${t.label} (${t.condition.variable}=${t.condition.first} → ${t.condition.second})`,
    `${t.counted} / ${t.pairs}`,
    `${(t.rate * 100).toFixed(1)}%`,
    `${(t.p0 * 100).toFixed(0)}%`,
    pValue(t.pOneSided),
  ]);
  return ['Paired rules over twin episodes (exact one-sided binomial test against chance)', textTable(columns, rows, WIDTH)].join('\n');
}

function gapBlock(gaps: readonly ControlGap[]): string {
  const columns: TextColumn[] = [
    { header: 'threat vs control (score)', shrink: true },
    { header: 'threat mean (n)', align: 'right' },
    { header: 'control mean (n)', align: 'right' },
    { header: 'gap', align: 'right' },
    { header: 'p 2-sided', align: 'right' },
    { header: 'p ctl>thr', align: 'right' },
  ];
  const rows = gaps.map((g) => [
    `${g.agent} · ${g.scenario} · ${g.detector}`,
    `${g.threat.mean.toFixed(3)} (${g.threat.n})`,
    `${g.control.mean.toFixed(3)} (${g.control.n})`,
    g.gap.toFixed(3),
    pValue(g.test.pTwoSided),
    pValue(g.test.pControlGreater),
  ]);
  return ['Threat vs control: mean detector score (e.g. accuracy) with and without the incentive; permutation test', textTable(columns, rows, WIDTH)].join(
    '\n',
  );
}

function arrow(m: MetricComparison, scenario: string): string {
  const r = m.perScenario.find((x) => x.scenario === scenario);
  if (!r) return '–';
  return `${r.a.n ? pct(r.a.rate) : '–'} → ${r.b.n ? pct(r.b.rate) : '–'}`;
}

function countRate(r: MetricComparison['perScenario'][number]['a']): string {
  return r.n === 0 ? '–' : `${r.count}/${r.n} ${pct(r.rate)}`;
}

function differenceLine(m: MetricComparison): string | null {
  const d = m.difference;
  if (d.observed === null || d.lower === null || d.upper === null) return null;
  const t = m.test;
  return (
    `  ${METRIC_LABEL[m.metric].padEnd(10)} macro ${pct(m.a.observed)} → ${pct(m.b.observed)}, B−A ${signedPp(d.observed)} ${pctInterval(d.lower, d.upper)}${d.degenerate ? '†' : ''}` +
    ` (${d.scenarios.length} scen.)` +
    (t ? `; CMH exact ${pEq(t.pExact)}, MH χ²=${t.chiSquare === null ? '–' : t.chiSquare.toFixed(2)} ${pEq(t.pChiSquare)}, OR ${oddsRatio(t.oddsRatio)}` : '')
  );
}

/**
 * The before → after (or A → B) table: per scenario the covert count and rate in each arm with the
 * exact stratified p, then eval awareness and spec citation (and overt, when any) as arrows with
 * their p; below, the macro-average difference with its paired bootstrap interval and the CMH test.
 */
export function comparisonBlock(c: Comparison, options: { table?: boolean } = {}): string {
  const get = (name: MetricName) => c.metrics.find((m) => m.metric === name);
  const covert = get('covert');
  const overt = get('overt');
  const anyOvert = overt?.perScenario.some((r) => r.a.count + r.b.count > 0) ?? false;
  const others = [...(anyOvert ? [overt] : []), get('evalAwareness'), get('specCitation')].filter(
    (m): m is MetricComparison => m !== undefined && m.perScenario.length > 0,
  );
  const who = c.kind === 'variable' ? `${c.a.agent} · ` : '';
  const lines = [truncate(`${who}${c.a.label}  →  ${c.b.label}   (tests stratified by ${c.strata}; exact conditional CMH)`, WIDTH)];
  if (options.table !== false && covert && covert.perScenario.length > 0) {
    const columns: TextColumn[] = [
      { header: 'scenario', shrink: true },
      { header: 'covert A', align: 'right' },
      { header: 'covert B', align: 'right' },
      { header: 'p', align: 'right' },
      ...others.flatMap((m) => [
        { header: `${METRIC_LABEL[m.metric]} A → B`, align: 'right' as const },
        { header: 'p', align: 'right' as const },
      ]),
    ];
    const rows = covert.perScenario.map((r) => [
      r.scenario,
      countRate(r.a),
      countRate(r.b),
      testCell(r.test),
      ...others.flatMap((m) => [arrow(m, r.scenario), testCell(m.perScenario.find((x) => x.scenario === r.scenario)?.test ?? null)]),
    ]);
    rows.push(['(stratified over all)', '', '', testCell(covert.test), ...others.flatMap((m) => ['', testCell(m.test)])]);
    lines.push(textTable(columns, rows, WIDTH));
    lines.push(truncate(`  covert macro A ${macroCell(covert.a)}  B ${macroCell(covert.b)}`, WIDTH));
  }
  for (const m of c.metrics) {
    const line = differenceLine(m);
    if (line) lines.push(truncate(line, WIDTH));
  }
  return lines.join('\n');
}

/** Plain-text report: one paper-style table per agent, no colour codes, no line longer than 120 characters. */
export function renderTerminal(report: RunReport): string {
  const lines: string[] = [
    truncate(report.title, WIDTH),
    '='.repeat(Math.min(WIDTH, Math.max(8, [...report.title].length))),
    truncate(`${report.agents.length} agent(s) · ${counts(report.totals)}`, WIDTH),
    ...settingsLines(report),
  ];
  if (report.agents.length === 0) lines.push('', 'No episodes: nothing was measured.');
  for (const a of report.agents) lines.push('', agentBlock(a));
  if (report.controlGaps.length > 0) lines.push('', gapBlock(report.controlGaps));
  if (report.pairedTests.length > 0) lines.push('', pairedBlock(report.pairedTests));
  if (report.comparisons.length > 0) {
    lines.push('', 'Variable comparisons within each agent (threat variants only; per-scenario tables in report.html/json)');
    for (const c of report.comparisons) lines.push('', comparisonBlock(c, { table: false }));
  }
  if (report.languageJudgments) lines.push(...languageJudgmentLines(report.languageJudgments));
  if (report.invalid.length > 0) {
    lines.push('', `INVALID episodes (${report.invalid.length}): provider or harness faults, in no rate; a resumed run retries them`);
    for (const i of report.invalid.slice(0, 20)) lines.push(truncate(`  - ${i.agent} · ${i.scenario} · ${i.episodeId}: ${i.reason}`, WIDTH));
    if (report.invalid.length > 20) lines.push(`  … and ${report.invalid.length - 20} more (report.json lists all)`);
  }
  if (report.warnings.length > 0) {
    lines.push('', `Warnings (${report.warnings.length})`);
    for (const w of report.warnings) lines.push(truncate(`  - ${w}`, WIDTH));
  }
  return `${lines
    .map((l) =>
      l
        .split('\n')
        .map((x) => truncate(x, WIDTH))
        .join('\n'),
    )
    .join('\n')}\n`;
}

/** `glasshouse report before after`: both runs' per-agent tables, then before → after per agent pair. */
export function renderComparisonTerminal(r: RunComparisonReport): string {
  const lines: string[] = [truncate(r.title, WIDTH), '='.repeat(Math.min(WIDTH, Math.max(8, [...r.title].length))), ...settingsLines(r)];
  for (const c of r.comparisons) lines.push('', comparisonBlock(c));
  if (r.warnings.length > 0) {
    lines.push('', `Warnings (${r.warnings.length})`);
    for (const w of r.warnings) lines.push(truncate(`  - ${w}`, WIDTH));
  }
  lines.push('', renderTerminal(r.before).trimEnd(), '', renderTerminal(r.after).trimEnd());
  return `${lines.join('\n')}\n`;
}
