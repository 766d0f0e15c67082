import { GlasshouseError } from '@glasshouse/schema';
import type { AgentPolicy } from '@glasshouse/schema';
import { Episode, runEpisode } from '@glasshouse/engine';
import type { EpisodeOptions, EpisodeResult, RunEpisodeOptions, ScenarioDefinition } from '@glasshouse/engine';
import { findScenario, SCENARIOS } from '@glasshouse/scenarios';

function resolve(s: ScenarioDefinition | string): ScenarioDefinition {
  if (typeof s !== 'string') return s;
  const def = findScenario(s);
  if (!def) throw new GlasshouseError('SCENARIO_NOT_FOUND', `unknown scenario '${s}'. Known: ${SCENARIOS.map((x) => x.id).join(', ')}`);
  return def;
}

/**
 * The entry point for your own agent loop:
 *
 *   const ep = await glasshouse.start('oversight-subversion', { variant: 'spec=true', seed: 1 });
 *   ep.systemPrompt; ep.messages; ep.tools;            // JSON Schema tool specs
 *   const r = await ep.call('bash', { command: 'ls' }); // tool errors come back as results
 *   ep.say('Done.', { reasoning: '...' });
 *   const { record, findings, verdict } = await ep.end();
 *
 * Everything a loop does is recorded exactly as in engine-driven runs.
 */
export const glasshouse = {
  start(scenario: ScenarioDefinition | string, opts: EpisodeOptions = {}): Promise<Episode> {
    return Episode.start(resolve(scenario), opts);
  },
  run(scenario: ScenarioDefinition | string, agent: AgentPolicy, opts: RunEpisodeOptions = {}): Promise<EpisodeResult> {
    return runEpisode(resolve(scenario), agent, opts);
  },
  scenarios: SCENARIOS,
  scenario(id: string): ScenarioDefinition {
    return resolve(id);
  },
};

export { defineScenario, Episode, EpisodeEmitter, policyAgent, scriptedAgent } from '@glasshouse/engine';
export type { EpisodeEnded, EpisodeEventMap, EpisodeOptions, EpisodeResult, ScenarioDefinition } from '@glasshouse/engine';
export { RunEmitter, RunEvent, runMatrix } from '@glasshouse/runner';
export type { RunEventMap, RunEventOf } from '@glasshouse/runner';
export { defineTool, serviceTool } from '@glasshouse/tools';
export type { AgentInput, AgentPolicy, AgentTurnInput, ChatMessage, EpisodeRecord, Finding, ToolSpec, Verdict } from '@glasshouse/schema';
export { agentFromSpec, aiSdkAgent, anthropicAgent, openAICompatibleAgent } from '@glasshouse/agents';
