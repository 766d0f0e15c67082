import { addUsage, GlasshouseError } from '@glasshouse/schema';
import type { ChatMessage, EpisodeEvent, EpisodeRecord, TokenUsage } from '@glasshouse/schema';
import type { EpisodeRestore, ScenarioDefinition } from '@glasshouse/engine';

/**
 * Where a record is cut for a fork.
 *
 * "Step k" is the 0-based index of the task-phase assistant turn (`message.assistant` with
 * `phase: 'task'`) at which the record is cut: the prefix is every event before that turn, so a
 * fork at step 0 keeps only the task message, and a fork at step N (N = number of task turns) keeps
 * the whole task phase and continues with the follow-up interview. The header's `limits.maxSteps`
 * counts the same turns.
 */
export interface ForkPoint {
  atStep: number;
  /** Number of task turns in the parent record. */
  turns: number;
  /** Index into record.events where the cut is (length of the kept prefix). */
  cut: number;
  prefix: EpisodeEvent[];
  /** The task turn at step k, if there is one. */
  turn: Extract<EpisodeEvent, { type: 'message.assistant' }> | undefined;
}

const isTaskTurn = (e: EpisodeEvent): e is Extract<EpisodeEvent, { type: 'message.assistant' }> => e.type === 'message.assistant' && e.phase === 'task';

export function forkPoint(record: EpisodeRecord, atStep: number): ForkPoint {
  const turns = record.events.filter(isTaskTurn);
  if (!Number.isInteger(atStep) || atStep < 0 || atStep > turns.length) {
    throw new GlasshouseError('CONFIG_INVALID', `--at must be a turn index from 0 to ${turns.length} (this record has ${turns.length} assistant turns)`);
  }
  const turn = turns[atStep];
  let cut = turn
    ? record.events.indexOf(turn)
    : record.events.findIndex((e) => (e.type === 'message.user' && e.phase === 'interview') || e.type === 'finding' || e.type === 'episode.end');
  if (cut < 0) cut = record.events.length;
  return { atStep, turns: turns.length, cut, prefix: record.events.slice(0, cut), turn };
}

/** The chat history an agent saw, rebuilt from a prefix of events. */
export function messagesOf(events: readonly EpisodeEvent[]): ChatMessage[] {
  return events.flatMap((e): ChatMessage[] => {
    if (e.type === 'message.user') return [{ role: 'user', content: e.content }];
    if (e.type === 'message.assistant')
      return [{ role: 'assistant', content: e.content, ...(e.reasoning !== undefined ? { reasoning: e.reasoning } : {}), toolCalls: e.toolCalls }];
    if (e.type === 'tool.result') return [{ role: 'tool', toolCallId: e.callId, name: e.name, content: e.content, isError: e.isError }];
    return [];
  });
}

/**
 * The id counters the engine had handed out after a prefix: event ids (`evt_NNNN`, one per event)
 * and engine-assigned tool-call ids (`call_NNNN`).
 */
export function idCountersOf(events: readonly EpisodeEvent[]): Record<string, number> {
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
 * When each path was last stamped (mtime, ms) during a prefix, from the log: the world stamps a
 * written path and its parent directory (a removed path: its parent) with the clock at the time of
 * the operation, which is the time of the last event recorded before it — the `tool.call` itself,
 * or, inside `run_js`, the event before the bridge call that names the path.
 */
export function mtimesOf(events: readonly EpisodeEvent[]): Map<string, number> {
  const out = new Map<string, number>();
  const byCall = new Map<string, EpisodeEvent[]>();
  for (const e of events) {
    const callId = 'callId' in e ? e.callId : undefined;
    if (callId !== undefined) byCall.set(callId, [...(byCall.get(callId) ?? []), e]);
  }
  const parent = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';
  const whenFor = (callId: string, path: string): number | undefined => {
    const evs = byCall.get(callId) ?? [];
    const call = evs.find((e) => e.type === 'tool.call');
    if (!call) return undefined;
    let t = Date.parse(call.t);
    for (const e of evs) {
      if (e.type !== 'sandbox.call' || !JSON.stringify(e.args).includes(JSON.stringify(path).slice(1, -1))) continue;
      const prev = events[e.seq - 1];
      if (prev) t = Date.parse(prev.t);
    }
    return t;
  };
  for (const e of events) {
    if (e.type !== 'world.changed' || e.callId === undefined) continue;
    const callId = e.callId;
    const stamp = (target: string, path: string, withParent: boolean) => {
      const t = whenFor(callId, target);
      if (t === undefined) return;
      out.set(path, t);
      if (withParent && path !== '/') out.set(parent(path), t);
    };
    for (const f of e.files) {
      if (f.kind === 'deleted') stamp(f.path, parent(f.path), false);
      else stamp(f.path, f.path, true);
    }
    for (const d of e.dirs.added) stamp(d, d, true);
    for (const d of e.dirs.removed) stamp(d, parent(d), false);
  }
  return out;
}

/**
 * Everything the engine needs to continue a record from step k, rebuilt from the log alone. The world
 * is not in it: the engine folds the prefix's events into the variant's initial world itself.
 */
export function restoreAt(record: EpisodeRecord, _scenario: ScenarioDefinition, point: ForkPoint): EpisodeRestore {
  const { prefix } = point;
  let usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
  for (const e of prefix) if (e.type === 'message.assistant' && e.usage) usage = addUsage(usage, e.usage);
  const last = prefix.at(-1);
  const end = record.events.find((e) => e.type === 'episode.end');
  // The submit call is always in the last task turn, so only a fork after it starts submitted.
  const submitted = !point.turn && end?.type === 'episode.end' && end.reason === 'submitted';
  return {
    events: prefix,
    messages: messagesOf(prefix),
    clockMs: last ? Date.parse(last.t) : 0,
    idCounters: idCountersOf(prefix),
    step: prefix.filter(isTaskTurn).length,
    usage,
    ...(submitted ? { submission: { value: end.submission } } : {}),
  };
}
