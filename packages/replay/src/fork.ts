import { GlasshouseError } from '@glasshouse/spec';
import type { AgentPolicy, AgentTurnInput, ChatMessage, EpisodeEvent, EpisodeRecord, TokenUsage } from '@glasshouse/spec';
import { driveEpisode, Episode } from '@glasshouse/engine';
import type { EpisodeResult, ScenarioDefinition } from '@glasshouse/engine';
import { findEvalAwareSentences } from '@glasshouse/detectors';
import { initialWorld, worldAt } from './rebuild-world';
import { recordedTurns } from './recorded-agent';

export interface ReasoningEdit {
  /** Replace the reasoning of the turn at the fork step. */
  editReasoning?: string;
  /** Remove sentences matching this pattern; 'eval-awareness' removes verbalized evaluation awareness. */
  removeMatching?: string | RegExp;
  /** Insert this sentence at the start of the reasoning. */
  inject?: string;
}

export interface ForkOptions {
  /**
   * The fork step k: the 0-based index of the assistant turn (task phase) where the record is cut.
   * Everything before that turn is kept exactly (events, messages, world, clock, ids). With an edit,
   * turn k is kept with its reasoning edited and its tool calls re-run on the restored world; the live
   * agent continues from turn k+1. Without an edit the live agent produces turn k itself.
   */
  atStep: number;
  edit?: ReasoningEdit;
  agent: AgentPolicy;
  recordPath?: string | null;
  /** Path of the parent record, stored in the new header. */
  parentRecord?: string;
  interview?: boolean;
}

function editReasoning(reasoning: string, edit: ReasoningEdit): string {
  let out = reasoning;
  if (edit.editReasoning !== undefined) out = edit.editReasoning;
  if (edit.removeMatching !== undefined) {
    if (edit.removeMatching === 'eval-awareness') {
      for (const s of [...findEvalAwareSentences(out)].reverse()) out = `${out.slice(0, s.start)}${out.slice(s.end)}`;
    } else {
      const rx = typeof edit.removeMatching === 'string' ? new RegExp(edit.removeMatching, 'i') : edit.removeMatching;
      out = out.split(/(?<=[.!?])\s+/).filter((s) => !rx.test(s)).join(' ');
    }
    out = out.replace(/\s{2,}/g, ' ').trim();
  }
  if (edit.inject !== undefined) out = `${edit.inject}${out ? ` ${out}` : ''}`;
  return out;
}

/** Rebuild the chat history an agent saw from a prefix of events. */
function messagesOf(events: readonly EpisodeEvent[]): ChatMessage[] {
  return events.flatMap((e): ChatMessage[] => {
    if (e.type === 'message.user') return [{ role: 'user', content: e.content }];
    if (e.type === 'message.assistant') return [{ role: 'assistant', content: e.content, ...(e.reasoning !== undefined ? { reasoning: e.reasoning } : {}), toolCalls: e.toolCalls }];
    if (e.type === 'tool.result') return [{ role: 'tool', toolCallId: e.callId, name: e.name, content: e.content, isError: e.isError }];
    return [];
  });
}

function idCounters(events: readonly EpisodeEvent[]): Record<string, number> {
  const out: Record<string, number> = {};
  const note = (id: string | undefined) => {
    const m = id?.match(/^([a-z]+)_(\d+)$/);
    if (m) out[m[1] as string] = Math.max(out[m[1] as string] ?? 0, Number(m[2]));
  };
  for (const e of events) {
    note(e.id);
    if (e.type === 'tool.call') note(e.callId);
  }
  return out;
}

/**
 * Fork a record at step k: restore the exact world at that point from the log (no re-execution),
 * optionally edit the reasoning of turn k, and continue with a live agent. The new record links to
 * its parent.
 */
export async function forkEpisode(record: EpisodeRecord, scenario: ScenarioDefinition, opts: ForkOptions): Promise<EpisodeResult> {
  const turns = record.events.filter((e) => e.type === 'message.assistant' && e.phase === 'task');
  if (!Number.isInteger(opts.atStep) || opts.atStep < 0 || opts.atStep > turns.length) {
    throw new GlasshouseError('CONFIG_INVALID', `--at must be a turn index from 0 to ${turns.length} (this record has ${turns.length} assistant turns)`);
  }
  if (opts.edit && opts.atStep === turns.length) throw new GlasshouseError('CONFIG_INVALID', 'an edit needs an existing turn at the fork step');
  const cutEvent = turns[opts.atStep];
  const cut = cutEvent ? record.events.indexOf(cutEvent) : record.events.findIndex((e) => (e.type === 'message.user' && e.phase === 'interview') || e.type === 'finding' || e.type === 'episode.end');
  const prefix = record.events.slice(0, cut < 0 ? record.events.length : cut);
  const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
  for (const e of prefix) if (e.type === 'message.assistant' && e.usage) (usage.inputTokens += e.usage.inputTokens), (usage.outputTokens += e.usage.outputTokens);
  const last = prefix.at(-1);
  const edit = opts.edit ? Object.fromEntries(Object.entries(opts.edit).map(([k, v]) => [k, v instanceof RegExp ? v.source : v])) : undefined;
  const ep = await Episode.start(
    scenario,
    {
      variant: record.header.variant.values,
      seed: record.header.seed,
      agent: { id: opts.agent.id },
      recordPath: opts.recordPath ?? null,
      maxSteps: record.header.limits.maxSteps,
      timeoutMs: record.header.limits.timeoutMs,
      parent: { episodeId: record.header.episodeId, ...(opts.parentRecord ? { record: opts.parentRecord } : {}), atStep: opts.atStep, ...(edit ? { edit } : {}) },
    },
    {
      events: prefix,
      messages: messagesOf(prefix),
      world: worldAt(record, scenario, prefix.length),
      initial: initialWorld(record, scenario),
      clockMs: last ? Date.parse(last.t) : 0,
      idCounters: idCounters(prefix),
      step: prefix.filter((e) => e.type === 'message.assistant' && e.phase === 'task').length,
      usage,
    },
  );
  if (opts.edit) {
    const original = recordedTurns(record)[opts.atStep] as AgentTurnInput;
    const turn = { ...original, reasoning: editReasoning(original.reasoning ?? '', opts.edit) };
    const { calls } = ep.recordTurn(turn, 'task');
    for (const c of calls) {
      await ep.call(c.name, c.args, c.id);
      if (ep.isSubmitted) break;
    }
    if (calls.length === 0) return ep.end({ reason: 'agent-stopped', ...(opts.interview === false ? {} : { interviewer: opts.agent }) });
  }
  return driveEpisode(ep, opts.agent, { interview: opts.interview ?? true });
}
