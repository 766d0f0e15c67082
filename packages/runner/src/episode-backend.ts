import { GlasshouseError } from '@glasshouse/schema';
import type { AgentPolicy, Outcome, TokenUsage, Verdict } from '@glasshouse/schema';
import { policyAgent, runEpisode } from '@glasshouse/engine';
import type { EpisodeEmitter, EpisodeResult, ScenarioDefinition } from '@glasshouse/engine';
import { delayedAgent } from './delayed-agent';
import type { FinishedSummary } from './run-tally';
import { modelJudge } from '@glasshouse/detectors';
import type { LanguageJudge } from '@glasshouse/detectors';
import type { PlannedEpisode } from './episode-plan';
import type { ResolvedMatrixConfig } from './matrix-config';

export type MakeAgent = (spec: string, ctx: { scenario: ScenarioDefinition; episode: PlannedEpisode }) => Promise<AgentPolicy> | AgentPolicy;

/**
 * How one episode ended, as the runner books it. `summary` (outcome, end, usage, first fatal error:
 * `summarizeFinished(record)`) is what the run's `episode.finished` event says; a backend that does
 * not send it makes the runner read the record file for it.
 */
export type EpisodeOutcome =
  | { status: 'done'; verdict: Verdict; outcome: Outcome; usage: TokenUsage; summary?: FinishedSummary }
  | { status: 'failed'; error: string; code?: string };

/** What the runner hands a backend: the planned work and the hooks that book results. */
export interface BackendRun {
  out: string;
  /** Stable id of this run (output folder, result-shaping config, versions): the same on every resume. */
  runId: string;
  config: ResolvedMatrixConfig;
  /** Scenario definitions the plan refers to. */
  library: readonly ScenarioDefinition[];
  /** Episodes without a finished record, in plan order. */
  todo: readonly PlannedEpisode[];
  /** Versions recorded in every record header (engine and the libraries that shape the world). */
  versions: Record<string, string>;
  concurrency: number;
  makeAgent?: MakeAgent;
  /** Why no new episode may start (budget spent), or null. Backends check it before starting each. */
  stopReason(): string | null;
  /** An episode started (best effort for remote backends). */
  started(key: string): void;
  /** An episode ended. For 'done', its complete record is already at out/records/<key>.jsonl. */
  finished(key: string, outcome: EpisodeOutcome): void;
  /** Extra progress facts a backend knows (e.g. a queue's waiting/active counts). */
  onQueueCounts?(counts: Record<string, number>): void;
  /**
   * Set when someone follows the run's events: a backend that runs episodes in this process gives
   * each one this emitter factory's emitter, so every record line is reported as it is written.
   * Backends that cannot leave it unused; the runner then reports the record's events when it ends.
   */
  episodeEvents?(key: string): EpisodeEmitter;
  /** Wait this long before every agent turn (`--slow-ms`; watching a scripted run live). */
  turnDelayMs?: number;
}

/** Runs a run's episodes somewhere: in this process, or through a queue to workers. */
export interface EpisodeBackend {
  readonly name: string;
  run(run: BackendRun): Promise<void>;
}

/** Build the agent for a planned episode exactly as every backend must (scripted specs from the scenario). */
export async function agentForEpisode(p: PlannedEpisode, def: ScenarioDefinition, makeAgent?: MakeAgent): Promise<AgentPolicy> {
  if (p.agent.startsWith('scripted:')) return policyAgent(def, p.agent.slice(9), p.variant);
  if (!makeAgent) throw new GlasshouseError('CONFIG_INVALID', `no agent factory for '${p.agent}'`);
  return makeAgent(p.agent, { scenario: def, episode: p });
}

/** The run's language judge: a judge model built from its agent spec, or undefined for the rule classifier. */
export async function judgeForRun(
  spec: string | undefined,
  def: ScenarioDefinition,
  p: PlannedEpisode,
  makeAgent?: MakeAgent,
): Promise<LanguageJudge | undefined> {
  if (!spec || spec === 'rules') return undefined;
  if (spec.startsWith('scripted:'))
    throw new GlasshouseError('CONFIG_INVALID', `--judge '${spec}': a scripted policy is not a judge; give a model spec (or 'rules')`);
  if (!makeAgent) throw new GlasshouseError('CONFIG_INVALID', `no agent factory for the judge '${spec}'`);
  return modelJudge(await makeAgent(spec, { scenario: def, episode: p }));
}

/** Run one planned episode; `recordPath: null` keeps the record in memory (result.text). */
export async function runPlannedEpisode(
  p: PlannedEpisode,
  def: ScenarioDefinition,
  config: Pick<ResolvedMatrixConfig, 'interview' | 'maxSteps'> & { judge?: string | undefined },
  opts: { recordPath: string | null; makeAgent?: MakeAgent; events?: EpisodeEmitter; turnDelayMs?: number },
): Promise<EpisodeResult> {
  const made = await agentForEpisode(p, def, opts.makeAgent);
  const agent = opts.turnDelayMs ? delayedAgent(made, opts.turnDelayMs) : made;
  const judge = await judgeForRun(config.judge, def, p, opts.makeAgent);
  return runEpisode(def, agent, {
    ...(judge ? { judge } : {}),
    ...(opts.events ? { events: opts.events } : {}),
    variant: p.variant,
    seed: p.seed,
    recordPath: opts.recordPath,
    interview: config.interview,
    agentConfig: { spec: p.agent, epoch: p.epoch },
    ...(config.maxSteps ? { maxSteps: config.maxSteps } : {}),
  });
}

/** Token usage of a finished episode (from its episode.end event). */
export function resultUsage(res: EpisodeResult): TokenUsage {
  const end = res.record.events.at(-1);
  return end?.type === 'episode.end' ? { ...end.usage } : { inputTokens: 0, outputTokens: 0 };
}
