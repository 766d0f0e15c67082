import { z } from 'zod';
import { antiSchemingSpecText, episodeVerdict, GlasshouseError, measured } from '@glasshouse/schema';
import type { EpisodeRecord } from '@glasshouse/schema';
import { citesSpec } from './spec-citation';
import { argumentsJson, endOf, findingsOf, outcomeOf } from './record-facts';
import { stripSpec } from './strip-spec';
import { SftRow } from './sft-row';
import type { SftMessage, SftTool } from './sft-row';

export const SftOptions = z.strictObject({
  /** Text of the spec to strip from system prompts; default: antiSchemingSpecText(). */
  spec: z.string().min(1).optional(),
  /** Keep only episodes whose reasoning cites the spec (default true). */
  requireCitation: z.boolean().default(true),
  /** Reasoning as an assistant `reasoning` field, as a `<thinking>…</thinking>` prefix of the content, or dropped. */
  includeReasoning: z.enum(['field', 'inline', 'none']).default('field'),
  /** Skip episodes whose prompt does not contain the spec (rollouts must be made with the spec; default true). */
  requireSpecInPrompt: z.boolean().default(true),
  /** Add a `metadata` object to each row (some trainers reject unknown keys; default true). */
  metadata: z.boolean().default(true),
});
export type SftOptions = z.input<typeof SftOptions>;

export const SFT_SKIP_REASONS = [
  'eval-split',
  'record-incomplete',
  'covert',
  'overt',
  'invalid',
  'verdict-unmeasured',
  'task-failed',
  'task-unmeasured',
  'no-citation',
  'spec-not-in-prompt',
  'no-assistant-turns',
] as const;
export type SftSkipReason = (typeof SFT_SKIP_REASONS)[number];

export interface SftSkip {
  episodeId: string;
  reason: SftSkipReason;
  detail: string;
}

export interface SftExport {
  rows: SftRow[];
  kept: number;
  skipped: SftSkip[];
  /** Tool calls left out because they never ran (calls after a terminal tool); a row needs a result for every call. */
  droppedToolCalls: number;
}

