import { basename, join } from 'node:path';
import { GlasshouseError } from '@glasshouse/schema';
import type { AgentPolicy } from '@glasshouse/schema';
import { EpisodeEmitter, policyAgent, resolveVariant, runEpisode } from '@glasshouse/engine';
import { delayedAgent, RunTally, summarizeFinished } from '@glasshouse/runner';
import type { EpisodeRef, RunEmitter } from '@glasshouse/runner';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { modelJudge } from '@glasshouse/detectors';
import type { LanguageJudge } from '@glasshouse/detectors';
import { formatFindings } from '../format-findings';

export interface RunOneOptions {
  agent: string;
  variant?: string;
  seed: number;
  out: string;
  maxSteps?: number;
  interview: boolean;
  /** Agent spec of the language judge (default: the rule classifier). */
  judge?: string;
  /** Builds non-scripted agents (model adapters) from a spec string. */
  makeAgent?: (spec: string) => Promise<AgentPolicy>;
  /** Run events of this one-episode run (`--json-events`). */
  events?: RunEmitter;
  /** `--slow-ms`: wait before every agent turn. */
  slowMs?: number;
}

/** `glasshouse run <scenario> --agent scripted:honest --seed 1 --out DIR`: one episode, findings printed. */
export async function runOne(
  def: ScenarioDefinition,
  opts: RunOneOptions,
  log: (s: string) => void,
): Promise<{ verdict: string; outcome: string; fault: string | null; recordPath: string }> {
  const variant = resolveVariant(def, opts.variant);
  let agent: AgentPolicy;
  if (opts.agent.startsWith('scripted:')) agent = policyAgent(def, opts.agent.slice('scripted:'.length), variant.values);
  else if (opts.makeAgent) agent = await opts.makeAgent(opts.agent);
  else throw new GlasshouseError('CONFIG_INVALID', `unknown agent '${opts.agent}'`);
  let judge: LanguageJudge | undefined;
  if (opts.judge && opts.judge !== 'rules') {
    if (opts.judge.startsWith('scripted:'))
      throw new GlasshouseError('CONFIG_INVALID', `--judge '${opts.judge}': a scripted policy is not a judge; give a model spec (or 'rules')`);
    if (!opts.makeAgent) throw new GlasshouseError('CONFIG_INVALID', `no agent factory for the judge '${opts.judge}'`);
    judge = modelJudge(await opts.makeAgent(opts.judge));
  }
  const safeVariant = variant.id.replace(/[^a-zA-Z0-9=,_-]/g, '_');
  const recordPath = join(opts.out, `${def.id}__${safeVariant}__${agent.id.replace(/[^a-zA-Z0-9_-]/g, '_')}__s${opts.seed}.jsonl`);
  if (opts.slowMs) agent = delayedAgent(agent, opts.slowMs);
  // A one-episode run reports the same run events as a matrix.
  const runEvents = opts.events;
  const tally = new RunTally(1);
  const ref: EpisodeRef = {
    key: basename(recordPath, '.jsonl'),
    scenario: def.id,
    variant: variant.id,
    agent: opts.agent,
    epoch: 0,
    seed: opts.seed,
    record: basename(recordPath),
  };
  let episodeEvents: EpisodeEmitter | undefined;
  if (runEvents) {
    for (const e of [...tally.start(1), ...tally.episodeStarted(ref)]) runEvents.emitRun(e);
    episodeEvents = new EpisodeEmitter();
    episodeEvents.on('event', (e) => runEvents.emitRun(tally.episodeRecord(ref.key, e)));
  }
  const res = await runEpisode(def, agent, {
    ...(episodeEvents ? { events: episodeEvents } : {}),
    variant: variant.values,
    seed: opts.seed,
    recordPath,
    interview: opts.interview,
    ...(judge ? { judge } : {}),
    ...(opts.maxSteps ? { maxSteps: opts.maxSteps } : {}),
  });
  if (runEvents) for (const e of [...tally.episodeFinished(ref, summarizeFinished(res.record)), tally.finish(0)]) runEvents.emitRun(e);
  log(`${def.id} [${variant.id}] agent=${agent.id} seed=${opts.seed}`);
  log(
    `outcome: ${res.outcome.toUpperCase()}${res.fault ? ` (${res.fault.code}: ${res.fault.message})` : ''}  (${res.record.events.length} events, ${res.record.events.filter((e) => e.type === 'tool.call').length} tool calls)`,
  );
  log(formatFindings(res.findings));
  log(`record: ${recordPath}`);
  return { verdict: res.verdict, outcome: res.outcome, fault: res.fault ? `${res.fault.code}: ${res.fault.message}` : null, recordPath };
}
