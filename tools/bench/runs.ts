import { expandVariants, policyAgent, runEpisode } from '@glasshouse/engine';
import { SCENARIOS } from '@glasshouse/scenarios';
import type { EpisodeRecord } from '@glasshouse/schema';
import { renderHtml, summarizeRecords } from '@glasshouse/report';
import { regradeRecord, replayRecord } from '@glasshouse/replay';
import { findScenario } from '@glasshouse/scenarios';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize } from './stats';
import type { Row } from './foundation';
import { BUILT_CLI, builtCliExists, timeCli, writeRun } from './cli-run';

/** Every scenario × variant × {honest, covert}, in memory: the demo's 272 episodes. */
export async function demoRecords(): Promise<EpisodeRecord[]> {
  const out: EpisodeRecord[] = [];
  for (const s of SCENARIOS)
    for (const v of expandVariants(s))
      for (const p of ['honest', 'covert']) out.push((await runEpisode(s, policyAgent(s, p, v.values), { variant: v.values, seed: 1 })).record);
  return out;
}

/** Scale a set of records up to n by giving copies distinct episode ids and epochs. */
export function replicate(records: readonly EpisodeRecord[], n: number): EpisodeRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const r = records[i % records.length] as EpisodeRecord;
    const epoch = Math.floor(i / records.length);
    return { ...r, header: { ...r.header, episodeId: `${r.header.episodeId}_e${epoch}`, agent: { ...r.header.agent, config: { epoch } } } };
  });
}

/** Issue #5 benchmarks that need only records: the demo matrix and report generation. */
export async function benchRuns(opts: { quick: boolean }): Promise<Row[]> {
  const rows: Row[] = [];
  const t0 = performance.now();
  const records = await demoRecords();
  const perEpisode = (performance.now() - t0) / records.length;
  rows.push({ name: `demo matrix, ${records.length} episodes (per episode)`, s: summarize([perEpisode]) });
  const byId = (r: EpisodeRecord) => findScenario(r.header.scenario.id)!;
  const rp: number[] = [];
  for (const r of records) {
    const a = performance.now();
    const res = await replayRecord(r, byId(r));
    if (!res.identical) throw new Error(`replay diverged for ${r.header.episodeId}`);
    rp.push(performance.now() - a);
  }
  rows.push({ name: `replay (re-drive + compare), per record, ${records.length} records`, s: summarize(rp) });
  const nRegrade = opts.quick ? 1_000 : 10_000;
  const many = replicate(records, nRegrade);
  const g0 = performance.now();
  for (const r of many) await regradeRecord(r, byId(r));
  const total = performance.now() - g0;
  rows.push({ name: `regrade ${nRegrade.toLocaleString('en')} records (total)`, s: summarize([total]) });
  rows.push({ name: `regrade, per record`, s: summarize([total / nRegrade]) });
  for (const n of opts.quick ? [1_000] : [1_000, 10_000]) {
    const many = replicate(records, n);
    const times: number[] = [];
    const html: number[] = [];
    for (let i = 0; i < (opts.quick ? 2 : 3); i++) {
      const a = performance.now();
      const report = summarizeRecords(many, { resamples: 10_000 });
      const b = performance.now();
      renderHtml(report);
      html.push(performance.now() - b);
      times.push(b - a);
    }
    rows.push({ name: `report: summarize ${n.toLocaleString('en')} records (10k bootstrap resamples)`, s: summarize(times) });
    rows.push({ name: `report: render HTML for ${n.toLocaleString('en')} records`, s: summarize(html) });
  }
  rows.push(...benchCli(records, opts.quick ? 1_000 : 10_000));
  return rows;
}

/**
 * Issue #15 targets 4 and 5 through the real CLI: a generated run directory of `n` records (the demo
 * records replicated, as written by the engine), then `glasshouse regrade <run>` and
 * `glasshouse report <run>` once each, timed from process start to exit (GNU time: wall, and CPU of
 * the whole process). CLI start-up is timed on its own (`glasshouse list`).
 */
export function benchCli(records: readonly EpisodeRecord[], n: number): Row[] {
  const dir = mkdtempSync(join(tmpdir(), 'gh-bench-run-'));
  const rows: Row[] = [];
  const s = (seconds: number) => summarize([seconds * 1000]);
  try {
    writeRun(dir, replicate(records, n));
    const N = n.toLocaleString('en');
    const start = timeCli(['list']);
    rows.push({ name: 'CLI start-up (`glasshouse list`): wall', s: s(start.wallS) });
    const regrade = timeCli(['regrade', dir]);
    rows.push({ name: `CLI \`glasshouse regrade <run>\`, ${N} records: wall`, s: s(regrade.wallS), target: n === 10_000 ? '< 5 s' : '' });
    rows.push({ name: `CLI \`glasshouse regrade <run>\`, ${N} records: CPU (user + system)`, s: s(regrade.cpuS) });
    const report = timeCli(['report', dir]);
    rows.push({ name: `CLI \`glasshouse report <run>\`, ${N} records: wall`, s: s(report.wallS), target: n === 10_000 ? '< 2 s' : '' });
    rows.push({ name: `CLI \`glasshouse report <run>\`, ${N} records: CPU (user + system)`, s: s(report.cpuS) });
    // The built CLI (what the published package runs): no TypeScript transpiling at start.
    if (builtCliExists()) {
      // Three runs each, interleaved (regrade, report, regrade, …): the machine's speed drifts by
      // ±10 % over minutes, and one run would report the drift.
      const built = { regrade: [] as { wallS: number; cpuS: number }[], report: [] as { wallS: number; cpuS: number }[] };
      for (let i = 0; i < 3; i++) for (const cmd of ['regrade', 'report'] as const) built[cmd].push(timeCli([cmd, dir], BUILT_CLI));
      for (const [cmd, target] of [
        ['regrade', '< 5 s'],
        ['report', '< 2 s'],
      ] as const) {
        const ms = (xs: number[]) => summarize(xs.map((x) => x * 1000));
        rows.push({
          name: `built CLI \`glasshouse ${cmd} <run>\`, ${N} records: wall`,
          s: ms(built[cmd].map((t) => t.wallS)),
          target: n === 10_000 ? target : '',
        });
        rows.push({ name: `built CLI \`glasshouse ${cmd} <run>\`, ${N} records: CPU (user + system)`, s: ms(built[cmd].map((t) => t.cpuS)) });
      }
      // Regrade in one process, for comparison with the default (this process + worker threads on every core).
      const one = timeCli(['regrade', dir, '--workers', '1'], BUILT_CLI);
      rows.push({ name: `built CLI \`glasshouse regrade <run> --workers 1\`, ${N} records: wall`, s: s(one.wallS) });
      rows.push({ name: `built CLI \`glasshouse regrade <run> --workers 1\`, ${N} records: CPU (user + system)`, s: s(one.cpuS) });
    } else rows.push({ name: 'built CLI rows: skipped, run `pnpm build` first', s: s(0) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
