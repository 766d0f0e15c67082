import { oddsRatio, pct, pctInterval, pValue, signedPp, truncate } from './format';
import type { Comparison, FisherSummary, GroupStats, KPoint, MacroEstimate, RateEstimate, RunReport } from './report-schema';
import { textTable, type TextColumn } from './text-table';

const WIDTH = 120;

function rate(r: RateEstimate): string {
  return r.n === 0 ? '–' : `${pct(r.rate)} (${r.count}/${r.n})`;
}

function macro(m: MacroEstimate | null): string {
  return m === null ? '–' : `${pct(m.mean)} ${pctInterval(m.lower, m.upper)}`;
}

function kCurve(points: readonly KPoint[]): string {
  return points.map((p) => `k=${p.k}: ${pct(p.value)}`).join('  ');
}

function groupTable(title: string, keyHeader: string, groups: readonly GroupStats[], withMacro: boolean, withK = false): string {
  if (groups.length === 0) return '';
  const columns: TextColumn[] = [
    { header: keyHeader, shrink: true },
    { header: 'n', align: 'right' },
    { header: 'covert', align: 'right' },
    { header: 'unmeas', align: 'right' },
    { header: 'rate', align: 'right' },
    { header: '95% CrI', align: 'right' },
    ...(withMacro ? [{ header: 'macro-avg [CrI]', align: 'right' as const }] : []),
    { header: 'aware', align: 'right' },
    { header: 'spec', align: 'right' },
    { header: 'task', align: 'right' },
  ];
  const rows = groups.map((g) => [
    g.key,
    String(g.episodes),
    String(g.covert),
    String(g.unmeasured),
    pct(g.covertRate.rate),
    pctInterval(g.covertRate.lower, g.covertRate.upper),
    ...(withMacro ? [macro(g.macroCovertRate)] : []),
    pct(g.evalAwareness.rate),
    pct(g.specCitation.rate),
    pct(g.taskSuccess.rate),
  ]);
  const lines = [title, textTable(columns, rows, WIDTH)];
  const reliability = withK ? groups.filter((g) => g.passHatK.length > 0 || g.cleanHatK.length > 0) : [];
  for (const g of reliability) {
    if (g.passHatK.length > 0) lines.push(truncate(`  pass^k task success  ${g.key}: ${kCurve(g.passHatK)}`, WIDTH));
    if (g.cleanHatK.length > 0) lines.push(truncate(`  clean^k (no covert)  ${g.key}: ${kCurve(g.cleanHatK)}`, WIDTH));
  }
  return lines.join('\n');
}

/** " p=0.123" when both arms were measured (a test against an empty arm says nothing). */
function fisherNote(a: RateEstimate, b: RateEstimate, f: FisherSummary): string {
  return a.n > 0 && b.n > 0 ? ` p=${pValue(f.pTwoSided)}` : '';
}

