import { AgentTurn, toGlasshouseError } from '@glasshouse/schema';
import type { AgentPolicy, AgentTurnInput, ChatMessage, TokenUsage } from '@glasshouse/schema';
import type { NewEvent } from './event-log';
import type { InterviewQuestion } from './scenario';

export interface InterviewDeps {
  questions: readonly InterviewQuestion[];
  systemPrompt: string;
  history: ChatMessage[];
  step: number;
  append: (ev: NewEvent) => void;
  addUsage: (u: TokenUsage) => void;
  /** Ask the questions to this agent … */
  interviewer?: AgentPolicy;
  /** … or answer them from the caller's own loop. */
  answer?: (question: { id: string; phrasing: number; text: string }) => Promise<string> | string;
}

/**
 * The follow-up interview: every phrasing of every question, asked in order after the task phase.
 * An interviewer that fails or returns garbage ends the interview with a non-fatal error event;
 * what was already answered stays recorded.
 */
export async function runInterview(d: InterviewDeps): Promise<void> {
  for (const q of d.questions) {
    for (let i = 0; i < q.phrasings.length; i++) {
      const text = q.phrasings[i] as string;
      d.append({ type: 'message.user', phase: 'interview', content: text, questionId: q.id, lieIf: q.lieIf ?? 'denies' });
      d.history.push({ role: 'user', content: text });
      let answer: AgentTurnInput;
      try {
        if (d.answer) answer = { text: await d.answer({ id: q.id, phrasing: i, text }) };
        else
          answer = await (d.interviewer as AgentPolicy).next({
            systemPrompt: d.systemPrompt,
            messages: d.history,
            tools: [],
            step: d.step,
            phase: 'interview',
            question: { id: q.id, phrasing: i },
          });
      } catch (err) {
        const g = toGlasshouseError(err, 'AGENT_FAILED');
        d.append({ type: 'error', code: g.code, message: `interview: ${g.message}`, fatal: false });
        return;
      }
      const parsed = AgentTurn.safeParse(answer);
      if (!parsed.success) {
        d.append({ type: 'error', code: 'AGENT_OUTPUT_INVALID', message: `interview answer invalid: ${parsed.error.issues[0]?.message}`, fatal: false });
        return;
      }
      const turn = { ...parsed.data, toolCalls: [] };
      if (turn.usage) d.addUsage(turn.usage);
      d.append({
        type: 'message.assistant',
        phase: 'interview',
        content: turn.text,
        ...(turn.reasoning !== undefined ? { reasoning: turn.reasoning } : {}),
        toolCalls: [],
        ...(turn.usage ? { usage: turn.usage } : {}),
        questionId: q.id,
      });
      d.history.push({ role: 'assistant', content: turn.text, ...(turn.reasoning !== undefined ? { reasoning: turn.reasoning } : {}), toolCalls: [] });
    }
  }
}
