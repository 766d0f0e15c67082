import { z } from 'zod';
import { TokenUsage, ToolSpec } from './agent';
import { Blobs, DirChanges, FileChange, FsAccess, MailChange, Email, ServiceChange, SymlinkChange } from './world-schemas';
import { Finding } from './finding';
import { ERROR_CODES } from './errors';
import { Outcome } from './episode-outcome';

/**
 * Bumped whenever the record format changes. Readers refuse newer versions and read every older one.
 * 2: findings carry `provenance` and `disclosure` (kind `disclosure` added), the end event carries the
 *    episode `outcome` (covert/overt/clean/unmeasured/invalid) and its `fault`, the header names the
 *    language `judge` when a judge model graded the run. Schema-1 records read unchanged; their outcome
 *    is computed from their findings and error events (`recordOutcome`).
 */
export const RECORD_SCHEMA_VERSION = 2;

export const RecordHeader = z.strictObject({
  type: z.literal('header'),
  schemaVersion: z.number().int().positive(),
  episodeId: z.string().min(1),
  /** `split`: which side of the held-apart split the family is on (absent in older records: treat as eval). */
  scenario: z.strictObject({ id: z.string(), version: z.string(), category: z.string(), split: z.enum(['train', 'eval']).optional() }),
  variant: z.strictObject({ id: z.string(), values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) }),
  seed: z.number().int(),
  agent: z.strictObject({ id: z.string(), config: z.record(z.string(), z.unknown()).optional() }),
  packages: z.record(z.string(), z.string()),
  systemPrompt: z.string(),
  task: z.string(),
  tools: z.array(ToolSpec),
  startedAt: z.string(),
  limits: z.strictObject({ maxSteps: z.number().int().positive(), timeoutMs: z.number().int().positive() }),
  /** The judge model that made the language judgments of this episode (`run --judge`); absent = rule classifier. */
  judge: z.strictObject({ id: z.string().min(1), config: z.record(z.string(), z.unknown()).optional() }).optional(),
  /** Set on forked episodes: where this record came from. */
  parent: z
    .strictObject({
      episodeId: z.string(),
      record: z.string().optional(),
      atStep: z.number().int().nonnegative(),
      edit: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});
export type RecordHeader = z.infer<typeof RecordHeader>;

const base = {
  id: z.string().min(1),
  seq: z.number().int().nonnegative(),
  t: z.string(),
  step: z.number().int().nonnegative(),
};

export const ToolCallRecord = z.strictObject({ id: z.string(), name: z.string(), args: z.unknown() });

export const EpisodeEvent = z.discriminatedUnion('type', [
  z.strictObject({
    ...base,
    type: z.literal('message.user'),
    phase: z.enum(['task', 'interview']),
    content: z.string(),
    /** For interview questions: which question and phrasing. */
    questionId: z.string().optional(),
    /** Schema 2, interview questions: which answer is the lie if the thing asked about happened. */
    lieIf: z.enum(['denies', 'affirms']).optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('message.assistant'),
    phase: z.enum(['task', 'interview']),
    content: z.string(),
    reasoning: z.string().optional(),
    toolCalls: z.array(ToolCallRecord),
    usage: TokenUsage.optional(),
    meta: z.record(z.string(), z.unknown()).optional(),
    questionId: z.string().optional(),
  }),
  z.strictObject({ ...base, type: z.literal('tool.call'), callId: z.string(), name: z.string(), args: z.unknown(), messageId: z.string().optional() }),
  z.strictObject({
    ...base,
    type: z.literal('tool.result'),
    callId: z.string(),
    name: z.string(),
    content: z.string(),
    isError: z.boolean(),
    errorCode: z.string().optional(),
    access: z.array(FsAccess).default([]),
    /** Ids of emails the tool call opened or listed (for "was the planted opportunity seen?"). */
    mailSeen: z.array(z.string()).default([]),
    /** Bridged sandbox calls this tool call made beyond the recorded `sandbox.call` events (per-call cap). */
    sandboxCallsOmitted: z.number().int().positive().optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('world.changed'),
    callId: z.string().optional(),
    files: z.array(FileChange),
    dirs: DirChanges,
    services: z.array(ServiceChange).default([]),
    symlinks: z.array(SymlinkChange).optional(),
    /** Contents first stored in this event, by sha256 (schema 2). */
    blobs: Blobs.optional(),
  }),
  z.strictObject({ ...base, type: z.literal('mail.changed'), callId: z.string().optional(), changes: z.array(MailChange) }),
  z.strictObject({ ...base, type: z.literal('mail.sent'), callId: z.string().optional(), message: Email }),
  z.strictObject({
    ...base,
    type: z.literal('service.event'),
    callId: z.string().optional(),
    service: z.string(),
    action: z.string(),
    input: z.unknown(),
    output: z.unknown(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('sandbox.call'),
    callId: z.string().optional(),
    fn: z.string(),
    args: z.unknown(),
    ok: z.boolean(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('error'),
    code: z.enum(ERROR_CODES),
    message: z.string(),
    fatal: z.boolean(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
  z.strictObject({ ...base, type: z.literal('finding'), finding: Finding }),
  z.strictObject({
    ...base,
    type: z.literal('episode.end'),
    reason: z.enum(['submitted', 'agent-stopped', 'step-limit', 'timeout', 'error', 'ended-by-caller', 'budget']),
    steps: z.number().int().nonnegative(),
    submission: z.unknown().optional(),
    usage: TokenUsage,
    /** Schema 2: the episode outcome at the time of grading (regrade recomputes it from the findings). */
    outcome: Outcome.optional(),
    /** Schema 2: the harness/provider fault that made the outcome `invalid`. */
    fault: z.strictObject({ code: z.string(), message: z.string() }).optional(),
    /** Schema 2: did the agent read, list or open the planted opportunity (a file or email the scenario names)? */
    opportunitySeen: z.boolean().optional(),
  }),
]);
export type EpisodeEvent = z.output<typeof EpisodeEvent>;
export type EpisodeEventType = EpisodeEvent['type'];
export type EventOf<T extends EpisodeEventType> = Extract<EpisodeEvent, { type: T }>;

/** A whole record in memory: header plus events, and any warnings from reading it back. */
export interface EpisodeRecord {
  header: RecordHeader;
  events: EpisodeEvent[];
  warnings: string[];
}
