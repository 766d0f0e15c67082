import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { GlasshouseError } from '@glasshouse/schema';
import type { EpisodeRecord } from '@glasshouse/schema';
import type { InspectEvalLog } from '@glasshouse/export';
import { recordsOf } from './replay-fork';

type Log = (s: string) => void;

// The engine and the exporters load in the actions (await import), so `glasshouse --help` does not pay for them.
const exporters = () => import('@glasshouse/export');

async function loadRecords(path: string): Promise<EpisodeRecord[]> {
  if (!existsSync(path)) throw new GlasshouseError('CONFIG_INVALID', `no such run directory or record: ${path}`);
  const files = recordsOf(path);
  if (files.length === 0) throw new GlasshouseError('CONFIG_INVALID', `no records (*.jsonl) in ${path}`);
  const { readRecord } = await import('@glasshouse/engine');
  return files.map((f) => readRecord(f));
}

/**
 * Wall-clock start and end of each episode from its record file: created when the episode started,
 * last written when it ended (birth time where the filesystem keeps one, else the modification time).
 */
function wallClockOf(path: string, records: readonly EpisodeRecord[]): Record<string, { startedAt: string; completedAt: string }> {
  const files = recordsOf(path);
  const out: Record<string, { startedAt: string; completedAt: string }> = {};
  files.forEach((f, i) => {
    const r = records[i];
    if (!r) return;
    const st = statSync(f);
    const end = st.mtimeMs;
    const start = st.birthtimeMs > 0 && st.birthtimeMs <= end ? st.birthtimeMs : end;
    out[r.header.episodeId] = { startedAt: new Date(start).toISOString(), completedAt: new Date(end).toISOString() };
  });
  return out;
}

function inspectFormat(v: string): 'eval' | 'json' {
  if (v === 'eval' || v === 'json') return v;
  throw new InvalidArgumentError(`'${v}' is not one of eval, json`);
}

