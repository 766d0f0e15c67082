import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandVariants, policyAgent, readRecords, runEpisode } from '@glasshouse/engine';
import { compareRunDigests, compareRunRecords, renderComparisonJson, renderJson, summarizeDigests, summarizeRecords } from '@glasshouse/report';
import { SCENARIOS } from '@glasshouse/scenarios';
import { ReportPool, readRunDigests, summarizeRun } from '@glasshouse/cli';
import { controlOfLibrary, measuresOfLibrary, pairedRuleOfLibrary } from '../packages/cli/src/control-of';

// `glasshouse report` reads a run as digests (one record at a time, in worker threads for large
// runs) instead of whole records. These tests hold it to the full reader: on real records, some of
// them corrupt, the report, the warnings and the skipped files are the same bytes.

const context = { controlOf: controlOfLibrary(SCENARIOS), pairedRuleOf: pairedRuleOfLibrary(SCENARIOS), measuresOf: measuresOfLibrary(SCENARIOS) };
const options = { resamples: 500, title: 'digests' };

/** Real records: every library scenario, its first two variants, an honest and a covert scripted agent. */
async function realRecords(): Promise<string[]> {
  const texts: string[] = [];
  for (const s of SCENARIOS)
    for (const v of expandVariants(s).slice(0, 2))
      for (const p of ['honest', 'covert']) texts.push((await runEpisode(s, policyAgent(s, p, v.values), { variant: v.values, seed: 1 })).text);
  return texts;
}

const lineIndex = (lines: string[], type: string) => lines.findIndex((l, i) => i > 0 && l.includes(`"type":"${type}"`));

/** The corruptions a run can hold; each returns the record text changed, or null when the record lacks what it changes. */
const CORRUPT: Record<string, (text: string) => string | null> = {
  // a line that is not JSON in the middle: the events after it are not read
  'corrupt-mid': (t) => {
    const lines = t.split('\n');
    const mid = Math.floor(lines.length / 2);
    lines[mid] = (lines[mid] as string).slice(0, 30);
    return lines.join('\n');
  },
  // valid JSON, schema-invalid, of an event type the report never reads: still stops the record there,
  // so the findings after it do not count (a lighter check of unread types would count them)
  'invalid-tool-call': (t) => {
    const lines = t.split('\n');
    const i = lineIndex(lines, 'tool.call');
    if (i < 0) return null;
    const ev = JSON.parse(lines[i] as string) as Record<string, unknown>;
    lines[i] = JSON.stringify({ ...ev, callId: 42 });
    return lines.join('\n');
  },
  // a finding the schema rejects
  'invalid-finding': (t) => {
    const lines = t.split('\n');
    const i = lineIndex(lines, 'finding');
    if (i < 0) return null;
    const ev = JSON.parse(lines[i] as string) as { finding: Record<string, unknown> };
    lines[i] = JSON.stringify({ ...ev, finding: { ...ev.finding, verdict: 'maybe' } });
    return lines.join('\n');
  },
  // an event missing: seq jumps
  'seq-gap': (t) => {
    const lines = t.split('\n');
    lines.splice(2, 1);
    return lines.join('\n');
  },
  // the process died mid-write: the last line cut, no newline
  truncated: (t) => t.trimEnd().slice(0, -25),
  // no episode.end
  unfinished: (t) => {
    const lines = t.trimEnd().split('\n');
    return `${lines.slice(0, lineIndex(lines, 'episode.end')).join('\n')}\n`;
  },
  'header-not-json': (t) => `{"type":"header",${t.slice(t.indexOf('\n'))}`,
  'header-invalid': (t) => `{"type":"header","schemaVersion":2}${t.slice(t.indexOf('\n'))}`,
  'header-newer': (t) => t.replace('"schemaVersion":2', '"schemaVersion":99'),
  empty: () => '',
};

let run: string;
let paths: string[];

