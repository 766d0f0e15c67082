import type { LanguageModel, ModelMessage, ToolSet } from 'ai';
import type { AgentPolicy, ChatMessage, ToolSpec } from '@glasshouse/schema';
import type { ProviderLimiter } from './provider-limiter';
import { loadAiSdk } from './lazy-sdk';

export function toModelMessages(messages: readonly ChatMessage[]): ModelMessage[] {
  const names = new Map<string, string>();
  return messages.map((m): ModelMessage => {
    if (m.role === 'user') return { role: 'user', content: m.content };
    if (m.role === 'tool')
      return {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: m.toolCallId,
            toolName: names.get(m.toolCallId) ?? m.name,
            output: m.isError ? { type: 'error-text', value: m.content } : { type: 'text', value: m.content },
          },
        ],
      };
    for (const c of m.toolCalls) names.set(c.id, c.name);
    return {
      role: 'assistant',
      content: [
        ...(m.reasoning ? [{ type: 'reasoning' as const, text: m.reasoning }] : []),
        ...(m.content ? [{ type: 'text' as const, text: m.content }] : []),
        ...m.toolCalls.map((c) => ({ type: 'tool-call' as const, toolCallId: c.id, toolName: c.name, input: c.args })),
      ],
    };
  });
}

function toTools(tools: readonly ToolSpec[], { jsonSchema, tool }: Pick<typeof import('ai'), 'jsonSchema' | 'tool'>): ToolSet {
  // No execute(): the SDK returns the tool calls and the engine runs them.
  return Object.fromEntries(
    tools.map((t) => [t.name, tool({ description: t.description, inputSchema: jsonSchema(t.inputSchema as Parameters<typeof jsonSchema>[0]) })]),
  );
}

/** An agent backed by any Vercel AI SDK LanguageModel (one generateText step per turn). */
export function aiSdkAgent(opts: {
  model: LanguageModel;
  id?: string;
  temperature?: number;
  maxOutputTokens?: number;
  limiter?: ProviderLimiter;
}): AgentPolicy {
  const id = opts.id ?? `ai-sdk:${typeof opts.model === 'string' ? opts.model : opts.model.modelId}`;
  const call = async (input: Parameters<AgentPolicy['next']>[0]) => {
    const ai = await loadAiSdk();
    const res = await ai.generateText({
      model: opts.model,
      system: input.systemPrompt,
      messages: toModelMessages(input.messages),
      ...(input.tools.length ? { tools: toTools(input.tools, ai) } : {}),
      ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
      ...(opts.maxOutputTokens !== undefined ? { maxOutputTokens: opts.maxOutputTokens } : {}),
      ...(input.signal ? { abortSignal: input.signal } : {}),
    });
    return {
      text: res.text,
      ...(res.reasoningText ? { reasoning: res.reasoningText } : {}),
      toolCalls: res.toolCalls.map((c) => ({ id: c.toolCallId, name: c.toolName, args: c.input })),
      usage: { inputTokens: res.usage.inputTokens ?? 0, outputTokens: res.usage.outputTokens ?? 0 },
      meta: { finishReason: res.finishReason },
    };
  };
  return { id, next: (input) => (opts.limiter ? opts.limiter.run(id, () => call(input)) : call(input)) };
}
