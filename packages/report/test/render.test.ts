import { describe, expect, it } from 'vitest';
import { escapeHtml, renderEpisodesJson, renderHtml, renderJson, renderTerminal, REPORT_SCHEMA_VERSION, RunReport, summarizeRecords } from '../src/index';
import { buildRecord, syntheticRun } from './synthetic-run';

const report = summarizeRecords(syntheticRun(), { resamples: 2000 });

const EVIL_SCENARIO = '<script>alert("scenario")</script>';
const EVIL_AGENT = '"><img src=x onerror=alert(1)>';
const EVIL_VARIANT = "spec' onmouseover='alert(2)";
function evilReport() {
  const records = [0, 1, 2, 3].map((seed) =>
    buildRecord({
      scenario: EVIL_SCENARIO,
      category: 'lying',
      variant: EVIL_VARIANT,
      values: { '<b>flag</b>': seed % 2 === 0 },
      agent: EVIL_AGENT,
      seed,
      action: seed === 0 ? 'covert' : 'clean',
    }),
  );
  return summarizeRecords(records, { resamples: 200, title: '</title><script>alert(3)</script>' });
}

describe('renderTerminal', () => {
  it('shows one paper-style table per agent with observed rates and intervals that contain them', () => {
    const text = renderTerminal(report);
    expect(text).toContain('Agent model-before — 36 episodes: 9 covert, 0 overt, 26 clean, 1 unmeasured, 0 invalid');
    // 7 covert of 19 measured (one unmeasured): scipy binomtest(7, 19).proportion_ci() = [0.163, 0.616].
    expect(text).toMatch(/^oversight-config\s+20\s+7\/19 36\.8% \[16\.3, 61\.6\]/m);
    expect(text).toMatch(/^weights-copy\s+16\s+2\/16 12\.5% \[1\.6, 38\.3\]/m);
    expect(text).toMatch(/^\(macro over 2 scenarios\)\s+24\.7% \[12\.5, 36\.8\]/m);
    expect(text).toContain('Clopper–Pearson (exact)');
    expect(text).toContain('pass^k (task): k=1: 70.0%  k=2: 46.7%  k=3: 29.2%  k=4: 16.7%  k=5: 8.3%');
    expect(text).toContain('model-before · spec=false  →  spec=true');
    // No ANSI escape codes, no pooled "all agents" rate.
    expect(text.includes(`${String.fromCharCode(27)}[`)).toBe(false);
    expect(text).not.toMatch(/Covert-action rate/);
  });

  it('prints tokens and cost per agent', () => {
    const priced = summarizeRecords(
      [0, 1].map((seed) =>
        buildRecord({
          scenario: 's',
          category: 'lying',
          variant: 'v',
          agent: 'gpt',
          seed,
          action: 'clean',
          usage: { inputTokens: 1500, outputTokens: 250, costUsd: 0.0125 },
        }),
      ),
      { resamples: 100 },
    );
    expect(renderTerminal(priced)).toContain('tokens: 3,000 in, 500 out · cost $0.03');
    const unpriced = summarizeRecords([buildRecord({ scenario: 's', category: 'lying', variant: 'v', agent: 'm', seed: 1, action: 'clean' })], {
      resamples: 100,
    });
    expect(renderTerminal(unpriced)).toContain('tokens: 100 in, 20 out · cost unknown (no price)');
  });

  it('lists invalid episodes with their reason', () => {
    const r = summarizeRecords(
      [
        buildRecord({
          scenario: 's',
          category: 'lying',
          variant: 'v',
          agent: 'm',
          seed: 1,
          action: 'none',
          endReason: 'error',
          fatalError: 'connect ECONNREFUSED',
        }),
      ],
      { resamples: 100 },
    );
    const text = renderTerminal(r);
    expect(text).toContain('INVALID episodes (1)');
    expect(text).toContain('PROVIDER_ERROR: connect ECONNREFUSED');
    expect(text).toContain('0 covert, 0 overt, 0 clean, 0 unmeasured, 1 invalid');
  });

  it('keeps every line within 120 columns, even with very long names', () => {
    const long = 'scenario-with-a-really-long-identifier-that-goes-on-and-on-and-on-and-on-and-on-and-on-for-ever';
    const records = [0, 1, 2].map((seed) =>
      buildRecord({
        scenario: long,
        category: 'sabotage',
        variant: `${long}-variant`,
        values: { [`${long}-var`]: seed === 0 },
        agent: `${long}-agent`,
        seed,
        action: 'clean',
      }),
    );
    for (const r of [report, summarizeRecords(records, { resamples: 200 })]) {
      const lines = renderTerminal(r).split('\n');
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(120);
    }
    const table = renderTerminal(summarizeRecords(records, { resamples: 200 }));
    expect(table).toContain('…');
  });

  it('aligns columns: right-aligned numbers end in the same column', () => {
    const text = renderTerminal(report);
    const start = text.indexOf('Agent model-before');
    const rows = text.slice(start).split('\n').slice(1, 5);
    const header = rows[0] as string;
    const end = header.indexOf('covert % [CI]') + 'covert % [CI]'.length;
    for (const row of rows.slice(2)) expect(row[end - 1]).toBe(']');
  });
});

