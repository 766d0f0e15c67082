import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import { GlasshouseError } from '@glasshouse/schema';
import type { AgentInput, AgentPolicy, AgentTurnInput, ChatMessage, ToolSpec } from '@glasshouse/schema';
import { retryAfterMs, withRetry } from './retry';
import type { ProviderFailure, RetryOptions } from './retry';
import type { ProviderLimiter } from './provider-limiter';
import { priceFor, pricedUsage } from './model-prices';
import type { PriceTable } from './model-prices';
import { loadAnthropic, loadedAnthropic } from './lazy-sdk';

export const AnthropicConfig = z.strictObject({
  baseURL: z.string().url().optional(),
  model: z.string().min(1),
  apiKey: z.string().optional(),
  apiKeyEnv: z.string().default('ANTHROPIC_API_KEY'),
  maxTokens: z.number().int().positive().default(4096),
  /** Extended thinking; the thinking text is recorded as reasoning. */
  thinking: z.strictObject({ budgetTokens: z.number().int().min(1024) }).optional(),
  temperature: z.number().min(0).max(1).optional(),
  timeoutMs: z.number().int().positive().default(120_000),
  maxRetries: z.number().int().min(0).default(4),
});
export type AnthropicConfig = z.input<typeof AnthropicConfig>;

type Block = Anthropic.Messages.ContentBlockParam;

/**
 * ChatMessage[] → Anthropic messages. Consecutive tool results become one user turn of
 * tool_result blocks. Earlier reasoning is resent as a thinking block only when the turn carried
 * the provider's signature (kept in the turn's meta by this adapter); otherwise it is dropped, as the
 * API requires signed thinking.
 */
export function toAnthropicMessages(messages: readonly ChatMessage[], signatures: ReadonlyMap<string, string> = new Map()): Anthropic.Messages.MessageParam[] {
  const out: Anthropic.Messages.MessageParam[] = [];
  for (const m of messages) {
    if (m.role === 'user') out.push({ role: 'user', content: m.content });
    else if (m.role === 'tool') {
      const block: Block = { type: 'tool_result', tool_use_id: m.toolCallId, content: m.content, ...(m.isError ? { is_error: true } : {}) };
      const last = out[out.length - 1];
      if (last && last.role === 'user' && Array.isArray(last.content) && last.content.every((b) => b.type === 'tool_result'))
        (last.content as Block[]).push(block);
      else out.push({ role: 'user', content: [block] });
    } else {
      const blocks: Block[] = [];
      const sig = m.reasoning !== undefined ? signatures.get(m.reasoning) : undefined;
      if (m.reasoning && sig) blocks.push({ type: 'thinking', thinking: m.reasoning, signature: sig });
      if (m.content) blocks.push({ type: 'text', text: m.content });
      for (const c of m.toolCalls)
        blocks.push({
          type: 'tool_use',
          id: c.id,
          name: c.name,
          input: (typeof c.args === 'object' && c.args !== null ? c.args : {}) as Record<string, unknown>,
        });
      if (blocks.length === 0) blocks.push({ type: 'text', text: '(no output)' });
      out.push({ role: 'assistant', content: blocks });
    }
  }
  return out;
}

export function toAnthropicTools(tools: readonly ToolSpec[]): Anthropic.Messages.Tool[] {
  return tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema as Anthropic.Messages.Tool.InputSchema }));
}

function classify(err: unknown): ProviderFailure {
  const sdk = loadedAnthropic();
  if (sdk && err instanceof sdk.APIError) {
    const h = err.headers as Headers | undefined;
    const ra = h && typeof h.get === 'function' ? h.get('retry-after') : undefined;
    const body = err.error as { error?: { message?: string } } | undefined;
    const retryAfter = retryAfterMs(ra);
    return { status: err.status ?? null, message: body?.error?.message ?? err.message, ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}) };
  }
  return { status: null, message: err instanceof Error ? err.message : String(err) };
}

/** An agent backed by the Anthropic Messages API (tool use, extended thinking as reasoning). */
export function anthropicAgent(
  configInput: AnthropicConfig,
  deps: { limiter?: ProviderLimiter; retry?: RetryOptions; env?: NodeJS.ProcessEnv; prices?: PriceTable } = {},
): AgentPolicy {
  const parsed = AnthropicConfig.safeParse(configInput);
  if (!parsed.success)
    throw new GlasshouseError('CONFIG_INVALID', `anthropic agent: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const cfg = parsed.data;
  const apiKey = cfg.apiKey ?? (deps.env ?? process.env)[cfg.apiKeyEnv] ?? (cfg.baseURL ? 'none' : undefined);
  if (!apiKey) throw new GlasshouseError('CONFIG_INVALID', `anthropic agent: no API key (set ${cfg.apiKeyEnv} or pass apiKey)`);
  let client: Anthropic | undefined;
  const clientOf = async (): Promise<Anthropic> => {
    const AnthropicSdk = await loadAnthropic();
    client ??= new AnthropicSdk({ apiKey, ...(cfg.baseURL ? { baseURL: cfg.baseURL } : {}), timeout: cfg.timeoutMs, maxRetries: 0 });
    return client;
  };
  const label = `anthropic ${cfg.model}`;
  const signatures = new Map<string, string>();
  const price = priceFor(cfg.model, deps.prices);

  const request = async (input: AgentInput): Promise<AgentTurnInput> => {
    const res = await (await clientOf()).messages.create(
      {
        model: cfg.model,
        max_tokens: cfg.maxTokens,
        system: input.systemPrompt,
        messages: toAnthropicMessages(input.messages, signatures),
        ...(input.tools.length ? { tools: toAnthropicTools(input.tools) } : {}),
        ...(cfg.thinking ? { thinking: { type: 'enabled', budget_tokens: cfg.thinking.budgetTokens } } : {}),
        ...(cfg.temperature !== undefined ? { temperature: cfg.temperature } : {}),
      },
      input.signal ? { signal: input.signal } : {},
    );
    let text = '';
    let reasoning = '';
    let signature: string | undefined;
    const toolCalls: { id: string; name: string; args: unknown }[] = [];
    for (const b of res.content) {
      if (b.type === 'text') text += b.text;
      else if (b.type === 'thinking') {
        reasoning += b.thinking;
        signature = b.signature;
      } else if (b.type === 'tool_use') toolCalls.push({ id: b.id, name: b.name, args: b.input });
    }
    if (reasoning && signature) signatures.set(reasoning, signature);
    return {
      text,
      ...(reasoning ? { reasoning } : {}),
      toolCalls,
      usage: { inputTokens: res.usage.input_tokens, outputTokens: res.usage.output_tokens },
      meta: { model: res.model, stopReason: res.stop_reason, ...(signature ? { thinkingSignature: signature } : {}) },
    };
  };
  return {
    id: `anthropic:${cfg.model}`,
    next(input) {
      const go = () => withRetry(label, () => request(input), classify, { maxRetries: cfg.maxRetries, ...deps.retry });
      return (deps.limiter ? deps.limiter.run(`anthropic#${cfg.model}`, go) : go()).then((t) =>
        t.usage ? { ...t, usage: pricedUsage({ inputTokens: t.usage.inputTokens ?? 0, outputTokens: t.usage.outputTokens ?? 0 }, price) } : t,
      );
    },
    // No continueFrom: thinking blocks are signed by the API, so an edited thinking prefix cannot be
    // sent back, and the Messages API does not let a response continue a thinking block. The
    // reasoning intervention refuses this provider (see docs/interventions.md).
  };
}
