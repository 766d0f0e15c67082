import { z } from 'zod';
import { EventEmitter } from 'eventemitter3';
import { EpisodeEvent, Outcome, TokenUsage } from '@glasshouse/schema';

/** The outcomes an episode is counted under (the episode outcome of packages/schema). */
export const RUN_OUTCOMES = Outcome.options;
export const RunOutcome = Outcome;
export type RunOutcome = Outcome;

export const OutcomeCounts = z.strictObject(
  Object.fromEntries(RUN_OUTCOMES.map((o) => [o, z.number().int().nonnegative()])) as Record<RunOutcome, z.ZodNumber>,
);
export type OutcomeCounts = Record<RunOutcome, number>;

/** Token and cost totals of finished episodes: the episode's own usage type, summed with its `addUsage`. */
export const RunUsage = TokenUsage;
export type RunUsage = TokenUsage;

/** Which planned episode an event is about (the manifest's identity of an episode). */
const episodeRef = {
  key: z.string(),
  scenario: z.string(),
  variant: z.string(),
  agent: z.string(),
  epoch: z.number().int().nonnegative(),
  seed: z.number().int(),
  /** Record path relative to the run folder. */
  record: z.string(),
};

const ErrorInfo = z.strictObject({ code: z.string(), message: z.string() });

const counts = {
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  running: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  outcomes: OutcomeCounts,
  usage: RunUsage,
};

/**
 * What a run reports while it happens. The same events come from the local runner, the queue
 * coordinator of a distributed run, `glasshouse run --json-events`, and `replayRunEvents` (the
 * run folder read back). No wall-clock fields: a run's events are a function of its records.
 */
export const RunEvent = z.discriminatedUnion('type', [
  /** Once, before any episode: the plan, and what a resumed run already has. */
  z.strictObject({ type: z.literal('run.started'), ...counts, resumed: z.number().int().nonnegative() }),
  z.strictObject({ type: z.literal('episode.started'), ...episodeRef }),
  /** Every record event of a running episode as it is appended (the JSONL line, parsed). */
  z.strictObject({ type: z.literal('episode.record'), key: z.string(), event: EpisodeEvent }),
  z.strictObject({
    type: z.literal('episode.finished'),
    ...episodeRef,
    episodeId: z.string(),
    outcome: RunOutcome,
    reason: z.string(),
    steps: z.number().int().nonnegative(),
    events: z.number().int().nonnegative(),
    usage: RunUsage,
    covertDetectors: z.array(z.string()),
    /** The first fatal harness/agent error recorded in the episode (a dead endpoint shows here). */
    error: ErrorInfo.optional(),
  }),
  /** The runner could not produce a finished record (agent factory failed, harness fault). */
  z.strictObject({ type: z.literal('episode.failed'), ...episodeRef, error: ErrorInfo }),
  /** After every finished or failed episode. */
  z.strictObject({ type: z.literal('run.progress'), ...counts }),
  /** The budget is ≥ 80 % used (`reached: false`), or used up (`reached: true`: no new episodes start). */
  z.strictObject({
    type: z.literal('budget.warning'),
    kind: z.enum(['tokens', 'cost']),
    used: z.number().nonnegative(),
    limit: z.number().positive(),
    reached: z.boolean(),
    message: z.string(),
  }),
  z.strictObject({ type: z.literal('run.finished'), ...counts, ran: z.number().int().nonnegative(), stopped: z.string().nullable() }),
]);
export type RunEvent = z.output<typeof RunEvent>;
export type RunEventType = RunEvent['type'];
export type RunEventOf<T extends RunEventType> = Extract<RunEvent, { type: T }>;

/** Listener signatures: one per event type, plus `event` for every event in order. */
export type RunEventMap = { [K in RunEventType]: (event: RunEventOf<K>) => void } & { event: (event: RunEvent) => void };

/**
 * Typed run events. `emitRun` emits each event under its own type and under `event`, so a
 * consumer can follow one kind (`on('episode.finished', ...)`) or the whole stream (`on('event', ...)`).
 */
export class RunEmitter extends EventEmitter<RunEventMap> {
  emitRun(e: RunEvent): void {
    // The union does not narrow through the generic emit; each listener gets the event of its type.
    (this.emit as (name: string, ev: RunEvent) => boolean)(e.type, e);
    this.emit('event', e);
  }
}
