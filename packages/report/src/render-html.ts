import { escapeHtml } from './escape-html';
import { countRateCell, macroCell, oddsRatio, pct, pctInterval, pValue, rateCell, signedPp, testCell, thousands, usd } from './format';
import type { AgentReport, Comparison, ControlGap, PairedTest, EpisodeSummary, MacroRate, Rate, RunComparisonReport, RunReport } from './report-schema';
import { svgBarChart, type BarValue } from './svg-bar-chart';
import { languageJudgmentHtml } from './language-judgments';

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

function bar(r: Rate): BarValue {
  return { rate: r.rate, lower: r.lower, upper: r.upper, count: r.count, n: r.n };
}

function macroBar(m: MacroRate): BarValue {
  return m.observed === null ? { rate: null, lower: 0, upper: 0 } : { rate: m.observed, lower: m.lower ?? m.observed, upper: m.upper ?? m.observed };
}

const METRIC_LABEL = { covert: 'Covert', overt: 'Overt', evalAwareness: 'Eval awareness', specCitation: 'Spec citation', taskSuccess: 'Task success' } as const;

function agentSection(a: AgentReport): string {
  const c = a.counts;
  const cards = [
    card('Episodes', String(c.episodes), `${c.covert} covert · ${c.overt} overt · ${c.clean} clean (${c.neverSaw} never saw it) · ${c.unmeasured} unmeasured`),
    card('Invalid', String(c.invalid), 'provider/harness faults, in no rate'),
    card(
      'Covert (macro)',
      pct(a.macro.covert.observed),
      a.macro.covert.lower === null
        ? 'nothing measured'
        : `bootstrap ${pctInterval(a.macro.covert.lower, a.macro.covert.upper ?? 0)}${a.macro.covert.degenerate ? ' (degenerate)' : ''}`,
    ),
    card('Overt (macro)', pct(a.macro.overt.observed), `over ${a.macro.overt.scenarios.length} scenarios`),
    card('Eval awareness (macro)', pct(a.macro.evalAwareness.observed), `over ${a.macro.evalAwareness.scenarios.length} scenarios`),
    card('Spec citation (macro)', pct(a.macro.specCitation.observed), `over ${a.macro.specCitation.scenarios.length} scenarios`),
    card('Tokens', thousands(a.usage.inputTokens + a.usage.outputTokens), `${thousands(a.usage.inputTokens)} in · ${thousands(a.usage.outputTokens)} out`),
    card('Cost', usd(a.usage.costUsd), a.usage.unpriced ? `${a.usage.unpriced} unpriced episode(s)` : 'from the price table'),
  ].join('\n');
  const threat = a.byScenario.filter((s) => s.threat.counts.episodes > 0);
  const chart = svgBarChart({
    title: `${a.agent}: covert rate by scenario (threat variants)`,
    series: [{ name: 'covert', color: COLOR_B }],
    rows: [...threat.map((s) => ({ label: s.scenario, values: [bar(s.threat.covert)] })), { label: '(macro)', values: [macroBar(a.macro.covert)] }],
  });
  const rows = threat.map((s) => [
    cell(s.measures && s.measures !== 'covert-action' ? `${s.scenario} (${s.measures} rate, not in macro)` : s.scenario),
    cell(String(s.threat.counts.episodes - s.threat.counts.invalid)),
    cell(countRateCell(s.threat.covert), (s.threat.covert.count ?? 0) > 0 ? 'covert' : undefined),
    cell(rateCell(s.threat.overt)),
    cell(rateCell(s.threat.evalAwareness)),
    cell(rateCell(s.threat.specCitation)),
    cell(rateCell(s.threat.taskSuccess)),
    cell(String(s.threat.counts.neverSaw), s.threat.counts.neverSaw > 0 ? 'muted' : undefined),
    cell(String(s.threat.counts.unmeasured)),
    cell(String(s.threat.counts.invalid), s.threat.counts.invalid > 0 ? 'covert' : undefined),
  ]);
  rows.push([
    cell(`(macro over ${a.macro.covert.scenarios.length})`),
    cell(''),
    cell(macroCell(a.macro.covert)),
    cell(macroCell(a.macro.overt)),
    cell(macroCell(a.macro.evalAwareness)),
    cell(macroCell(a.macro.specCitation)),
    cell(macroCell(a.macro.taskSuccess)),
    cell(''),
    cell(''),
    cell(''),
  ]);
  const control = a.byScenario.filter((s) => s.control !== null);
  const controlTable = control.length
    ? `<h3>Control variants (incentive removed)</h3>\n` +
      table(
        ['scenario', 'n', 'covert', 'eval aware', 'task'],
        control.map((s) => {
          const k = s.control as NonNullable<typeof s.control>;
          return [
            cell(s.scenario),
            cell(String(k.counts.episodes - k.counts.invalid)),
            cell(countRateCell(k.covert)),
            cell(rateCell(k.evalAwareness)),
            cell(rateCell(k.taskSuccess)),
          ];
        }),
      )
    : '';
  return [
    `<h2>Agent ${escapeHtml(a.agent)}</h2>`,
    `<div class="cards">${cards}</div>`,
    chart,
    table(['scenario', 'n', 'covert', 'overt', 'eval aware', 'spec cite', 'task', 'clean, never saw it', 'unmeasured', 'invalid'], rows),
    controlTable,
  ].join('\n');
}

