import { GlasshouseError } from '@glasshouse/schema';
import type { AgentPolicy, AgentTurnInput, EpisodeRecord } from '@glasshouse/schema';
import { driveEpisode, Episode } from '@glasshouse/engine';
import type { EpisodeResult, ScenarioDefinition } from '@glasshouse/engine';
import { findEvalAwareSentences } from '@glasshouse/detectors';
import { forkPoint, mtimesOf, restoreAt } from './fork-point';
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
   * The fork step k: the 0-based index of the task-phase assistant turn where the record is cut
   * (see `ForkPoint`). Everything before that turn is kept exactly (events, messages, world, file
   * mtimes, clock, ids, token usage). With an edit, turn k is kept with its reasoning edited and its
   * tool calls re-run on the restored world; the live agent continues from turn k+1. Without an edit
   * the live agent produces turn k itself. k = number of task turns continues with the interview.
   */
  atStep: number;
  edit?: ReasoningEdit;
  agent: AgentPolicy;
  /**
   * With an edit, what happens at turn k:
   * - `keep-action` (default): turn k is recorded with its reasoning edited and its recorded tool
   *   calls re-run; the live agent takes over at turn k+1 (exact, but the edit cannot change turn k's action);
   * - `continue`: the edited reasoning is cut where the edit is (`reasoningPrefix`), sent to the live
   *   agent's `continueFrom`, and the model writes the rest of turn k — reasoning and action — which
   *   is what runs. Agents that cannot continue a prefix are refused with an error naming them.
   */
  mode?: 'keep-action' | 'continue';
  /**
   * Continue mode: reject a continuation for which this returns true (e.g. it voices evaluation
   * awareness again after the removed sentence) and ask again, up to `maxContinuations` times in all
   * (default 5); when every attempt is rejected the fork fails with an error saying so.
   */
  rejectContinuation?: (continuation: string) => boolean;
  maxContinuations?: number;
  recordPath?: string | null;
  /** Path of the parent record, stored in the new header. */
  parentRecord?: string;
  interview?: boolean;
}

/**
 * Where a resampled turn starts: the reasoning up to the edit, edited. Removing a sentence keeps
 * the text before the first removed sentence; injecting puts the sentence at the start (nothing of
 * the old reasoning follows); a replacement is the prefix itself. The model writes everything after.
 */
export function reasoningPrefix(reasoning: string, edit: ReasoningEdit): string {
  if (edit.editReasoning !== undefined) return edit.editReasoning;
  if (edit.inject !== undefined) return edit.inject;
  if (edit.removeMatching !== undefined) {
    let start = -1;
    if (edit.removeMatching === 'eval-awareness') start = findEvalAwareSentences(reasoning)[0]?.start ?? -1;
    else {
      const rx =
        typeof edit.removeMatching === 'string'
          ? new RegExp(edit.removeMatching, 'i')
          : new RegExp(edit.removeMatching.source, edit.removeMatching.flags.replace(/[gy]/g, ''));
      let at = 0;
      for (const sentence of reasoning.split(/(?<=[.!?])\s+/)) {
        const i = reasoning.indexOf(sentence, at);
        if (rx.test(sentence)) {
          start = i;
          break;
        }
        at = i + sentence.length;
      }
    }
    if (start < 0) throw new GlasshouseError('CONFIG_INVALID', "the edit removes nothing from this turn's reasoning: no prefix to continue from");
    return reasoning.slice(0, start);
  }
  return reasoning;
}

/**
 * The control for `reasoningPrefix`: the same cut without the edit. Removing a sentence: the text up
 * to and including the first matching sentence; injecting or replacing: the empty prefix (the model
 * writes the whole turn through the same continuation path).
 */
export function uneditedPrefix(reasoning: string, edit: ReasoningEdit): string {
  if (edit.removeMatching === undefined || edit.editReasoning !== undefined || edit.inject !== undefined) return '';
  const cut = reasoningPrefix(reasoning, edit).length;
  const rest = reasoning.slice(cut);
  const sentence = edit.removeMatching === 'eval-awareness' ? findEvalAwareSentences(reasoning)[0] : undefined;
  const end = sentence ? sentence.end : cut + (rest.match(/^.*?[.!?](\s+|$)/s)?.[0].length ?? rest.length);
  return reasoning.slice(0, end);
}

