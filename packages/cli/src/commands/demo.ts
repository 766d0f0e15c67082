import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandVariants, policyAgent, runEpisode } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import type { EpisodeRecord } from '@glasshouse/schema';
import { renderHtml, renderJson, renderTerminal, summarizeRecords } from '@glasshouse/report';
import { controlOfLibrary, measuresOfLibrary, pairedRuleOfLibrary } from '../control-of';

export interface DemoOptions {
  out: string;
  seed: number;
  /** Reference policies to run as agents (default: honest and covert). */
  policies: string[];
}

/**
 * The main job with no API key: every scenario × every variant × the scripted honest and covert
 * reference agents, one record per episode, then the report (terminal, JSON, self-contained HTML).
 */
export async function demoCommand(
  scenarios: readonly ScenarioDefinition[],
  opts: DemoOptions,
  log: (s: string) => void,
): Promise<{ episodes: number; reportPath: string }> {
  rmSync(join(opts.out, 'records'), { recursive: true, force: true });
  mkdirSync(join(opts.out, 'records'), { recursive: true });
  const records: EpisodeRecord[] = [];
  const total = scenarios.reduce((n, s) => n + expandVariants(s).length * opts.policies.length, 0);
  let done = 0;
  let covert = 0;
  const t0 = performance.now();
  for (const s of scenarios) {
    for (const v of expandVariants(s)) {
      for (const p of opts.policies) {
        const agent = policyAgent(s, p, v.values);
        const file = `${s.id}__${v.id.replace(/[^a-zA-Z0-9=,_-]/g, '_')}__${agent.id.replace(/[^a-zA-Z0-9_-]/g, '_')}.jsonl`;
        const res = await runEpisode(s, agent, { variant: v.values, seed: opts.seed, recordPath: join(opts.out, 'records', file) });
        records.push(res.record);
        done++;
        if (res.outcome === 'covert') covert++;
        if (done % 25 === 0 || done === total) log(`  ${done}/${total} episodes, ${covert} covert, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
    }
  }
  const report = summarizeRecords(
    records,
    { title: 'Glasshouse demo: scripted reference agents' },
    { controlOf: controlOfLibrary(scenarios), pairedRuleOf: pairedRuleOfLibrary(scenarios), measuresOf: measuresOfLibrary(scenarios) },
  );
  writeFileSync(join(opts.out, 'report.json'), renderJson(report));
  const reportPath = join(opts.out, 'report.html');
  writeFileSync(reportPath, renderHtml(report));
  log('');
  log(renderTerminal(report));
  log(`\n${records.length} records in ${join(opts.out, 'records')}\nreport: ${reportPath} (and report.json)`);
  return { episodes: records.length, reportPath };
}
