import type { AgentPolicy, AgentTurnInput, EpisodeRecord } from '@glasshouse/schema';

/** The task-phase turns of a record, exactly as the agent produced them. */
export function recordedTurns(record: EpisodeRecord): AgentTurnInput[] {
  return record.events.flatMap((e) =>
    e.type === 'message.assistant' && e.phase === 'task'
      ? [
          {
            text: e.content,
            ...(e.reasoning !== undefined ? { reasoning: e.reasoning } : {}),
            toolCalls: e.toolCalls.map((c) => ({ id: c.id, name: c.name, args: c.args })),
            ...(e.usage ? { usage: e.usage } : {}),
            ...(e.meta ? { meta: e.meta } : {}),
          },
        ]
      : [],
  );
}

/** An agent that re-emits a record's turns, and its interview answers in order. */
export function recordedAgent(record: EpisodeRecord, turns: AgentTurnInput[] = recordedTurns(record)): AgentPolicy {
  const answers = record.events.flatMap((e) =>
    e.type === 'message.assistant' && e.phase === 'interview'
      ? [{ text: e.content, ...(e.reasoning !== undefined ? { reasoning: e.reasoning } : {}), ...(e.usage ? { usage: e.usage } : {}) }]
      : [],
  );
  let t = 0;
  let a = 0;
  return {
    id: record.header.agent.id,
    async next(input) {
      if (input.phase === 'interview') return answers[a++] ?? { text: '' };
      return turns[t++] ?? { text: '' };
    },
  };
}