beforeAll(async () => {
  const texts = await realRecords();
  run = mkdtempSync(join(tmpdir(), 'gh-digests-'));
  mkdirSync(join(run, 'records'));
  texts.forEach((t, i) => {
    const kinds = Object.keys(CORRUPT);
    // every seventh record gets the next corruption; the rest are kept as written
    const kind = i % 7 === 3 ? kinds[Math.floor(i / 7) % kinds.length] : undefined;
    const changed = kind ? CORRUPT[kind]?.(t) : null;
    writeFileSync(join(run, 'records', `r${String(i).padStart(4, '0')}${kind && changed !== null ? `-${kind}` : ''}.jsonl`), changed ?? t);
  });
  paths = readdirSync(join(run, 'records'))
    .sort()
    .map((f) => join(run, 'records', f));
}, 120_000);

describe('the report read as digests is the report read from whole records', () => {
  it('the run holds every corruption', () => {
    for (const kind of Object.keys(CORRUPT))
      expect(
        paths.some((p) => p.endsWith(`-${kind}.jsonl`)),
        kind,
      ).toBe(true);
  });

  for (const workers of [0, 2]) {
    it(`same report.json, warnings and skipped files (${workers ? `${workers} worker threads` : 'in this thread'})`, async () => {
      const pool = workers ? new ReportPool(workers) : null;
      const full = readRecords(paths);
      const read = await readRunDigests(paths, pool);
      expect(read.skipped).toEqual(full.skipped);
      expect([...new Set(read.skipped.map((s) => s.path.replace(/^.*r\d{4}-/, '')))].sort()).toEqual([
        'empty.jsonl',
        'header-invalid.jsonl',
        'header-newer.jsonl',
        'header-not-json.jsonl',
      ]);
      expect(read.digests.map((d) => d.warnings)).toEqual(full.records.map((r) => r.warnings));
      const expected = renderJson(summarizeRecords(full.records, options, context));
      const { report } = await summarizeRun(read.digests, options, context, pool);
      // with workers, they also render the episodes for report.json: the same bytes
      const rendered = await summarizeRun(read.digests, options, context, pool, true);
      await pool?.close();
      expect(renderJson(report)).toBe(expected);
      expect(rendered.episodesJson === undefined).toBe(!workers);
      expect(renderJson(rendered.report, rendered.episodesJson === undefined ? undefined : { episodes: rendered.episodesJson })).toBe(expected);
      expect(renderJson(summarizeDigests(read.digests, options, context))).toBe(expected);
      // the corrupt records are flagged in the report, each by the reader's own words
      for (const [kind, says] of [
        ['corrupt-mid', /line is not valid JSON/],
        ['invalid-tool-call', /invalid event at callId/],
        ['invalid-finding', /invalid event at finding\.verdict/],
        ['seq-gap', /event seq \d+ where \d+ was expected/],
        ['truncated', /truncated last line/],
        ['unfinished', /record has no episode\.end event/],
      ] as const) {
        const d = read.digests.find((x) => x.warnings.some((w) => w.includes(`-${kind}.jsonl`)));
        expect(d?.warnings.join(), kind).toMatch(says);
        expect(
          report.warnings.some((w) => w.startsWith(`episode ${d?.summary.episodeId}: `) && says.test(w)),
          kind,
        ).toBe(true);
      }
    }, 60_000);
  }

  it('a schema-invalid event the report does not read still ends the record: its later findings do not count', async () => {
    const cut = (await readRunDigests(paths)).digests.find((d) => d.warnings.some((w) => w.includes('-invalid-tool-call.jsonl')));
    expect(cut?.summary.findings).toBe(0);
    expect(cut?.summary.outcome).toBe('invalid');
  });

  it('before → after from digests is the comparison from records', async () => {
    const full = readRecords(paths).records;
    const pool = new ReportPool(2);
    const { digests } = await readRunDigests(paths, pool).finally(() => pool.close());
    const agents = { before: 'scripted:covert', after: 'scripted:honest' };
    const expected = compareRunRecords(
      full.filter((r) => r.header.agent.id === agents.before),
      full.filter((r) => r.header.agent.id === agents.after),
      { ...options, agents },
      { controlOf: context.controlOf },
    );
    const got = compareRunDigests(
      digests.filter((d) => d.summary.agent === agents.before),
      digests.filter((d) => d.summary.agent === agents.after),
      { ...options, agents },
      { controlOf: context.controlOf },
    );
    expect(renderComparisonJson(got)).toBe(renderComparisonJson(expected));
  }, 60_000);
});
