export { isRetryable, retryAfterMs, withRetry } from './retry';
export type { ProviderFailure, RetryOptions } from './retry';
export { createProviderLimiter } from './provider-limiter';
export type { ProviderLimiter } from './provider-limiter';
export { OpenAICompatibleConfig, openAICompatibleAgent, toOpenAIMessages, toOpenAITools } from './openai-compatible';
