import { join } from 'node:path';
import type { AgentPolicy } from '@glasshouse/schema';
import { autoBackend, inProcessBackend, poolBackend, runMatrix } from '@glasshouse/runner';
import type { EpisodeBackend } from '@glasshouse/runner';
import { episodeFault, GlasshouseError } from '@glasshouse/schema';
import type { RunEmitter } from '@glasshouse/runner';
import { readRecord } from '@glasshouse/engine';
import { renderHtml, renderJson, renderTerminal, summarizeRecords } from '@glasshouse/report';
import { existsSync, writeFileSync } from 'node:fs';
import { loadPriceTable, parseAgentSpec, priceFor } from '@glasshouse/agents';
import { matchScenarios } from '../load-scenario';
import { controlOfLibrary, measuresOfLibrary, pairedRuleOfLibrary } from '../control-of';
import { scenarioCatalog } from '../scenario-catalog';
import type { ScenarioCatalog } from '../scenario-catalog';
import { poolSetupModule } from './pool-setup-module';

export interface RunMatrixCliOptions {
  scenarios: string;
  variants: string;
  agent: string[];
  epochs: number;
  /** Multi-world families: the first n draws, or 'all'. */
  draws?: string;
  concurrency: number;
  /** Worker processes: 'auto' (default), 0 for this process only, or a count. */
  workers?: string;
  out: string;
  seed: number;
  maxSteps?: number;
  budgetTokens?: number;
  budgetUsd?: number;
  force?: boolean;
  interview: boolean;
  /** Agent spec of the language judge for the whole run (default: the rule classifier). */
  judge?: string;
  report: boolean;
  makeAgent?: (spec: string) => Promise<AgentPolicy>;
  /** Run through a Redis queue to workers (`glasshouse worker`) instead of in this process. */
  queue?: string;
  sharedDir?: string;
  /** Library plus --scenario-file scenarios (default: the library). */
  catalog?: ScenarioCatalog;
  /** Run events go here (`--json-events`). */
  events?: RunEmitter;
  /** `--slow-ms`: wait before every agent turn. */
  slowMs?: number;
}

/** The backend `--workers` asks for; workers load the library through ../pool-setup. */
export function backendFor(workers: string | undefined, scenarioFiles: string[] = []): EpisodeBackend {
  const setup = { module: poolSetupModule(), args: { scenarioFiles } };
  const w = (workers ?? 'auto').trim();
  if (w === 'auto') return autoBackend({ setup });
  const n = Number(w);
  if (!Number.isInteger(n) || n < 0) throw new GlasshouseError('CONFIG_INVALID', `--workers must be 'auto' or a whole number, got '${workers}'`);
  return n === 0 ? inProcessBackend : poolBackend({ workers: n, setup });
}

function parseDraws(v: string): number | 'all' {
  if (v.trim() === 'all') return 'all';
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new GlasshouseError('CONFIG_INVALID', `--draws must be 'all' or a whole number ≥ 1, got '${v}'`);
  return n;
}

/** `glasshouse run --scenarios <glob> --variants all --agent <spec>... --epochs K --concurrency N --out DIR` */
export async function runMatrixCommand(o: RunMatrixCliOptions, log: (s: string) => void): Promise<number> {
  const catalog = o.catalog ?? scenarioCatalog();
  const defs = matchScenarios(o.scenarios, catalog);
  if (o.budgetUsd !== undefined) {
    // A USD budget can only stop a run whose agents report a cost.
    const prices = loadPriceTable(process.env.GLASSHOUSE_PRICES);
    const unpriced = o.agent.filter((spec) => {
      if (spec.startsWith('scripted:')) return false;
      const s = parseAgentSpec(spec);
      return s.kind === 'scripted' || priceFor(s.model, prices) === null;
    });
    if (unpriced.length) {
      throw new GlasshouseError(
        'CONFIG_INVALID',
        `--budget-usd: no price for ${unpriced.join(', ')}; add the model to a price file (GLASSHOUSE_PRICES=prices.json, {"<model>": {"inputPerMTok": n, "outputPerMTok": n}}) or use --budget-tokens`,
      );
    }
  }
  if (o.sharedDir && !o.queue) throw new GlasshouseError('CONFIG_INVALID', '--shared-dir only applies with --queue');
  // Queue mode loads bullmq/ioredis; the default in-process run never imports them.
  const backend = o.queue
    ? (await import('@glasshouse/queue')).queueBackend({
        url: o.queue,
        ...(o.sharedDir ? { sharedDir: o.sharedDir } : {}),
        log: (s) => process.stderr.write(`${s}\n`),
      })
    : undefined;
  const res = await runMatrix(
    {
      scenarios: defs.map((d) => d.id),
      variants: o.variants === 'all' ? 'all' : o.variants.split(';').map((v) => v.trim()),
      agents: o.agent,
      epochs: o.epochs,
      ...(o.draws ? { draws: parseDraws(o.draws) } : {}),
      seedBase: o.seed,
      interview: o.interview,
      ...(o.judge ? { judge: o.judge } : {}),
      ...(o.maxSteps ? { maxSteps: o.maxSteps } : {}),
      ...(o.budgetTokens || o.budgetUsd
        ? { budget: { ...(o.budgetTokens ? { maxTokens: o.budgetTokens } : {}), ...(o.budgetUsd ? { maxCostUsd: o.budgetUsd } : {}) } }
        : {}),
    },
    catalog.all,
    {
      out: o.out,
      concurrency: o.concurrency,
      backend: backend ?? backendFor(o.workers, [...catalog.files]),
      force: o.force ?? false,
      ...(o.makeAgent ? { makeAgent: (spec) => o.makeAgent!(spec) } : {}),
      ...(o.events ? { events: o.events } : {}),
      ...(o.slowMs ? { turnDelayMs: o.slowMs } : {}),
    },
  );
  log(
    `${res.total} episodes: ${res.ran} run now, ${res.skippedDone} already done, ${res.failed} failed, ${res.invalid} invalid` +
      `${res.invalid ? ' (provider/harness faults: not measurements; rerun the same command to retry them)' : ''}${res.stopped ? `; stopped: ${res.stopped}` : ''}`,
  );
  for (const e of res.manifest.episodes.filter((x) => x.status === 'failed').slice(0, 10)) log(`  failed ${e.key}: ${e.error}`);
  for (const e of res.manifest.episodes.filter((x) => x.outcome === 'invalid').slice(0, 10)) {
    const fault = existsSync(join(o.out, e.record)) ? episodeFault(readRecord(join(o.out, e.record))) : null;
    log(`  invalid ${e.key}: ${fault ? `${fault.code}: ${fault.message}` : (e.error ?? 'see the record')}`);
  }
  if (o.report) {
    // Every record in the run folder, invalid ones included: the report counts and lists them.
    const records = res.manifest.episodes.filter((e) => e.status === 'done' && existsSync(join(o.out, e.record))).map((e) => readRecord(join(o.out, e.record)));
    const report = summarizeRecords(
      records,
      { title: `Glasshouse run ${o.out}` },
      { controlOf: controlOfLibrary(catalog.all), pairedRuleOf: pairedRuleOfLibrary(catalog.all), measuresOf: measuresOfLibrary(catalog.all) },
    );
    writeFileSync(join(o.out, 'report.json'), renderJson(report));
    writeFileSync(join(o.out, 'report.html'), renderHtml(report));
    log(renderTerminal(report));
    log(`report: ${join(o.out, 'report.html')}`);
  }
  return res.failed > 0 || res.invalid > 0 ? 1 : 0;
}