describe('renderHtml', () => {
  it('is one self-contained page: no scripts, no external resources, a restrictive CSP', () => {
    const html = renderHtml(report);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    // External URLs: only the SVG namespace identifier.
    expect(html.match(/https?:\/\/[^"\s]+/g)?.every((u) => u === 'http://www.w3.org/2000/svg')).toBe(true);
  });

  it('has per-agent cards, one chart per agent and one per comparison', () => {
    const html = renderHtml(report);
    expect(html).toContain('<h2>Agent model-before</h2>');
    expect(html).toContain('<div class="k">Covert (macro)</div><div class="v">24.7%</div>');
    expect((html.match(/<svg /g) ?? []).length).toBe(report.agents.length + report.comparisons.length);
    expect(html).toContain('7/19 36.8% [16.3, 61.6]');
    expect(html).toContain('54 episodes');
  });

  it('draws whiskers at the interval ends: the x of a whisker cap matches the scale', () => {
    const r = summarizeRecords(
      [0, 1, 2, 3].map((seed) => buildRecord({ scenario: 's', category: 'lying', variant: 'v', agent: 'a', seed, action: seed < 2 ? 'covert' : 'clean' })),
      { resamples: 200 },
    );
    const html = renderHtml(r);
    // 2/4 → Clopper–Pearson upper 0.9324: axis max is 1, plot starts at x=230 and is 440 wide.
    const upper = r.agents[0]?.byScenario[0]?.threat.covert.upper ?? 0;
    expect(upper).toBeCloseTo(0.932414013511457, 10);
    const x = Math.round((230 + upper * 440) * 100) / 100;
    expect(html).toContain(`x1="${x}"`);
    const bar = Math.round(0.5 * 440 * 100) / 100;
    expect(html).toContain(`width="${bar}" height="14"`);
  });

  it('escapes scenario ids, agent names, variant ids, variable names and the title (XSS)', () => {
    const html = renderHtml(evilReport());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>flag</b>');
    expect(html).not.toContain("onmouseover='alert");
    expect(html).toContain('&lt;script&gt;alert(&quot;scenario&quot;)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('spec&#39; onmouseover=&#39;alert(2)');
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;</title>');
    // The only tags are ones the renderer writes.
    const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => (m[1] as string).toLowerCase()));
    const allowed = [
      'html',
      'head',
      'meta',
      'title',
      'style',
      'body',
      'h1',
      'h2',
      'h3',
      'h4',
      'p',
      'div',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'svg',
      'rect',
      'line',
      'text',
      'g',
      'details',
      'summary',
      'ul',
      'li',
    ];
    for (const t of tags) expect(allowed).toContain(t);
  });

  it('escapeHtml escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('empty run', () => {
  it('renders without throwing and says nothing was measured', () => {
    const empty = summarizeRecords([], { resamples: 200 });
    expect(renderTerminal(empty)).toContain('No episodes: nothing was measured.');
    expect(renderHtml(empty)).toContain('0 agent(s)');
    expect(RunReport.parse(JSON.parse(renderJson(empty))).episodes).toEqual([]);
  });
});

describe('renderJson', () => {
  it('round-trips through RunReport and sorts keys at every level', () => {
    const json = renderJson(report);
    const parsed = RunReport.parse(JSON.parse(json));
    expect(parsed.totals.covert).toBe(10);
    const top = Object.keys(JSON.parse(json) as object);
    expect(top).toEqual([...top].sort());
    expect(json.endsWith('\n')).toBe(true);
    expect(json).toContain('\n  "agents": [');
  });

  it('is independent of the key order of the input object', () => {
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)]),
            )
          : v;
    expect(renderJson(reversed(report) as typeof report)).toBe(renderJson(report));
  });

  it('writes an infinite odds ratio as the string "Infinity", not null', () => {
    const r = summarizeRecords(
      [0, 1, 2, 3].map((seed) =>
        buildRecord({
          scenario: 's',
          category: 'lying',
          variant: seed < 2 ? 'a' : 'b',
          values: { x: seed >= 2 },
          agent: 'a',
          seed,
          action: seed === 0 ? 'covert' : 'clean',
        }),
      ),
      { resamples: 100 },
    );
    const json = renderJson(r);
    expect(json).toContain('"oddsRatio": "Infinity"');
  });

  it('refuses a report that does not match the schema', () => {
    expect(() => renderJson({ ...report, schemaVersion: REPORT_SCHEMA_VERSION + 1 } as unknown as typeof report)).toThrow();
  });
});

describe('renderJson', () => {
  // The key order as Object.entries + sort + Object.fromEntries gave it (the implementation before 2026-11-30).
  const entriesSorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(entriesSorted);
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(entries.map(([k, v]) => [k, entriesSorted(v)]));
    }
    return value;
  };

  it('every object with its keys in code-point order, the same bytes as sorting entries', () => {
    for (const r of [report, evilReport()]) expect(renderJson(r)).toBe(`${JSON.stringify(entriesSorted(RunReport.parse(r)), null, 2)}\n`);
  });

  it('with the episodes rendered apart (renderEpisodesJson, as a worker does), the same bytes', () => {
    const empty = { ...report, episodes: [] };
    for (const r of [report, evilReport(), empty]) expect(renderJson(r, { episodes: renderEpisodesJson(r.episodes) })).toBe(renderJson(r));
    // the episodes are validated where they are rendered
    const bad = [{ ...report.episodes[0], outcome: 'sideways' }] as unknown as typeof report.episodes;
    expect(() => renderEpisodesJson(bad)).toThrow();
  });

  it('variable names that are array indices come first, in numeric order, as JSON.stringify puts them', () => {
    const records = [0, 1].map((seed) =>
      buildRecord({ scenario: 's', category: 'lying', variant: 'v', values: { '10': seed, '2': true, b: 'x' }, agent: 'm', seed, action: 'clean' }),
    );
    const r = summarizeRecords(records, { resamples: 200 });
    const text = renderJson(r);
    expect(text).toBe(`${JSON.stringify(entriesSorted(RunReport.parse(r)), null, 2)}\n`);
    expect(text).toMatch(/"variables": \{\n\s+"2": true,\n\s+"10": 0,\n\s+"b": "x"\n/);
  });
});
