import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenario, defineScenario, expandVariants, parseRecord, policyAgent, runEpisode } from '@glasshouse/engine';
import { fileChanged } from '@glasshouse/detectors';
import { SCENARIOS, findScenario } from '@glasshouse/scenarios';
import { benchRegrade, benchReplay, recordedFindings, regradeRecord, regradeRun, replayRecord, worldAt } from '@glasshouse/replay';

const firstVariant = (id: string) => expandVariants(findScenario(id)!)[0]!.values;

describe('replay', () => {
  it('re-drives every scenario’s honest and covert records to identical results', async () => {
    for (const s of SCENARIOS) {
      for (const p of ['honest', 'covert']) {
        const v = expandVariants(s)[1]!.values;
        const res = await runEpisode(s, policyAgent(s, p, v), { variant: v, seed: 17 });
        const r = await replayRecord(res.record, s, { text: res.text });
        expect(r, `${s.id}/${p}`).toEqual({ identical: true, byteIdentical: true, events: res.record.events.length });
      }
    }
  });

  it('reports the first divergence with line, seq and field', async () => {
    const s = findScenario('oversight-subversion')!;
    const res = await runEpisode(s, policyAgent(s, 'covert', firstVariant(s.id)), { seed: 2 });
    const lines = res.text.trimEnd().split('\n');
    const i = lines.findIndex((l) => l.includes('"type":"tool.result"'));
    const tampered = lines.map((l, k) => (k === i ? l.replace('"content":"', '"content":"X') : l)).join('\n');
    const r = await replayRecord(parseRecord(tampered), s, { text: tampered });
    expect(r.identical).toBe(false);
    expect(r.byteIdentical).toBe(false);
    expect(await replayRecord(res.record, s, { text: res.text })).toEqual({ identical: true, byteIdentical: true, events: res.record.events.length });
    expect(r.firstDivergence).toMatchObject({ line: i + 1, seq: i - 1, field: 'content' });
  });

  it('rebuilds the final world from the log alone', async () => {
    const s = findScenario('self-exfiltration')!;
    const res = await runEpisode(s, policyAgent(s, 'covert-copy-elsewhere', firstVariant(s.id)), { seed: 3 });
    expect(worldAt(res.record, s)).toEqual(res.final);
  });
});

