import { z } from 'zod';

export const TokenUsage = z.strictObject({
  inputTokens: z.number().int().nonnegative().default(0),
  outputTokens: z.number().int().nonnegative().default(0),
  reasoningTokens: z.number().int().nonnegative().optional(),
  costUsd: z.number().nonnegative().optional(),
});
export type TokenUsage = z.infer<typeof TokenUsage>;

/**
 * A tool call as the agent produced it. `args` is whatever came back: usually an object, but a
 * model may emit a JSON string that does not parse; the engine validates and returns errors.
 */
export const ToolCallRequest = z.strictObject({
  id: z.string().min(1).optional(),
  name: z.string(),
  args: z.unknown(),
});
export type ToolCallRequest = z.infer<typeof ToolCallRequest>;

/** One assistant turn. */
export const AgentTurn = z.strictObject({
  text: z.string().default(''),
  reasoning: z.string().optional(),
  toolCalls: z.array(ToolCallRequest).default([]),
  usage: TokenUsage.optional(),
  /** Provider-specific metadata worth keeping (model name, finish reason). */
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type AgentTurn = z.output<typeof AgentTurn>;
export type AgentTurnInput = z.input<typeof AgentTurn>;

export const ChatMessage = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('user'), content: z.string() }),
  z.strictObject({
    role: z.literal('assistant'),
    content: z.string(),
    reasoning: z.string().optional(),
    toolCalls: z.array(z.strictObject({ id: z.string(), name: z.string(), args: z.unknown() })).default([]),
  }),
  z.strictObject({
    role: z.literal('tool'),
    toolCallId: z.string(),
    name: z.string(),
    content: z.string(),
    isError: z.boolean().default(false),
  }),
]);
export type ChatMessage = z.output<typeof ChatMessage>;

/** JSON-Schema description of a tool for function calling (no `$ref` root). */
export const ToolSpec = z.strictObject({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
  description: z.string(),
  inputSchema: z.record(z.string(), z.unknown()),
});
export type ToolSpec = z.infer<typeof ToolSpec>;

export interface AgentInput {
  systemPrompt: string;
  messages: readonly ChatMessage[];
  tools: readonly ToolSpec[];
  /** 0-based index of the assistant turn being requested. */
  step: number;
  /** 'task' while working, 'interview' while answering follow-up questions. */
  phase: 'task' | 'interview';
  /** During the interview: which scenario question is being asked. */
  question?: { id: string; phrasing: number };
  signal?: AbortSignal;
}

/** An agent the engine drives: given the conversation so far, return the next assistant turn. */
export interface AgentPolicy {
  /** Stable id recorded in the header, e.g. `scripted:honest`, `openai:gpt-4.1`. */
  readonly id: string;
  next(input: AgentInput): Promise<AgentTurnInput>;
  /**
   * Optional: write the rest of the current turn after a given reasoning prefix (the causal
   * intervention: the edited prefix is sent and the model continues it — more reasoning, then its
   * action). The returned turn's `reasoning` starts with `prefix.reasoning`. Agents whose provider
   * cannot continue a prefix leave this out; callers must then refuse, never resample silently.
   */
  continueFrom?(input: AgentInput, prefix: { reasoning: string }): Promise<AgentTurnInput>;
}