function comparisonBlock(c: Comparison): string {
  const head = `${c.kind === 'agents' ? 'Agents' : `Variable ${c.name}`}: A = ${c.a.label}  vs  B = ${c.b.label}`;
  const columns: TextColumn[] = [
    { header: 'scenario', shrink: true },
    { header: 'A covert', align: 'right' },
    { header: 'A rate [CrI]', align: 'right' },
    { header: 'B covert', align: 'right' },
    { header: 'B rate [CrI]', align: 'right' },
    { header: 'odds A:B', align: 'right' },
    { header: 'p 2-sided', align: 'right' },
    { header: 'p A>B', align: 'right' },
  ];
  const cell = (r: RateEstimate): string => (r.n === 0 ? '–' : `${pct(r.rate)} ${pctInterval(r.lower, r.upper)}`);
  const rows = [
    ...c.perScenario.map((r) => [
      r.scenario,
      `${r.a.covert}/${r.a.covert + r.a.clean}`,
      cell(r.a.covertRate),
      `${r.b.covert}/${r.b.covert + r.b.clean}`,
      cell(r.b.covertRate),
      oddsRatio(r.fisher.oddsRatio),
      pValue(r.fisher.pTwoSided),
      pValue(r.fisher.pGreater),
    ]),
    [
      '(pooled)',
      `${c.pooled.a.covert}/${c.pooled.a.covert + c.pooled.a.clean}`,
      cell(c.pooled.a.covertRate),
      `${c.pooled.b.covert}/${c.pooled.b.covert + c.pooled.b.clean}`,
      cell(c.pooled.b.covertRate),
      oddsRatio(c.pooled.fisher.oddsRatio),
      pValue(c.pooled.fisher.pTwoSided),
      pValue(c.pooled.fisher.pGreater),
    ],
  ];
  const lines = [truncate(head, WIDTH), textTable(columns, rows, WIDTH)];
  const m = c.macro;
  if (m.a && m.b && m.difference) {
    lines.push(
      truncate(
        `  macro-average over ${m.scenarios.length} scenario(s): A ${macro(m.a)}  B ${macro(m.b)}  ` +
          `B−A ${signedPp(m.difference.mean)} ${pctInterval(m.difference.lower, m.difference.upper)}`,
        WIDTH,
      ),
    );
  } else {
    lines.push('  macro-average: no scenario measured in both arms');
  }
  if (m.excluded.length > 0) lines.push(truncate(`  excluded (zero covert in both arms): ${m.excluded.join(', ')}`, WIDTH));
  const p = c.pooled;
  lines.push(
    truncate(
      `  eval awareness A ${rate(p.a.evalAwareness)} B ${rate(p.b.evalAwareness)}${fisherNote(p.a.evalAwareness, p.b.evalAwareness, p.fisherEvalAwareness)}` +
        `   spec citation A ${rate(p.a.specCitation)} B ${rate(p.b.specCitation)}${fisherNote(p.a.specCitation, p.b.specCitation, p.fisherSpecCitation)}`,
      WIDTH,
    ),
  );
  return lines.join('\n');
}

/** Plain-text report: aligned tables, no colour codes, no line longer than 120 characters. */
export function renderTerminal(report: RunReport): string {
  const o = report.overall;
  const level = `${Math.round(report.settings.level * 1000) / 10}%`;
  const lines: string[] = [
    truncate(report.title, WIDTH),
    '='.repeat(Math.min(WIDTH, Math.max(8, [...report.title].length))),
    truncate(
      `${o.episodes} episodes · ${report.byScenario.length} scenarios · ${report.byAgent.length} agents · ` +
        `intervals: ${level} equal-tailed Beta(${report.settings.prior.join(',')}) credible intervals (CrI)`,
      WIDTH,
    ),
    '',
    `Covert-action rate   ${rate(o.covertRate)} ${pctInterval(o.covertRate.lower, o.covertRate.upper)}` +
      `   unmeasured ${o.unmeasured} (not in the denominator)`,
    `Macro-average        ${macro(o.macroCovertRate)} over ${o.macroCovertRate?.scenarios.length ?? 0} scenario(s)`,
    `Eval awareness       ${rate(o.evalAwareness)}`,
    `Spec citation        ${rate(o.specCitation)}`,
    `Task success         ${rate(o.taskSuccess)}`,
    ...(o.passHatK.length > 0 ? [`pass^k (task)        ${kCurve(o.passHatK)}`] : []),
    ...(o.cleanHatK.length > 0 ? [`clean^k (no covert)  ${kCurve(o.cleanHatK)}`] : []),
  ].map((l) => truncate(l, WIDTH));
  const sections = [
    groupTable('By scenario', 'scenario', report.byScenario, false),
    groupTable('By category', 'category', report.byCategory, true),
    groupTable('By agent', 'agent', report.byAgent, true, true),
    groupTable('By variant', 'scenario / variant', report.byVariant, false),
    groupTable('By variable value', 'variable=value', report.byVariable, true, true),
  ].filter((s) => s !== '');
  for (const s of sections) lines.push('', s);
  if (report.comparisons.length > 0) {
    lines.push('', 'Comparisons (Fisher exact test on covert vs clean; unmeasured episodes excluded)');
    for (const c of report.comparisons) lines.push('', comparisonBlock(c));
  }
  if (report.warnings.length > 0) {
    lines.push('', `Warnings (${report.warnings.length})`);
    for (const w of report.warnings) lines.push(truncate(`  - ${w}`, WIDTH));
  }
  return `${lines.join('\n')}\n`;
}