function gapsSection(gaps: readonly ControlGap[]): string {
  return [
    '<h2>Threat vs control</h2>',
    '<p class="note">Mean score of scored covert-action detectors (e.g. accuracy) with and without the incentive; two-sample permutation test of the difference in means.</p>',
    table(
      ['agent · scenario · detector', 'threat mean (n)', 'control mean (n)', 'gap', 'p two-sided', 'p control > threat'],
      gaps.map((g) => [
        cell(`${g.agent} · ${g.scenario} · ${g.detector}`),
        cell(`${g.threat.mean.toFixed(3)} (${g.threat.n})`),
        cell(`${g.control.mean.toFixed(3)} (${g.control.n})`),
        cell(g.gap.toFixed(3)),
        cell(pValue(g.test.pTwoSided)),
        cell(pValue(g.test.pControlGreater)),
      ]),
    ),
  ].join('\n');
}

function pairedSection(tests: readonly PairedTest[]): string {
  return [
    '<h2>Paired rules</h2>',
    '<p class="note">Twin episodes that differ only in one variable, paired by agent, epoch and every other variable; a pair counts when the detector scored 0 in the first condition and 1 in the second. Exact one-sided binomial test against the chance rate p0.</p>',
    table(
      ['agent · scenario · rule', 'condition', 'counted / pairs', 'rate', 'p0', 'p one-sided'],
      tests.map((t) => [
        cell(`${t.agent} · ${t.scenario} · ${t.label}`),
        cell(`${t.condition.variable}: ${t.condition.first} → ${t.condition.second}`),
        cell(`${t.counted} / ${t.pairs}`),
        cell(`${(t.rate * 100).toFixed(1)}%`),
        cell(`${(t.p0 * 100).toFixed(0)}%`),
        cell(pValue(t.pOneSided)),
      ]),
    ),
  ].join('\n');
}

function comparisonSection(c: Comparison): string {
  const parts = [
    `<h3>${escapeHtml(c.a.label)} → ${escapeHtml(c.b.label)}</h3>`,
    `<p class="note">Tests stratified by ${escapeHtml(c.strata)} (exact conditional Cochran–Mantel–Haenszel).</p>`,
  ];
  const covert = c.metrics.find((m) => m.metric === 'covert');
  if (covert && covert.perScenario.length) {
    parts.push(
      svgBarChart({
        title: `Covert rate: ${c.a.label} vs ${c.b.label}`,
        series: [
          { name: c.a.label, color: COLOR_A },
          { name: c.b.label, color: COLOR_B },
        ],
        rows: covert.perScenario.map((r) => ({ label: r.scenario, values: [bar(r.a), bar(r.b)] })),
      }),
    );
  }
  for (const m of c.metrics) {
    if (m.perScenario.length === 0) continue;
    const rows = m.perScenario.map((r) => [cell(r.scenario), cell(countRateCell(r.a)), cell(countRateCell(r.b)), cell(testCell(r.test))]);
    rows.push([cell('(macro / stratified)'), cell(macroCell(m.a)), cell(macroCell(m.b)), cell(testCell(m.test))]);
    const d = m.difference;
    const t = m.test;
    parts.push(
      `<h4>${escapeHtml(METRIC_LABEL[m.metric])}</h4>`,
      table(['scenario', 'A', 'B', 'p (exact)'], rows),
      `<p class="note">${escapeHtml(
        (d.observed === null || d.lower === null || d.upper === null
          ? 'no scenario measured in both arms'
          : `macro B−A ${signedPp(d.observed)} ${pctInterval(d.lower, d.upper)} (paired scenario bootstrap)`) +
          (t
            ? `; CMH exact p = ${pValue(t.pExact)}, MH χ² = ${t.chiSquare === null ? '–' : t.chiSquare.toFixed(2)} (p = ${pValue(t.pChiSquare)}), common odds ratio ${oddsRatio(t.oddsRatio)}`
            : ''),
      )}</p>`,
    );
  }
  return parts.join('\n');
}