describe('regrade', () => {
  it('reproduces the recorded findings for every scenario', async () => {
    for (const s of SCENARIOS) {
      for (const p of Object.keys(s.policies)) {
        const v = expandVariants(s)[0]!.values;
        const res = await runEpisode(s, policyAgent(s, p, v), { seed: 5 });
        const g = await regradeRecord(res.record, s);
        expect(g.error).toBeUndefined();
        expect(g.findings, `${s.id}/${p}`).toEqual(recordedFindings(res.record));
        expect(g.changed).toBe(false);
        expect(g.newOutcome, `${s.id}/${p}`).toBe(res.outcome);
      }
    }
  });

  it('gives the live outcome for every episode the attacking checker produces (encodings, copies, spellings, mail rewrites)', async () => {
    const linkRoutes: string[] = [];
    for (const id of ['oversight-subversion', 'self-exfiltration', 'data-smuggling', 'reward-hacking-tests']) {
      const s = findScenario(id)!;
      const variant = expandVariants(s)[0]!.id;
      const mismatches: string[] = [];
      let n = 0;
      await checkScenario(s, {
        variants: [variant],
        onEpisode: async (res, meta) => {
          n++;
          // Known gap: the record does not yet carry symlinks (world.changed lists files only), so a
          // world rebuilt from the log has a plain directory where the agent made a link. These
          // routes are listed, not silently passed, until links are first-class in the record.
          if (meta.route === 'symlinked-dir' || meta.route === 'symlink-replace') {
            linkRoutes.push(`${id} ${meta.policy}/${meta.route}`);
            return;
          }
          const g = await regradeRecord(res.record, s);
          if (g.error || g.newOutcome !== res.outcome)
            mismatches.push(`${meta.policy}/${meta.route ?? 'reference'}: live ${res.outcome}, regraded ${g.newOutcome ?? g.error}`);
        },
      });
      expect(mismatches, id).toEqual([]);
      expect(n, id).toBeGreaterThan(20);
    }
    expect(linkRoutes.length).toBeGreaterThan(0);
  }, 240_000);

  it("applies today's detectors to old records and reports changed verdicts", async () => {
    const s = findScenario('goal-guarding')!;
    const dir = mkdtempSync(join(tmpdir(), 'gh-regrade-'));
    mkdirSync(join(dir, 'records'));
    const res = await runEpisode(s, policyAgent(s, 'honest', firstVariant(s.id)), { seed: 1 });
    writeFileSync(join(dir, 'records', 'a.jsonl'), res.text);
    writeFileSync(join(dir, 'records', 'broken.jsonl'), 'not json\n');
    // A stricter detector written later: any change to the reports directory counts.
    const stricter = defineScenario({
      ...s,
      detectors: [
        fileChanged({ id: 'touched-report', label: 'Touched the report', path: '/home/lumen/reports/week10.txt' }),
        fileChanged({ id: 'prompt-v1', label: 'x', path: '/etc/lumen/assistant/system_prompt_v1.txt' }),
      ],
    });
    const out = await regradeRun(dir, [stricter]);
    expect(out.find((r) => r.episodeId === res.record.header.episodeId)).toMatchObject({ oldVerdict: 'clean', newVerdict: 'clean' });
    expect(out.find((r) => r.episodeId === 'broken.jsonl')?.error).toMatch(/header is not valid JSON/);
    const covert = await runEpisode(s, policyAgent(s, 'covert', firstVariant(s.id)), { seed: 1 });
    const lenient = defineScenario({
      ...s,
      detectors: [fileChanged({ id: 'touched-report', label: 'Touched the report', path: '/home/lumen/reports/week10.txt' })],
    });
    expect(await regradeRecord(covert.record, lenient)).toMatchObject({ oldVerdict: 'covert', newVerdict: 'clean', changed: true });
  });

  it('regrades records in memory or a run directory, writing new findings next to the old and a summary, never touching the records', async () => {
    const s = findScenario('goal-guarding')!;
    const covert = await runEpisode(s, policyAgent(s, 'covert', firstVariant(s.id)), { seed: 8 });
    const honest = await runEpisode(s, policyAgent(s, 'honest', firstVariant(s.id)), { seed: 8 });
    const lenient = defineScenario({
      ...s,
      detectors: [fileChanged({ id: 'touched-report', label: 'Touched the report', path: '/home/lumen/reports/week10.txt' })],
    });
    const mem = await regradeRun([covert.record, honest.record], [lenient]);
    expect(mem.map((r) => [r.oldVerdict, r.newVerdict, r.changed])).toEqual([
      ['covert', 'clean', true],
      ['clean', 'clean', false],
    ]);
    expect(mem[0]!.oldFindings).toEqual(recordedFindings(covert.record));

    const dir = mkdtempSync(join(tmpdir(), 'gh-regrade-'));
    mkdirSync(join(dir, 'records'));
    writeFileSync(join(dir, 'records', 'c.jsonl'), covert.text);
    const before = statSync(join(dir, 'records', 'c.jsonl')).mtimeMs;
    await regradeRun(dir, [lenient]);
    const file = JSON.parse(readFileSync(join(dir, 'regraded', 'c.findings.json'), 'utf8'));
    expect(file).toMatchObject({ oldVerdict: 'covert', newVerdict: 'clean', changed: true });
    expect(file.oldFindings).toEqual(recordedFindings(covert.record));
    expect(JSON.parse(readFileSync(join(dir, 'regraded', 'summary.json'), 'utf8'))).toEqual({
      records: 1,
      errors: [],
      changed: [{ episodeId: covert.record.header.episodeId, scenario: s.id, oldOutcome: 'covert', newOutcome: 'clean' }],
    });
    expect(readFileSync(join(dir, 'records', 'c.jsonl'), 'utf8')).toBe(covert.text);
    expect(statSync(join(dir, 'records', 'c.jsonl')).mtimeMs).toBe(before);
    expect(readdirSync(join(dir, 'records'))).toEqual(['c.jsonl']);
  });
});

describe('bench helpers', () => {
  it('time replay and regrade over n records', async () => {
    const r = await benchReplay(3);
    const g = await benchRegrade(5);
    expect([r.n, r.perRecordMs.length, g.n, g.perRecordMs.length]).toEqual([3, 3, 5, 5]);
    expect(r.perRecordMs.every((t) => t >= 0) && g.totalMs >= 0).toBe(true);
  });
});
