import type { TokenUsage } from './agent';

/** The empty usage total. */
export const ZERO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0 };

/**
 * Add one turn's token usage to a running total. Optional fields (reasoning tokens, cost) appear
 * in the sum only once either side has them, so records without them stay byte-identical.
 */
export function addUsage(total: TokenUsage, u: TokenUsage): TokenUsage {
  return {
    inputTokens: total.inputTokens + u.inputTokens,
    outputTokens: total.outputTokens + u.outputTokens,
    ...(u.reasoningTokens !== undefined || total.reasoningTokens !== undefined
      ? { reasoningTokens: (total.reasoningTokens ?? 0) + (u.reasoningTokens ?? 0) }
      : {}),
    ...(u.costUsd !== undefined || total.costUsd !== undefined ? { costUsd: (total.costUsd ?? 0) + (u.costUsd ?? 0) } : {}),
  };
}