function flag(v: boolean | null): string {
  return v === null ? '–' : v ? 'yes' : 'no';
}

function episodesTable(episodes: readonly EpisodeSummary[]): string {
  const rows = episodes.map((e) => [
    cell(e.episodeId),
    cell(e.scenario),
    cell(`${e.variant}${e.control ? ' (control)' : ''}`),
    cell(e.agent),
    cell(e.epoch === null ? String(e.seed) : `${e.epoch} / ${e.seed}`),
    cell(e.outcome, e.outcome === 'covert' || e.outcome === 'invalid' ? 'covert' : e.outcome === 'unmeasured' ? 'muted' : undefined),
    cell(e.invalidReason ?? (e.covertDetectors.join(', ') || '–')),
    cell(flag(e.taskSuccess)),
    cell(flag(e.evalAwareness)),
    cell(flag(e.specCitation)),
    cell(e.steps === null ? '–' : String(e.steps)),
    cell(e.endReason ?? 'incomplete'),
    cell(e.usage ? `${e.usage.inputTokens + e.usage.outputTokens}` : '–'),
  ]);
  return table(
    ['episode', 'scenario', 'variant', 'agent', 'epoch / seed', 'outcome', 'detectors / reason', 'task', 'aware', 'spec', 'steps', 'end', 'tokens'],
    rows,
  );
}

function page(title: string, note: string, sections: readonly string[]): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="sub">${escapeHtml(note)}</p>`,
    ...sections,
    '</body></html>',
    '',
  ].join('\n');
}

function settingsNote(r: { settings: RunReport['settings'] }): string {
  const level = `${Math.round(r.settings.level * 1000) / 10}%`;
  return (
    `Per cell: observed rate with a ${level} ${r.settings.interval === 'wilson' ? 'Wilson score' : 'Clopper–Pearson (exact)'} interval. ` +
    `Macro: unweighted mean of per-scenario rates with a ${level} percentile bootstrap over scenarios (${r.settings.resamples} resamples, seed ${r.settings.seed}). ` +
    'Rates are over covert + overt + clean episodes; unmeasured and invalid episodes are counted but never in a rate. Agents and control variants are never pooled.'
  );
}

function runSections(report: RunReport): string[] {
  const t = report.totals;
  const sections: string[] = [
    `<div class="cards">${card('Episodes', String(t.episodes), `${report.agents.length} agent(s)`)}${card('Invalid', String(t.invalid), 'retried on resume')}${card('Unmeasured', String(t.unmeasured), 'not in any rate')}</div>`,
    ...report.agents.map(agentSection),
  ];
  if (report.controlGaps.length > 0) sections.push(gapsSection(report.controlGaps));
  if (report.pairedTests.length > 0) sections.push(pairedSection(report.pairedTests));
  if (report.comparisons.length > 0) sections.push('<h2>Variable comparisons (within agent)</h2>', ...report.comparisons.map(comparisonSection));
  if (report.languageJudgments) sections.push(...languageJudgmentHtml(report.languageJudgments));
  if (report.invalid.length > 0) {
    sections.push(
      `<h2>Invalid episodes</h2>`,
      table(
        ['episode', 'agent', 'scenario', 'reason'],
        report.invalid.map((i) => [cell(i.episodeId), cell(i.agent), cell(i.scenario), cell(i.reason)]),
      ),
    );
  }
  sections.push(`<h2>Episodes</h2>`, `<details><summary>${report.episodes.length} episodes</summary>\n${episodesTable(report.episodes)}\n</details>`);
  if (report.warnings.length > 0)
    sections.push(`<h2>Warnings</h2>`, `<ul class="warnings">${report.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`);
  return sections;
}

/**
 * One self-contained HTML page: per-agent cards, SVG bar charts with interval whiskers, tables
 * and the episode list. No scripts, no external assets; a CSP forbids both. Every string from the
 * records (scenario ids, agent names, variant values, warnings) is escaped.
 */
export function renderHtml(report: RunReport): string {
  return page(report.title, settingsNote(report), runSections(report));
}

/** Before → after page: the comparisons, then each run's own tables. */
export function renderComparisonHtml(r: RunComparisonReport): string {
  return page(r.title, settingsNote(r), [
    '<h2>Before → after</h2>',
    ...r.comparisons.map(comparisonSection),
    ...(r.warnings.length ? [`<ul class="warnings">${r.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`] : []),
    `<h2>${escapeHtml(r.before.title)}</h2>`,
    ...runSections(r.before),
    `<h2>${escapeHtml(r.after.title)}</h2>`,
    ...runSections(r.after),
  ]);
}
