import { escapeHtml } from './escape-html';
import { oddsRatio, pct, pctInterval, pValue, signedPp } from './format';
import type { Comparison, EpisodeSummary, FisherSummary, GroupStats, MacroEstimate, RateEstimate, RunReport } from './report-schema';
import { svgBarChart, type BarValue } from './svg-bar-chart';

const COLOR_A = '#4e79a7';
const COLOR_B = '#e15759';

const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px auto; max-width: 1180px; padding: 0 16px; color: #1f2328; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
.sub { color: #57606a; margin: 0 0 16px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; }
.card { border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 12px; background: #f6f8fa; }
.card .k { color: #57606a; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .v { font-size: 22px; font-weight: 600; } .card .d { color: #57606a; font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 13px; }
th, td { border-bottom: 1px solid #eaeef2; padding: 4px 8px; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; white-space: normal; word-break: break-word; }
th { background: #f6f8fa; font-weight: 600; }
td.covert { color: #b42318; font-weight: 600; } td.muted, .muted { color: #8c959f; }
.chart { max-width: 860px; display: block; margin: 8px 0 16px; }
details summary { cursor: pointer; margin: 8px 0; }
.note { color: #57606a; font-size: 12px; }
ul.warnings li { color: #9a6700; }
`;

function rateText(r: RateEstimate): string {
  return r.n === 0 ? '–' : `${pct(r.rate)} (${r.count}/${r.n})`;
}

function macroText(m: MacroEstimate | null): string {
  return m === null ? '–' : `${pct(m.mean)} ${pctInterval(m.lower, m.upper)}`;
}

function bar(r: RateEstimate): BarValue {
  return { rate: r.rate, lower: r.lower, upper: r.upper, count: r.count, n: r.n };
}

function macroBar(m: MacroEstimate | null): BarValue {
  return m === null ? { rate: null, lower: 0, upper: 0 } : { rate: m.mean, lower: m.lower, upper: m.upper };
}

function card(title: string, value: string, detail: string): string {
  return `<div class="card"><div class="k">${escapeHtml(title)}</div><div class="v">${escapeHtml(value)}</div><div class="d">${escapeHtml(detail)}</div></div>`;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  // Row cells are pre-escaped HTML (see cell()).
  const body = rows.map((r) => `<tr>${r.join('')}</tr>`).join('\n');
  return `<table><thead>${head}</thead><tbody>\n${body}\n</tbody></table>`;
}

function cell(text: string, cls?: string): string {
  return `<td${cls ? ` class="${cls}"` : ''}>${escapeHtml(text)}</td>`;
}

function kText(g: GroupStats): string {
  const p = g.passHatK.map((k) => `${k.k}:${pct(k.value, 0)}`).join(' ');
  const c = g.cleanHatK.map((k) => `${k.k}:${pct(k.value, 0)}`).join(' ');
  return [p && `pass^k ${p}`, c && `clean^k ${c}`].filter(Boolean).join(' · ') || '–';
}

function groupTable(keyHeader: string, groups: readonly GroupStats[], withMacro: boolean): string {
  const headers = [keyHeader, 'episodes', 'covert', 'clean', 'unmeasured', 'covert rate', '95% CrI', ...(withMacro ? ['macro-average [CrI]'] : []), 'eval awareness', 'spec citation', 'task success', 'k epochs'];
  const rows = groups.map((g) => [
    cell(g.key),
    cell(String(g.episodes)),
    cell(String(g.covert), g.covert > 0 ? 'covert' : undefined),
    cell(String(g.clean)),
    cell(String(g.unmeasured), g.unmeasured > 0 ? undefined : 'muted'),
    cell(pct(g.covertRate.rate)),
    cell(pctInterval(g.covertRate.lower, g.covertRate.upper)),
    ...(withMacro ? [cell(macroText(g.macroCovertRate))] : []),
    cell(rateText(g.evalAwareness)),
    cell(rateText(g.specCitation)),
    cell(rateText(g.taskSuccess)),
    cell(kText(g)),
  ]);
  return table(headers, rows);
}

function groupChart(title: string, groups: readonly GroupStats[]): string {
  if (groups.length === 0) return '';
  return svgBarChart({
    title,
    series: [{ name: 'covert rate', color: COLOR_A }],
    rows: groups.map((g) => ({ label: g.key, values: [bar(g.covertRate)] })),
  });
}

function comparisonSection(c: Comparison): string {
  const title = `${c.kind === 'agents' ? 'Agents' : `Variable ${c.name}`}: A = ${c.a.label} vs B = ${c.b.label}`;
  const chart = svgBarChart({
    title: `Covert rate, ${c.a.label} vs ${c.b.label}`,
    series: [
      { name: `A: ${c.a.label}`, color: COLOR_A },
      { name: `B: ${c.b.label}`, color: COLOR_B },
    ],
    rows: [
      ...c.perScenario.map((r) => ({ label: r.scenario, values: [bar(r.a.covertRate), bar(r.b.covertRate)] })),
      { label: '(pooled)', values: [bar(c.pooled.a.covertRate), bar(c.pooled.b.covertRate)] },
      { label: '(macro-average)', values: [macroBar(c.macro.a), macroBar(c.macro.b)] },
    ],
  });
  const rowOf = (scenario: string, a: Comparison['pooled']['a'], b: Comparison['pooled']['a'], f: Comparison['pooled']['fisher']): string[] => [
    cell(scenario),
    cell(`${a.covert}/${a.covert + a.clean}`),
    cell(`${pct(a.covertRate.rate)} ${pctInterval(a.covertRate.lower, a.covertRate.upper)}`),
    cell(String(a.unmeasured)),
    cell(`${b.covert}/${b.covert + b.clean}`),
    cell(`${pct(b.covertRate.rate)} ${pctInterval(b.covertRate.lower, b.covertRate.upper)}`),
    cell(String(b.unmeasured)),
    cell(oddsRatio(f.oddsRatio)),
    cell(pValue(f.pTwoSided)),
    cell(pValue(f.pGreater)),
    cell(pValue(f.pLess)),
  ];
  const rows = [
    ...c.perScenario.map((r) => rowOf(r.scenario, r.a, r.b, r.fisher)),
    rowOf('(pooled)', c.pooled.a, c.pooled.b, c.pooled.fisher),
  ];
  const m = c.macro;
  const macroLine =
    m.a && m.b && m.difference
      ? `Macro-average over ${m.scenarios.length} scenario(s): A ${macroText(m.a)}, B ${macroText(m.b)}, B − A ${signedPp(m.difference.mean)} ${pctInterval(m.difference.lower, m.difference.upper)}.`
      : 'Macro-average: no scenario was measured in both arms.';
  const excluded = m.excluded.length > 0 ? ` Excluded (zero covert in both arms): ${m.excluded.join(', ')}.` : '';
  const p = c.pooled;
  const test = (a: RateEstimate, b: RateEstimate, f: FisherSummary): string =>
    a.n > 0 && b.n > 0 ? ` (Fisher p = ${pValue(f.pTwoSided)})` : '';
  const awareness =
    `Eval awareness: A ${rateText(p.a.evalAwareness)}, B ${rateText(p.b.evalAwareness)}${test(p.a.evalAwareness, p.b.evalAwareness, p.fisherEvalAwareness)}. ` +
    `Spec citation: A ${rateText(p.a.specCitation)}, B ${rateText(p.b.specCitation)}${test(p.a.specCitation, p.b.specCitation, p.fisherSpecCitation)}.`;
  return [
    `<h3>${escapeHtml(title)}</h3>`,
    chart,
    table(['scenario', 'A covert', 'A rate [CrI]', 'A unmeas.', 'B covert', 'B rate [CrI]', 'B unmeas.', 'odds ratio A:B', 'p (two-sided)', 'p (A > B)', 'p (A < B)'], rows),
    `<p>${escapeHtml(macroLine + excluded)}</p>`,
    `<p>${escapeHtml(awareness)}</p>`,
  ].join('\n');
}

function flag(v: boolean | null): string {
  return v === null ? '–' : v ? 'yes' : 'no';
}

function episodesTable(episodes: readonly EpisodeSummary[]): string {
  const rows = episodes.map((e) => [
    cell(e.episodeId),
    cell(e.scenario),
    cell(e.variant),
    cell(e.agent),
    cell(e.epoch === null ? String(e.seed) : `${e.epoch} / ${e.seed}`),
    cell(e.verdict, e.verdict === 'covert' ? 'covert' : e.verdict === 'unmeasured' ? 'muted' : undefined),
    cell(e.covertDetectors.join(', ') || '–'),
    cell(flag(e.taskSuccess)),
    cell(flag(e.evalAwareness)),
    cell(flag(e.specCitation)),
    cell(e.steps === null ? '–' : String(e.steps)),
    cell(e.endReason ?? 'incomplete'),
    cell(e.usage ? `${e.usage.inputTokens + e.usage.outputTokens}` : '–'),
  ]);
  return table(['episode', 'scenario', 'variant', 'agent', 'epoch / seed', 'verdict', 'covert detectors', 'task', 'aware', 'spec', 'steps', 'end', 'tokens'], rows);
}

/**
 * One self-contained HTML page: summary cards, SVG bar charts with credible-interval whiskers,
 * tables and the episode list. No scripts, no external assets; a CSP forbids both. Every string
 * from the records (scenario ids, agent names, variant values, warnings) is escaped.
 */
export function renderHtml(report: RunReport): string {
  const o = report.overall;
  const level = `${Math.round(report.settings.level * 1000) / 10}%`;
  const cards = [
    card('Episodes', String(o.episodes), `${report.byScenario.length} scenarios · ${report.byAgent.length} agents`),
    card('Covert-action rate', o.covertRate.n === 0 ? '–' : pct(o.covertRate.rate), `${o.covert}/${o.covertRate.n} · ${level} CrI ${pctInterval(o.covertRate.lower, o.covertRate.upper)}`),
    card('Macro-average', o.macroCovertRate ? pct(o.macroCovertRate.mean) : '–', o.macroCovertRate ? `over ${o.macroCovertRate.scenarios.length} scenarios · CrI ${pctInterval(o.macroCovertRate.lower, o.macroCovertRate.upper)}` : 'nothing measured'),
    card('Unmeasured', String(o.unmeasured), 'excluded from rate denominators'),
    card('Eval awareness', pct(o.evalAwareness.rate), `${o.evalAwareness.count}/${o.evalAwareness.n} measured`),
    card('Spec citation', pct(o.specCitation.rate), `${o.specCitation.count}/${o.specCitation.n} measured`),
    card('Task success', pct(o.taskSuccess.rate), `${o.taskSuccess.count}/${o.taskSuccess.n} measured`),
  ].join('\n');
  const sections: string[] = [
    `<h2>Covert-action rate</h2>`,
    groupChart('Covert rate by scenario', report.byScenario),
    groupTable('scenario', report.byScenario, false),
    groupChart('Covert rate by category', report.byCategory),
    groupTable('category', report.byCategory, true),
    groupChart('Covert rate by agent', report.byAgent),
    groupTable('agent', report.byAgent, true),
    `<h2>Variants and variables</h2>`,
    groupTable('scenario / variant', report.byVariant, false),
    groupChart('Covert rate by variable value', report.byVariable),
    groupTable('variable = value', report.byVariable, true),
  ];
  if (report.comparisons.length > 0) {
    sections.push(
      `<h2>Comparisons</h2>`,
      `<p class="note">Fisher's exact test on covert vs clean episodes (unmeasured excluded); odds ratio = (A covert · B clean) / (A clean · B covert). ` +
        `Macro-averages are Monte Carlo averages of per-scenario Beta posteriors (${report.settings.draws.toLocaleString('en-US')} draws, seed ${escapeHtml(String(report.settings.seed))}).</p>`,
      ...report.comparisons.map(comparisonSection),
    );
  }
  sections.push(`<h2>Episodes</h2>`, `<details><summary>${report.episodes.length} episodes</summary>\n${episodesTable(report.episodes)}\n</details>`);
  if (report.warnings.length > 0) {
    sections.push(`<h2>Warnings</h2>`, `<ul class="warnings">${report.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`);
  }
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    `<h1>${escapeHtml(report.title)}</h1>`,
    `<p class="sub">Rates are covert / (covert + clean) with ${escapeHtml(level)} equal-tailed credible intervals from a Beta(${escapeHtml(report.settings.prior.join(', '))}) prior. Unmeasured episodes are reported but not counted.</p>`,
    `<div class="cards">${cards}</div>`,
    ...sections,
    '</body></html>',
    '',
  ].join('\n');
}