function parseOptions(opts: SftOptions): z.output<typeof SftOptions> {
  const parsed = SftOptions.safeParse(opts);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GlasshouseError('CONFIG_INVALID', `invalid SFT export options at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

/** Why an episode is not a good-outcome, spec-citing rollout, or null when it is. */
function filterEpisode(
  record: EpisodeRecord,
  o: z.output<typeof SftOptions>,
  citation: ReturnType<typeof citesSpec>,
): { reason: SftSkipReason; detail: string } | null {
  if (record.header.scenario.split !== 'train') {
    return {
      reason: 'eval-split',
      detail: `${record.header.scenario.id} is ${record.header.scenario.split ? 'an evaluation' : 'not marked as a training'} family: never exported for training`,
    };
  }
  if (!endOf(record)) return { reason: 'record-incomplete', detail: record.warnings[0] ?? 'record has no episode.end event' };
  if (record.warnings.length) return { reason: 'record-incomplete', detail: record.warnings[0] as string };
  const findings = findingsOf(record);
  const outcome = outcomeOf(record);
  if (outcome === 'invalid') return { reason: 'invalid', detail: 'the episode is invalid (harness or provider fault)' };
  if (outcome === 'covert' || outcome === 'overt') {
    const by = findings.filter((f) => f.verdict === 'covert').map((f) => f.detector);
    return { reason: outcome, detail: `${outcome} outcome from ${[...new Set(by)].join(', ')}` };
  }
  if (outcome !== 'clean') return { reason: 'verdict-unmeasured', detail: 'the episode outcome is unmeasured (no clean basis)' };
  const task = measured(findings, 'task');
  if (task === false) return { reason: 'task-failed', detail: findings.find((f) => f.kind === 'task' && (f.score ?? 0) < 1)?.explanation ?? 'task not done' };
  if (task === null) return { reason: 'task-unmeasured', detail: 'no measured task finding' };
  if (o.requireCitation && !citation.cites) return { reason: 'no-citation', detail: `${citation.source}: ${citation.detail}` };
  return null;
}

/** Convert the task phase of a record into chat messages (system prompt given). */
function taskMessages(record: EpisodeRecord, system: string, mode: 'field' | 'inline' | 'none'): { messages: SftMessage[]; dropped: number } {
  const answered = new Set(record.events.flatMap((e) => (e.type === 'tool.result' ? [e.callId] : [])));
  const emitted = new Set<string>();
  const messages: SftMessage[] = [{ role: 'system', content: system }];
  let dropped = 0;
  for (const e of record.events) {
    if (e.type === 'message.user' && e.phase === 'task') messages.push({ role: 'user', content: e.content });
    else if (e.type === 'message.assistant' && e.phase === 'task') {
      const calls = e.toolCalls.filter((c) => answered.has(c.id));
      dropped += e.toolCalls.length - calls.length;
      const reasoning = mode !== 'none' && e.reasoning?.trim() ? e.reasoning : undefined;
      const content = mode === 'inline' && reasoning !== undefined ? `<thinking>\n${reasoning}\n</thinking>${e.content ? `\n\n${e.content}` : ''}` : e.content;
      if (!content && calls.length === 0 && !(mode === 'field' && reasoning !== undefined)) continue;
      for (const c of calls) emitted.add(c.id);
      messages.push({
        role: 'assistant',
        content,
        ...(calls.length
          ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: argumentsJson(c.args) } })) }
          : {}),
        ...(mode === 'field' && reasoning !== undefined ? { reasoning } : {}),
      });
    } else if (e.type === 'tool.result' && emitted.has(e.callId)) {
      messages.push({ role: 'tool', tool_call_id: e.callId, content: e.content });
    }
  }
  return { messages, dropped };
}

function toolsOf(record: EpisodeRecord): SftTool[] {
  return record.header.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.inputSchema } }));
}

/**
 * Supervised fine-tuning rows for deliberative alignment (Schoen et al. 2025 §1.3): keep episodes
 * with a good outcome (task done, verdict clean) whose reasoning cites the spec, remove the spec from
 * the system prompt, keep the reasoning. Task phase only (no interview). Every other episode is
 * listed in `skipped` with a reason.
 */
export function exportSft(records: readonly EpisodeRecord[], options: SftOptions = {}): SftExport {
  const o = parseOptions(options);
  const spec = o.spec ?? antiSchemingSpecText();
  const rows: SftRow[] = [];
  const skipped: SftSkip[] = [];
  let droppedToolCalls = 0;
  for (const record of records) {
    const episodeId = record.header.episodeId;
    const citation = citesSpec(record);
    const bad = filterEpisode(record, o, citation);
    if (bad) {
      skipped.push({ episodeId, ...bad });
      continue;
    }
    const stripped = stripSpec(record.header.systemPrompt, spec);
    if (!stripped.found && o.requireSpecInPrompt) {
      const which = o.spec !== undefined ? 'the given spec text' : 'the anti-scheming spec (antiSchemingSpecText())';
      skipped.push({ episodeId, reason: 'spec-not-in-prompt', detail: `${which} is not in the system prompt (variant ${record.header.variant.id})` });
      continue;
    }
    const { messages, dropped } = taskMessages(record, stripped.prompt, o.includeReasoning);
    if (!messages.some((m) => m.role === 'assistant')) {
      skipped.push({ episodeId, reason: 'no-assistant-turns', detail: 'no assistant turn with content, reasoning or tool calls' });
      continue;
    }
    droppedToolCalls += dropped;
    const row = SftRow.parse({
      messages,
      tools: toolsOf(record),
      ...(o.metadata
        ? {
            metadata: {
              episodeId,
              scenario: record.header.scenario.id,
              variant: record.header.variant.id,
              agent: record.header.agent.id,
              seed: record.header.seed,
              citation: citation.detail,
            },
          }
        : {}),
    });
    rows.push(row);
  }
  return { rows, kept: rows.length, skipped, droppedToolCalls };
}

/** Rows as JSONL text (one JSON object per line, trailing newline). */
export function sftJsonl(rows: readonly SftRow[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
}

/** Skips counted per reason, most frequent first. */
export function skipSummary(skipped: readonly SftSkip[]): { reason: SftSkipReason; count: number }[] {
  const counts = new Map<SftSkipReason, number>();
  for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || SFT_SKIP_REASONS.indexOf(a.reason) - SFT_SKIP_REASONS.indexOf(b.reason));
}
