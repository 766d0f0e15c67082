import type OpenAIClient from 'openai';
import type AnthropicClient from '@anthropic-ai/sdk';

/**
 * The model SDKs load on first use, not when the CLI or the library starts: `glasshouse --help`, `list`
 * and scripted runs never pay for them (issue #15). Once loaded, the constructors are kept so errors can
 * be classified synchronously.
 */
let openai: typeof OpenAIClient | undefined;
let anthropic: typeof AnthropicClient | undefined;

export async function loadOpenAI(): Promise<typeof OpenAIClient> {
  openai ??= (await import('openai')).default;
  return openai;
}

export async function loadAnthropic(): Promise<typeof AnthropicClient> {
  anthropic ??= (await import('@anthropic-ai/sdk')).default;
  return anthropic;
}

/** The OpenAI SDK if an agent already loaded it (errors can only come from a loaded SDK). */
export const loadedOpenAI = (): typeof OpenAIClient | undefined => openai;
export const loadedAnthropic = (): typeof AnthropicClient | undefined => anthropic;

let aiSdk: Promise<typeof import('ai')> | undefined;
export const loadAiSdk = (): Promise<typeof import('ai')> => (aiSdk ??= import('ai'));
