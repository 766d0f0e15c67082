export { isRetryable, retryAfterMs, withRetry } from './retry';
export type { ProviderFailure, RetryOptions } from './retry';
export { createProviderLimiter } from './provider-limiter';
export type { ProviderLimiter } from './provider-limiter';
export { OpenAICompatibleConfig, openAICompatibleAgent, toOpenAIMessages, toOpenAITools } from './openai-compatible';
export { AnthropicConfig, anthropicAgent, toAnthropicMessages, toAnthropicTools } from './anthropic';
export { aiSdkAgent, toModelMessages } from './ai-sdk';
export { agentFromSpec, parseAgentSpec } from './agent-spec';
export type { AgentSpec } from './agent-spec';
