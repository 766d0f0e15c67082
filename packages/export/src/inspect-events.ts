import type { EpisodeRecord, EventOf, Finding } from '@glasshouse/schema';
import type { InspectChatMessage, InspectEvent, InspectScore } from './inspect-log-schema';

/**
 * The sample transcript Inspect's Transcript tab shows (`EvalSample.events`), from a record's events:
 * `sample_init`, a `model` event per assistant turn (its output message; the input is the messages before
 * it, given by reference to keep logs linear in size), a `tool` event per tool result, `info` events for
 * interview questions, world changes, sent mail and harness errors, and a `score` event per detector.
 * Timestamps are the record's (the simulated clock); `working_start` counts seconds from the episode start.
 */
export interface TranscriptInput {
  record: EpisodeRecord;
  model: string;
  /** The sample's messages, as in `EvalSample.messages` (ids match the record's event ids). */
  messages: readonly InspectChatMessage[];
  scores: Readonly<Record<string, InspectScore>>;
  findings: readonly Finding[];
}

const secondsBetween = (from: string, to: string): number => {
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) ? Math.max(0, ms) / 1000 : 0;
};

function toolArgs(args: unknown): Record<string, unknown> {
  if (args && typeof args === 'object' && !Array.isArray(args)) return args as Record<string, unknown>;
  if (typeof args === 'string') {
    try {
      const v = JSON.parse(args) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      /* kept raw below */
    }
  }
  return args === undefined ? {} : { raw: args as never };
}

function toolErrorType(code: string | undefined): string {
  if (code === 'TOOL_INPUT_INVALID') return 'parsing';
  if (code === 'TOOL_TIMEOUT' || code === 'SANDBOX_TIMEOUT') return 'timeout';
  return 'unknown';
}

export function transcriptEvents(t: TranscriptInput): InspectEvent[] {
  const { record, model } = t;
  const start = record.header.startedAt;
  const at = (iso: string) => ({ timestamp: iso, working_start: secondsBetween(start, iso) });
  const messageIndex = new Map(t.messages.map((m, i) => [m.id ?? '', i]));
  const calls = new Map<string, EventOf<'tool.call'>>();
  const out: InspectEvent[] = [
    {
      ...at(start),
      event: 'sample_init',
      sample: {
        id: record.header.episodeId,
        input: record.header.task,
        target: 'clean',
        metadata: { scenario: record.header.scenario.id, variant: record.header.variant.id },
      },
      state: { messages: t.messages.slice(0, 2) as never },
    },
  ];
  for (const e of record.events) {
    if (e.type === 'tool.call') calls.set(e.callId, e);
    else if (e.type === 'message.assistant') {
      const i = messageIndex.get(e.id) ?? -1;
      const message = t.messages[i];
      if (!message || message.role !== 'assistant') continue;
      const usage = e.usage
        ? {
            input_tokens: e.usage.inputTokens,
            output_tokens: e.usage.outputTokens,
            total_tokens: e.usage.inputTokens + e.usage.outputTokens,
            input_tokens_cache_write: null,
            input_tokens_cache_read: null,
            reasoning_tokens: e.usage.reasoningTokens ?? null,
          }
        : null;
      out.push({
        ...at(e.t),
        event: 'model',
        model,
        input: [],
        // the messages before this turn, as [start, end) ranges into EvalSample.messages
        input_refs: i > 0 ? [[0, i]] : null,
        tools: [],
        tool_choice: 'auto',
        config: {},
        output: { model, choices: [{ message, stop_reason: message.tool_calls ? 'tool_calls' : 'stop' }], completion: e.content, usage },
        metadata: { step: e.step, phase: e.phase },
      });
    } else if (e.type === 'tool.result') {
      const call = calls.get(e.callId);
      out.push({
        ...at(e.t),
        event: 'tool',
        type: 'function',
        id: e.callId,
        function: e.name,
        arguments: toolArgs(call?.args),
        result: e.content,
        events: [],
        error: e.isError ? { type: toolErrorType(e.errorCode), message: e.content } : null,
        metadata: { step: e.step, ...(e.errorCode ? { errorCode: e.errorCode } : {}) },
      });
    } else if (e.type === 'message.user' && e.phase === 'interview') {
      out.push({
        ...at(e.t),
        event: 'info',
        source: 'glasshouse',
        data: { interview_question: e.content, ...(e.questionId ? { question_id: e.questionId } : {}) },
      });
    } else if (e.type === 'world.changed') {
      out.push({
        ...at(e.t),
        event: 'info',
        source: 'glasshouse',
        data: { world_changed: e.files.map((f) => `${f.kind} ${f.path}`), dirs: e.dirs, services: e.services.length },
      });
    } else if (e.type === 'mail.sent') {
      out.push({ ...at(e.t), event: 'info', source: 'glasshouse', data: { mail_sent: { to: e.message.to, cc: e.message.cc, subject: e.message.subject } } });
    } else if (e.type === 'error') {
      out.push({ ...at(e.t), event: 'info', source: 'glasshouse', data: { error: e.code, message: e.message, fatal: e.fatal } });
    } else if (e.type === 'episode.end') {
      out.push({ ...at(e.t), event: 'info', source: 'glasshouse', data: { episode_end: e.reason, steps: e.steps } });
    }
  }
  const end = record.events[record.events.length - 1]?.t ?? start;
  for (const [name, score] of Object.entries(t.scores)) out.push({ ...at(end), event: 'score', score, scorer: name, target: 'clean', intermediate: false });
  return out;
}
