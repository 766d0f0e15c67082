import { z } from 'zod';

/** One function call in OpenAI's chat format (`arguments` is a JSON string). */
export const SftToolCall = z.strictObject({
  id: z.string().min(1),
  type: z.literal('function'),
  function: z.strictObject({ name: z.string().min(1), arguments: z.string() }),
});
export type SftToolCall = z.infer<typeof SftToolCall>;

export const SftMessage = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('system'), content: z.string() }),
  z.strictObject({ role: z.literal('user'), content: z.string() }),
  z.strictObject({
    role: z.literal('assistant'),
    content: z.string(),
    tool_calls: z.array(SftToolCall).min(1).optional(),
    /** Only with `includeReasoning: 'field'`. */
    reasoning: z.string().optional(),
  }),
  z.strictObject({ role: z.literal('tool'), tool_call_id: z.string().min(1), content: z.string() }),
]);
export type SftMessage = z.infer<typeof SftMessage>;

export const SftTool = z.strictObject({
  type: z.literal('function'),
  function: z.strictObject({ name: z.string(), description: z.string(), parameters: z.record(z.string(), z.unknown()) }),
});
export type SftTool = z.infer<typeof SftTool>;

/** One OpenAI chat fine-tuning example (a line of the JSONL file). */
export const SftRow = z.strictObject({
  messages: z.array(SftMessage).min(3),
  tools: z.array(SftTool),
  metadata: z
    .strictObject({
      episodeId: z.string(),
      scenario: z.string(),
      variant: z.string(),
      agent: z.string(),
      seed: z.number().int(),
      citation: z.string(),
    })
    .optional(),
});
export type SftRow = z.infer<typeof SftRow>;
