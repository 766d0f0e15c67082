import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml, renderJson, renderTerminal, RunReport, summarizeRecords } from '../src/index';
import { buildRecord, syntheticRun } from './synthetic-run';

const report = summarizeRecords(syntheticRun(), { draws: 20_000, agents: { before: 'model-before', after: 'model-after' } });

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
  return summarizeRecords(records, { draws: 1000, title: '</title><script>alert(3)</script>', agents: { before: EVIL_AGENT, after: 'x<y' } });
}

describe('renderTerminal', () => {
  it('shows the key numbers in aligned tables', () => {
    const text = renderTerminal(report);
    expect(text).toContain('Covert-action rate   18.9% (10/53) [10.6, 31.4]   unmeasured 1 (not in the denominator)');
    expect(text).toMatch(/^oversight-config\s+30\s+8\s+1\s+27\.6%\s+\[14\.7, 45\.9\]/m);
    expect(text).toMatch(/^oversight-config\s+6\/10\s+60\.0% \[30\.8, 83\.3\]\s+1\/9\s+11\.1% \[2\.5, 44\.5\]\s+12\.00\s+0\.057\s+0\.040$/m);
    expect(text).toMatch(/^\(pooled\)\s+8\/18 .* 12\.80\s+0\.018\s+0\.011$/m);
    expect(text).toContain('pass^k (task)        k=1: 70.0%  k=2: 46.7%  k=3: 29.2%  k=4: 16.7%  k=5: 8.3%');
    expect(text).toContain('Agents: A = model-before  vs  B = model-after');
    // No ANSI escape codes.
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('keeps every line within 120 columns, even with very long names', () => {
    const long = 'scenario-with-a-really-long-identifier-that-goes-on-and-on-and-on-and-on-and-on-and-on-for-ever';
    const records = [0, 1, 2].map((seed) =>
      buildRecord({ scenario: long, category: 'sabotage', variant: `${long}-variant`, values: { [`${long}-var`]: seed === 0 }, agent: `${long}-agent`, seed, action: 'clean' }),
    );
    for (const r of [report, summarizeRecords(records, { draws: 1000 })]) {
      const lines = renderTerminal(r).split('\n');
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(120);
    }
    const table = renderTerminal(summarizeRecords(records, { draws: 1000 }));
    expect(table).toContain('…');
  });

  it('aligns columns: right-aligned numbers end in the same column', () => {
    const text = renderTerminal(report);
    const start = text.indexOf('By scenario');
    const rows = text.slice(start).split('\n').slice(1, 5);
    const header = rows[0] as string;
    const end = header.indexOf('covert') + 'covert'.length;
    for (const row of rows.slice(2)) expect(row[end - 1]).toMatch(/\d/);
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

  it('has summary cards, charts per scenario / category / agent / variable and one per comparison', () => {
    const html = renderHtml(report);
    expect(html).toContain('<div class="k">Covert-action rate</div><div class="v">18.9%</div>');
    expect((html.match(/<svg /g) ?? []).length).toBe(4 + report.comparisons.length);
    expect(html).toContain('aria-label="Covert rate by scenario"');
    expect(html).toContain('aria-label="Covert rate, spec=false vs spec=true"');
    // bar labels with interval
    expect(html).toContain('8/29 27.6% [14.7, 45.9]');
    expect(html).toContain('Macro-average over 2 scenario(s)');
    expect(html).toContain('54 episodes');
  });

  it('draws whiskers at the interval ends: the x of a whisker cap matches the scale', () => {
    const r = summarizeRecords(
      [0, 1, 2, 3].map((seed) => buildRecord({ scenario: 's', category: 'lying', variant: 'v', agent: 'a', seed, action: seed < 2 ? 'covert' : 'clean' })),
      { draws: 1000 },
    );
    const html = renderHtml(r);
    // 2/4 → Beta(3,3), upper ≈ 0.8534: axis max is 1, plot starts at x=230 and is 440 wide.
    const upper = r.byScenario[0]?.covertRate.upper ?? 0;
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
    const allowed = ['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'h3', 'p', 'div', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'svg', 'rect', 'line', 'text', 'g', 'details', 'summary', 'ul', 'li'];
    for (const t of tags) expect(allowed).toContain(t);
  });

  it('escapeHtml escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('empty run', () => {
  it('renders without throwing and says nothing was measured', () => {
    const empty = summarizeRecords([], { draws: 1000 });
    expect(renderTerminal(empty)).toContain('Macro-average        – over 0 scenario(s)');
    expect(renderHtml(empty)).toContain('nothing measured');
    expect(RunReport.parse(JSON.parse(renderJson(empty))).episodes).toEqual([]);
  });
});

describe('renderJson', () => {
  it('round-trips through RunReport and sorts keys at every level', () => {
    const json = renderJson(report);
    const parsed = RunReport.parse(JSON.parse(json));
    expect(parsed.overall.covertRate.count).toBe(10);
    const top = Object.keys(JSON.parse(json) as object);
    expect(top).toEqual([...top].sort());
    expect(json.endsWith('\n')).toBe(true);
    expect(json).toContain('\n  "byAgent": [');
  });

  it('is independent of the key order of the input object', () => {
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)]))
          : v;
    expect(renderJson(reversed(report) as typeof report)).toBe(renderJson(report));
  });

  it('writes an infinite odds ratio as the string "Infinity", not null', () => {
    const json = renderJson(report);
    expect(json).toContain('"oddsRatio": "Infinity"');
  });

  it('refuses a report that does not match the schema', () => {
    expect(() => renderJson({ ...report, schemaVersion: 2 } as unknown as typeof report)).toThrow();
  });
});