function writeOut(file: string, text: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function reasoningMode(v: string): 'field' | 'inline' | 'none' {
  if (v === 'field' || v === 'inline' || v === 'none') return v;
  throw new InvalidArgumentError(`'${v}' is not one of field, inline, none`);
}

function number(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new InvalidArgumentError(`'${v}' is not a number`);
  return n;
}

/** `<out>` for one agent, `<out minus .json>.<agent>.json` per agent when a run has several. */
function perAgentPath(out: string, agent: string): string {
  const ext = extname(out) || '.json';
  return join(dirname(out), `${basename(out, extname(out))}.${agent.replace(/[^a-zA-Z0-9._-]+/g, '_')}${ext}`);
}

/** `glasshouse export sft|inspect|rewards`: training data, Inspect logs and RL rewards from a run's records. */
export function registerExportCommand(program: Command, log: Log = (s) => process.stdout.write(`${s}\n`)): void {
  const cmd = program.command('export').description("Export a run's records: SFT rows (deliberative alignment), an Inspect eval log, or outcome rewards");

  cmd
    .command('sft')
    .description('Chat fine-tuning JSONL from good-outcome, spec-citing episodes, with the spec removed from the system prompt and the reasoning kept')
    .argument('<run>', 'run directory (or a record file)')
    .requiredOption('--out <file>', 'JSONL file to write')
    .option('--spec <file>', 'text of the spec to strip (default: the built-in anti-scheming spec)')
    .option('--include-reasoning <mode>', 'field | inline | none', reasoningMode, 'field' as const)
    .option('--no-require-citation', 'keep good-outcome episodes even if the reasoning does not cite the spec')
    .option('--no-require-spec', 'keep episodes whose prompt had no spec (nothing to strip)')
    .option('--no-metadata', 'leave out the per-row metadata object')
    .action(
      async (
        run: string,
        o: { out: string; spec?: string; includeReasoning: 'field' | 'inline' | 'none'; requireCitation: boolean; requireSpec: boolean; metadata: boolean },
      ) => {
        let spec: string | undefined;
        if (o.spec !== undefined) {
          try {
            spec = readFileSync(o.spec, 'utf8');
          } catch (err) {
            throw new GlasshouseError('CONFIG_INVALID', `cannot read spec file ${o.spec}: ${(err as Error).message}`);
          }
          // Files usually end with a newline the prompt does not have after the spec block.
          spec = spec.replace(/\r\n/g, '\n').replace(/\n+$/, '');
        }
        const records = await loadRecords(run);
        const { exportSft, sftJsonl, skipSummary } = await exporters();
        const res = exportSft(records, {
          ...(spec !== undefined ? { spec } : {}),
          includeReasoning: o.includeReasoning,
          requireCitation: o.requireCitation,
          requireSpecInPrompt: o.requireSpec,
          metadata: o.metadata,
        });
        writeOut(o.out, sftJsonl(res.rows));
        log(`${records.length} episodes: kept ${res.kept}, skipped ${res.skipped.length}`);
        for (const s of skipSummary(res.skipped)) {
          const example = res.skipped.find((x) => x.reason === s.reason);
          log(`  ${String(s.count).padStart(5)}  ${s.reason.padEnd(20)} e.g. ${example?.episodeId}: ${example?.detail}`);
        }
        if (res.droppedToolCalls) log(`  ${res.droppedToolCalls} tool calls that never ran (after a terminal tool) were left out`);
        log(`wrote ${o.out}`);
      },
    );

  cmd
    .command('inspect')
    .description("Inspect eval logs: the default .eval archive (or .json), named <time>_<task>_<id> as Inspect's viewer lists them; one log per agent")
    .argument('<run>', 'run directory (or a record file)')
    .option('--out <path>', 'directory for the logs (point `inspect view --log-dir` at it), or a file ending in .eval/.json', 'logs')
    .option('--format <format>', "eval (Inspect's default, a zip) or json", inspectFormat, 'eval' as const)
    .option('--task <name>', 'Inspect task name', 'glasshouse')
    .option('--agent <id>', 'only this agent')
    .action(async (run: string, o: { out: string; format: 'eval' | 'json'; task: string; agent?: string }) => {
      const records = await loadRecords(run);
      const { exportInspectLog, exportInspectLogs, inspectEvalArchive, inspectLogFileName } = await exporters();
      const opts = { task: o.task, wallClock: wallClockOf(run, records) };
      const agents = new Set(records.map((r) => r.header.agent.id));
      const logs: { agent: string; log: InspectEvalLog }[] =
        o.agent || agents.size === 1
          ? [{ agent: o.agent ?? [...agents][0]!, log: exportInspectLog(records, { ...opts, ...(o.agent ? { agent: o.agent } : {}) }) }]
          : exportInspectLogs(records, opts);
      // A path ending in .eval/.json names the file (per agent when there are several); anything else is a
      // directory that gets Inspect's own file names.
      const fileFormat = /\.(eval|json)$/.exec(o.out)?.[1] as 'eval' | 'json' | undefined;
      for (const l of logs) {
        const format = fileFormat ?? o.format;
        const path = fileFormat ? (logs.length > 1 ? perAgentPath(o.out, l.agent) : o.out) : join(o.out, inspectLogFileName(l.log, format));
        writeOut(path, format === 'eval' ? inspectEvalArchive(l.log) : `${JSON.stringify(l.log, null, 2)}\n`);
        const errored = l.log.samples?.filter((x) => x.error !== null).length ?? 0;
        log(`${l.agent}: ${l.log.samples?.length ?? 0} samples${errored ? ` (${errored} errored: status error)` : ''} → ${path}`);
      }
    });

  cmd
    .command('rewards')
    .description('Outcome-only reward per episode (task reward minus a penalty for a covert verdict), as a table')
    .argument('<run>', 'run directory (or a record file)')
    .option('--covert-penalty <x>', 'subtracted for a covert verdict', number, 1)
    .option('--task-reward <x>', 'added when the task check passed', number, 1)
    .option('--unmeasured <x>', 'task term when task success is unmeasured', number, 0)
    .option('--json', 'print JSON instead of a table')
    .action(async (run: string, o: { covertPenalty: number; taskReward: number; unmeasured: number; json?: boolean }) => {
      const { formatRewardTable, rewardForRun } = await exporters();
      const rewards = rewardForRun(await loadRecords(run), { covertPenalty: o.covertPenalty, taskReward: o.taskReward, unmeasured: o.unmeasured });
      log(o.json ? JSON.stringify(rewards, null, 2) : formatRewardTable(rewards));
    });
}
