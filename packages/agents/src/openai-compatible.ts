import type OpenAI from 'openai';
import { z } from 'zod';
import { GlasshouseError } from '@glasshouse/schema';
import type { AgentInput, AgentPolicy, AgentTurnInput, ChatMessage, ToolSpec } from '@glasshouse/schema';
import { retryAfterMs, withRetry } from './retry';
import type { ProviderFailure, RetryOptions } from './retry';
import type { ProviderLimiter } from './provider-limiter';
import { priceFor, pricedUsage } from './model-prices';
import type { PriceTable } from './model-prices';
import { loadedOpenAI, loadOpenAI } from './lazy-sdk';

export const OpenAICompatibleConfig = z.strictObject({
  /** e.g. http://127.0.0.1:8000/v1 (vLLM), http://127.0.0.1:11434/v1 (Ollama), https://openrouter.ai/api/v1 */
  baseURL: z.string().url().optional(),
  model: z.string().min(1),
  apiKey: z.string().optional(),
  /** Environment variable holding the key (default OPENAI_API_KEY); local servers accept any key. */
  apiKeyEnv: z.string().default('OPENAI_API_KEY'),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().optional(),
  stream: z.boolean().default(false),
  timeoutMs: z.number().int().positive().default(120_000),
  maxRetries: z.number().int().min(0).default(4),
  extraBody: z.record(z.string(), z.unknown()).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /**
   * How this server continues a final assistant message (needed for `continueFrom`, the reasoning
   * intervention): `vllm` and `sglang` get `continue_final_message: true, add_generation_prompt: false`
   * in the body; `llama.cpp` continues a trailing assistant message by itself. Unset: the adapter
   * refuses to continue a prefix (the OpenAI API cannot).
   */
  prefill: z.enum(['vllm', 'sglang', 'llama.cpp']).optional(),
  /** How reasoning is written into an assistant message the model should see: opening and closing think tags. */
  thinkTags: z.tuple([z.string(), z.string()]).default(['<think>\n', '\n</think>\n\n']),
  /** Resend earlier turns' reasoning (wrapped in `thinkTags` before the content, or as a `reasoning_content` field); default: not sent. */
  sendReasoning: z.enum(['none', 'think-tags', 'field']).default('none'),
});
export type OpenAICompatibleConfig = z.input<typeof OpenAICompatibleConfig>;

type OAIMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam;

export function toOpenAIMessages(
  systemPrompt: string,
  messages: readonly ChatMessage[],
  reasoning: { send: 'none' | 'think-tags' | 'field'; thinkTags?: readonly [string, string] } = { send: 'none' },
): OAIMessage[] {
  const out: OAIMessage[] = [{ role: 'system', content: systemPrompt }];
  const [open, close] = reasoning.thinkTags ?? ['<think>\n', '\n</think>\n\n'];
  for (const m of messages) {
    if (m.role === 'user') out.push({ role: 'user', content: m.content });
    else if (m.role === 'tool') out.push({ role: 'tool', tool_call_id: m.toolCallId, content: m.content });
    else
      out.push({
        role: 'assistant',
        content: (reasoning.send === 'think-tags' && m.reasoning ? `${open}${m.reasoning}${close}${m.content}` : m.content) || null,
        ...(reasoning.send === 'field' && m.reasoning ? { reasoning_content: m.reasoning } : {}),
        ...(m.toolCalls.length
          ? {
              tool_calls: m.toolCalls.map((c) => ({
                id: c.id,
                type: 'function' as const,
                function: { name: c.name, arguments: typeof c.args === 'string' ? c.args : JSON.stringify(c.args ?? {}) },
              })),
            }
          : {}),
      });
  }
  return out;
}

export function toOpenAITools(tools: readonly ToolSpec[]): OpenAI.Chat.Completions.ChatCompletionTool[] {
  return tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.inputSchema } }));
}

