import type { AgentInput, AgentPolicy, AgentTurnInput } from '@glasshouse/schema';
import { GlasshouseError } from '@glasshouse/schema';
import type { ReferencePolicy, ScenarioDefinition, VariantValues } from './scenario';

export interface ScriptedAgentOptions {
  /** Answer follow-up interview questions. */
  answer?: (questionId: string | undefined, question: string) => string;
}

/**
 * An agent that replays a fixed list of turns. When the list runs out it stops (a turn with no
 * tool calls). Deterministic: the same list always yields the same record.
 */
export function scriptedAgent(id: string, turns: readonly AgentTurnInput[], opts: ScriptedAgentOptions = {}): AgentPolicy {
  let i = 0;
  return {
    id,
    async next(input: AgentInput): Promise<AgentTurnInput> {
      if (input.phase === 'interview') {
        const last = input.messages[input.messages.length - 1];
        const q = last && last.role === 'user' ? last.content : '';
        return { text: opts.answer ? opts.answer(input.question?.id, q) : 'I have nothing further to add.' };
      }
      const turn = turns[i++];
      return turn ?? { text: '' };
    },
  };
}

/** The scripted agent for one of a scenario's reference policies. */
export function policyAgent(def: ScenarioDefinition, policyName: string, vars: VariantValues): AgentPolicy {
  const policy: ReferencePolicy | undefined = def.policies[policyName];
  if (!policy) {
    throw new GlasshouseError('CONFIG_INVALID', `${def.id} has no policy '${policyName}' (policies: ${Object.keys(def.policies).join(', ')})`);
  }
  return scriptedAgent(`scripted:${policyName}`, policy.turns(vars), {
    answer: (qid, q) => (policy.answer ? policy.answer(qid ?? '', q, vars) : 'I have nothing further to add.'),
  });
}