function editReasoning(reasoning: string, edit: ReasoningEdit): string {
  let out = reasoning;
  if (edit.editReasoning !== undefined) out = edit.editReasoning;
  if (edit.removeMatching !== undefined) {
    if (edit.removeMatching === 'eval-awareness') {
      for (const s of [...findEvalAwareSentences(out)].reverse()) out = `${out.slice(0, s.start)}${out.slice(s.end)}`;
    } else {
      const rx =
        typeof edit.removeMatching === 'string'
          ? new RegExp(edit.removeMatching, 'i')
          : new RegExp(edit.removeMatching.source, edit.removeMatching.flags.replace(/[gy]/g, ''));
      out = out
        .split(/(?<=[.!?])\s+/)
        .filter((s) => !rx.test(s))
        .join(' ');
    }
    out = out.replace(/\s{2,}/g, ' ').trim();
  }
  if (edit.inject !== undefined) out = `${edit.inject}${out ? ` ${out}` : ''}`;
  return out;
}

/**
 * Fork a record at step k: restore the exact world at that point from the log (no re-execution),
 * optionally edit the reasoning of turn k, and continue with a live agent. The new record links to
 * its parent. Continuing with the parent's own turns reproduces the parent record, except for
 * process state that is not part of the world: the shell's command-path cache (the `stat`s in a
 * bash result's `access` list) and `run_js` globals and its Math.random stream restart fresh.
 */
export async function forkEpisode(record: EpisodeRecord, scenario: ScenarioDefinition, opts: ForkOptions): Promise<EpisodeResult> {
  const point = forkPoint(record, opts.atStep);
  if (opts.edit && !point.turn) throw new GlasshouseError('CONFIG_INVALID', 'an edit needs an existing turn at the fork step');
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
      parent: {
        episodeId: record.header.episodeId,
        ...(opts.parentRecord ? { record: opts.parentRecord } : {}),
        atStep: opts.atStep,
        ...(edit ? { edit } : {}),
      },
    },
    restoreAt(record, scenario, point),
  );
  // Snapshots carry no mtimes; stamp what the prefix changed with the times the log implies.
  const raw = ep.world.fs.raw();
  for (const [path, ms] of mtimesOf(point.prefix)) {
    try {
      raw.utimes(path, ms, false);
    } catch {
      /* removed later in the prefix */
    }
  }
  if (opts.edit) {
    const original = recordedTurns(record)[opts.atStep] as AgentTurnInput;
    let turn: AgentTurnInput;
    if (opts.mode === 'continue') {
      if (!opts.agent.continueFrom) {
        throw new GlasshouseError(
          'CONFIG_INVALID',
          `agent ${opts.agent.id} cannot continue an edited reasoning prefix, so the intervention would not reach the model; refusing rather than resampling the turn from scratch. ` +
            'Use a server that continues a final assistant message (openai-compatible+vllm:, +sglang: or +llama.cpp:<baseURL>#<model>), or --mode keep-action (see docs/interventions.md)',
        );
      }
      const prefix = reasoningPrefix(original.reasoning ?? '', opts.edit);
      const max = opts.rejectContinuation ? Math.max(1, opts.maxContinuations ?? 5) : 1;
      let attempt = 0;
      for (;;) {
        attempt++;
        turn = await opts.agent.continueFrom(
          { systemPrompt: ep.systemPrompt, messages: ep.messages, tools: ep.tools, step: ep.step, phase: 'task' },
          { reasoning: prefix },
        );
        if (!(turn.reasoning ?? '').startsWith(prefix)) {
          throw new GlasshouseError('AGENT_OUTPUT_INVALID', `agent ${opts.agent.id}: the continued turn does not start with the edited prefix`);
        }
        if (!opts.rejectContinuation?.((turn.reasoning ?? '').slice(prefix.length))) break;
        if (attempt >= max)
          throw new GlasshouseError(
            'AGENT_OUTPUT_INVALID',
            `agent ${opts.agent.id}: all ${max} continuations of the edited prefix were rejected (e.g. they voiced awareness again)`,
          );
      }
      if (attempt > 1) turn = { ...turn, meta: { ...(turn.meta ?? {}), continuationAttempts: attempt } };
    } else turn = { ...original, reasoning: editReasoning(original.reasoning ?? '', opts.edit) };
    const { calls } = ep.recordTurn(turn, 'task');
    for (const c of calls) {
      await ep.call(c.name, c.args, c.id);
      if (ep.isSubmitted) break;
    }
    if (calls.length === 0) return ep.end({ reason: 'agent-stopped', ...(opts.interview === false ? {} : { interviewer: opts.agent }) });
  }
  const interviewer = opts.interview === false ? {} : { interviewer: opts.agent };
  // After the last task turn of a finished record the task phase is over: end as the parent did
  // (interview, detectors). An unfinished record (a crash) continues with the live agent instead.
  const parentEnd = record.events.find((e) => e.type === 'episode.end');
  if (!point.turn && parentEnd?.type === 'episode.end') return ep.end({ reason: parentEnd.reason, ...(parentEnd.reason === 'error' ? {} : interviewer) });
  return driveEpisode(ep, opts.agent, { interview: opts.interview ?? true });
}