/** Arguments as the model sent them: parsed JSON, or the raw string when it does not parse (the engine reports it). */
function parseArgs(raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function classify(err: unknown): ProviderFailure {
  const sdk = loadedOpenAI();
  if (sdk && err instanceof sdk.APIError) {
    const headers = err.headers as Headers | Record<string, string> | undefined;
    const ra = headers
      ? typeof (headers as Headers).get === 'function'
        ? (headers as Headers).get('retry-after')
        : (headers as Record<string, string>)['retry-after']
      : undefined;
    const body = err.error as { message?: string; error?: { message?: string } } | undefined;
    const message = body?.message ?? body?.error?.message ?? err.message;
    const retryAfter = retryAfterMs(ra);
    return { status: err.status ?? null, message, ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}) };
  }
  return { status: null, message: err instanceof Error ? err.message : String(err) };
}

type ReasoningFields = { reasoning_content?: string | null; reasoning?: string | null };

/**
 * An agent backed by any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, llama.cpp,
 * Ollama, OpenRouter). Captures `reasoning_content`/`reasoning` when the server returns it.
 */
export function openAICompatibleAgent(
  configInput: OpenAICompatibleConfig,
  deps: { limiter?: ProviderLimiter; retry?: RetryOptions; env?: NodeJS.ProcessEnv; prices?: PriceTable } = {},
): AgentPolicy {
  const parsed = OpenAICompatibleConfig.safeParse(configInput);
  if (!parsed.success)
    throw new GlasshouseError('CONFIG_INVALID', `openai-compatible agent: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const cfg = parsed.data;
  const env = deps.env ?? process.env;
  const apiKey = cfg.apiKey ?? env[cfg.apiKeyEnv] ?? (cfg.baseURL ? 'none' : undefined);
  if (!apiKey) throw new GlasshouseError('CONFIG_INVALID', `openai-compatible agent: no API key (set ${cfg.apiKeyEnv} or pass apiKey)`);
  let client: OpenAI | undefined;
  const clientOf = async (): Promise<OpenAI> => {
    const OpenAISdk = await loadOpenAI();
    client ??= new OpenAISdk({
      apiKey,
      ...(cfg.baseURL ? { baseURL: cfg.baseURL } : {}),
      timeout: cfg.timeoutMs,
      maxRetries: 0,
      ...(cfg.headers ? { defaultHeaders: cfg.headers } : {}),
    });
    return client;
  };
  const label = `openai-compatible ${cfg.model}${cfg.baseURL ? ` @ ${cfg.baseURL}` : ''}`;
  const key = `${cfg.baseURL ?? 'openai'}#${cfg.model}`;

  const price = priceFor(cfg.model, deps.prices);
  const [thinkOpen, thinkClose] = cfg.thinkTags;

  const request = async (input: AgentInput, prefix?: string): Promise<AgentTurnInput> => {
    const messages = toOpenAIMessages(input.systemPrompt, input.messages, { send: cfg.sendReasoning, thinkTags: cfg.thinkTags });
    // The edited reasoning as an unfinished assistant message: the server continues it.
    if (prefix !== undefined) messages.push({ role: 'assistant', content: `${thinkOpen}${prefix}` });
    const body = {
      model: cfg.model,
      messages,
      ...(input.tools.length ? { tools: toOpenAITools(input.tools) } : {}),
      ...(cfg.temperature !== undefined ? { temperature: cfg.temperature } : {}),
      ...(cfg.maxTokens !== undefined ? { max_tokens: cfg.maxTokens } : {}),
      ...(prefix !== undefined && (cfg.prefill === 'vllm' || cfg.prefill === 'sglang') ? { continue_final_message: true, add_generation_prompt: false } : {}),
      ...(cfg.extraBody ?? {}),
    };
    const opts = input.signal ? { signal: input.signal } : {};
    if (!cfg.stream) {
      const res = await (await clientOf()).chat.completions.create(
        { ...body, stream: false } as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming,
        opts,
      );
      const choice = res.choices[0];
      if (!choice) throw new GlasshouseError('AGENT_OUTPUT_INVALID', `${label}: response has no choices`);
      const msg = choice.message as OpenAI.Chat.Completions.ChatCompletionMessage & ReasoningFields;
      const reasoning = msg.reasoning_content ?? msg.reasoning ?? undefined;
      return {
        text: msg.content ?? '',
        ...(reasoning ? { reasoning } : {}),
        toolCalls: (msg.tool_calls ?? []).flatMap((c) =>
          c.type === 'function' ? [{ id: c.id, name: c.function.name, args: parseArgs(c.function.arguments) }] : [],
        ),
        ...(res.usage
          ? {
              usage: {
                inputTokens: res.usage.prompt_tokens,
                outputTokens: res.usage.completion_tokens,
                ...(res.usage.completion_tokens_details?.reasoning_tokens ? { reasoningTokens: res.usage.completion_tokens_details.reasoning_tokens } : {}),
              },
            }
          : {}),
        meta: { model: res.model, finishReason: choice.finish_reason },
      };
    }
    const stream = await (await clientOf()).chat.completions.create(
      { ...body, stream: true, stream_options: { include_usage: true } } as OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming,
      opts,
    );
    let text = '';
    let reasoning = '';
    let model = cfg.model;
    let finish: string | null = null;
    let usage: AgentTurnInput['usage'];
    const calls: { id?: string; name: string; args: string }[] = [];
    for await (const chunk of stream) {
      model = chunk.model || model;
      if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
      const choice = chunk.choices[0];
      if (!choice) continue;
      const delta = choice.delta as typeof choice.delta & ReasoningFields;
      text += delta.content ?? '';
      reasoning += delta.reasoning_content ?? delta.reasoning ?? '';
      for (const tc of delta.tool_calls ?? []) {
        const slot = (calls[tc.index] ??= { name: '', args: '' });
        if (tc.id) slot.id = tc.id;
        if (tc.function?.name) slot.name += tc.function.name;
        if (tc.function?.arguments) slot.args += tc.function.arguments;
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
    return {
      text,
      ...(reasoning ? { reasoning } : {}),
      toolCalls: calls.filter(Boolean).map((c) => ({ ...(c.id ? { id: c.id } : {}), name: c.name, args: parseArgs(c.args) })),
      ...(usage ? { usage } : {}),
      meta: { model, finishReason: finish },
    };
  };

  const priced = (t: AgentTurnInput): AgentTurnInput =>
    t.usage
      ? {
          ...t,
          usage: pricedUsage(
            {
              inputTokens: t.usage.inputTokens ?? 0,
              outputTokens: t.usage.outputTokens ?? 0,
              ...(t.usage.reasoningTokens !== undefined ? { reasoningTokens: t.usage.reasoningTokens } : {}),
            },
            price,
          ),
        }
      : t;
  const call = (input: AgentInput, prefix?: string): Promise<AgentTurnInput> => {
    const go = () => withRetry(label, () => request(input, prefix), classify, { maxRetries: cfg.maxRetries, ...deps.retry });
    return (deps.limiter ? deps.limiter.run(key, go) : go()).then(priced);
  };

  /**
   * The continuation of `prefix`: reasoning the server split out (reasoning_content) or the text up to
   * the closing think tag continues the prefix; what follows is the turn's text; tool calls as parsed.
   */
  const continued = (turn: AgentTurnInput, prefix: string): AgentTurnInput => {
    let more = turn.reasoning ?? '';
    let text = turn.text ?? '';
    const close = thinkClose.trim();
    const at = close ? text.indexOf(close) : -1;
    if (!more && at >= 0) {
      more = text.slice(0, at);
      text = text.slice(at + close.length).replace(/^\s+/, '');
    }
    return {
      ...turn,
      text,
      reasoning: `${prefix}${more}`,
      meta: { ...(turn.meta ?? {}), continuedFrom: { prefixChars: prefix.length, prefill: cfg.prefill } },
    };
  };

  return {
    id: `openai-compatible:${cfg.model}`,
    next: (input) => call(input),
    ...(cfg.prefill ? { continueFrom: async (input: AgentInput, p: { reasoning: string }) => continued(await call(input, p.reasoning), p.reasoning) } : {}),
  };
}
