import { SCENARIOS } from '@glasshouse/scenarios';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { agentFromSpec, createProviderLimiter } from '@glasshouse/agents';
import type { MakeAgent } from '@glasshouse/runner';
import { loadScenarioFiles } from './scenario-catalog';

/**
 * What a `glasshouse run` worker process loads: the library plus any scenario files the command
 * named, and model agents built from spec strings exactly as the CLI builds them (each worker has
 * its own per-provider request limiter).
 */
export async function setup(args: { scenarioFiles?: string[] } | null): Promise<{ library: readonly ScenarioDefinition[]; makeAgent: MakeAgent }> {
  const extra = await loadScenarioFiles(args?.scenarioFiles ?? []);
  const limiter = createProviderLimiter({ maxConcurrent: Number(process.env.GLASSHOUSE_MAX_CONCURRENT_REQUESTS ?? 4) });
  return { library: [...extra, ...SCENARIOS], makeAgent: (spec) => agentFromSpec(spec, { limiter }) };
}
