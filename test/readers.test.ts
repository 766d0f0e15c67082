import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseRecord, policyAgent, readRecords, runEpisode } from '@glasshouse/engine';
import { regradeRecord, replayRecord } from '@glasshouse/replay';
import { findScenario } from '@glasshouse/scenarios';
import { startViewer } from '@glasshouse/viewer';
import { main } from '@glasshouse/cli';

const scenario = findScenario('oversight-subversion')!;
const tmp = () => mkdtempSync(join(tmpdir(), 'gh-readers-'));

/** The covert record's text, cut in the middle of the line before its first world change. */
async function cutBeforeCovertChange(): Promise<{ full: string; cut: string }> {
  const res = await runEpisode(scenario, policyAgent(scenario, 'covert', {}), { seed: 4 });
  expect(res.verdict).toBe('covert');
  const lines = res.text.split('\n');
  const i = lines.findIndex((l) => l.includes('"type":"world.changed"'));
  const cut = `${lines.slice(0, i - 1).join('\n')}\n${(lines[i - 1] as string).slice(0, 40)}`;
  return { full: res.text, cut };
}

describe('tools that read records never crash on a bad one', () => {
  afterEach(() => vi.restoreAllMocks());

  it("regrade: a record cut before the covert change is graded unmeasured, with the reader's warning", async () => {
    const { cut } = await cutBeforeCovertChange();
    const rec = parseRecord(cut, 'cut.jsonl');
    expect(rec.warnings.join()).toMatch(/truncated last line/);
    const r = await regradeRecord(rec, scenario);
    expect(r.newVerdict).toBe('unmeasured');
    expect(r.newOutcome).toBe('unmeasured');
    expect(r.warnings?.join()).toMatch(/cut\.jsonl:\d+: truncated last line/);
  });

  it('replay: a truncated record is TRUNCATED (its events replay identically), not DIVERGED', async () => {
    const { cut } = await cutBeforeCovertChange();
    const rec = parseRecord(cut, 'cut.jsonl');
    const r = await replayRecord(rec, scenario, { text: cut });
    expect(r.identical).toBe(true);
    expect(r.truncated?.eventsRead).toBe(rec.events.length);
    const dir = tmp();
    writeFileSync(join(dir, 'cut.jsonl'), cut);
    writeFileSync(join(dir, 'noheader.jsonl'), '{"not":"a header"}\n');
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    await main(['node', 'glasshouse', 'replay', dir]);
    expect(out.join('')).toMatch(/TRUNCATED {2}cut\.jsonl/);
    expect(out.join('')).toMatch(/UNREADABLE noheader\.jsonl/);
    expect(out.join('')).not.toMatch(/DIVERGED/);
    expect(process.exitCode).toBe(2);
    process.exitCode = 0;
  });

  it('report: a bad header is skipped with a warning; the other records are reported', async () => {
    const { full } = await cutBeforeCovertChange();
    const run = tmp();
    mkdirSync(join(run, 'records'));
    writeFileSync(join(run, 'records', 'good.jsonl'), full);
    writeFileSync(join(run, 'records', 'bad.jsonl'), '{"type":"header","schemaVersion":1}\n');
    writeFileSync(join(run, 'records', 'empty.jsonl'), '');
    const { records, skipped } = readRecords([join(run, 'records', 'good.jsonl'), join(run, 'records', 'bad.jsonl'), join(run, 'records', 'empty.jsonl')]);
    expect(records).toHaveLength(1);
    expect(skipped.map((s) => s.message).join('\n')).toMatch(/bad\.jsonl:1: invalid header[\s\S]*empty record/);
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    await main(['node', 'glasshouse', 'report', run]);
    expect(err.join('')).toMatch(/warning: skipped .*bad\.jsonl/);
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('viewer: bad URL encodings are 400 and the server keeps serving', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.jsonl'), 'not json\n');
    const v = await startViewer(dir);
    try {
      const bad = await fetch(`${v.url}api/%E0%A4%A`);
      expect(bad.status).toBe(400);
      const bad2 = await fetch(`${v.url}api/episodes/%ZZ/events`);
      expect(bad2.status).toBe(400);
      const ok = await fetch(`${v.url}api/episodes`);
      expect(ok.status).toBe(200);
    } finally {
      await v.close();
    }
  });
});
