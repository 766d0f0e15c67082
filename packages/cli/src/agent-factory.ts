import { agentFromSpec, createProviderLimiter, loadPriceTable } from '@glasshouse/agents';
import type { RetryOptions } from '@glasshouse/agents';

type RetryInfo = Parameters<NonNullable<RetryOptions['onRetry']>>[0];
import type { AgentPolicy } from '@glasshouse/schema';

export type CliMakeAgent = (spec: string) => Promise<AgentPolicy>;

/**
 * How the CLI turns agent spec strings into model agents: keys from this process's environment, one
 * per-provider request limiter per process (GLASSHOUSE_MAX_CONCURRENT_REQUESTS, default 4). `glasshouse
 * run` and `glasshouse worker` both use it, so a queued episode gets exactly the agent a local one would.
 */
export function cliAgentFactory(opts: { env?: NodeJS.ProcessEnv; onRetry?: (spec: string, info: RetryInfo) => void } = {}): CliMakeAgent {
  const env = opts.env ?? process.env;
  const limiter = createProviderLimiter({ maxConcurrent: Number(env.GLASSHOUSE_MAX_CONCURRENT_REQUESTS ?? 4) });
  const onRetry = opts.onRetry;
  // Model prices for costUsd (and --budget-usd): defaults, overlaid with GLASSHOUSE_PRICES=<file.json>.
  const prices = loadPriceTable(env.GLASSHOUSE_PRICES);
  return async (spec: string) =>
    agentFromSpec(spec, { limiter, env, prices, ...(onRetry ? { retry: { onRetry: (info: RetryInfo) => onRetry(spec, info) } } : {}) });
}
