import type { FindingInput } from '@glasshouse/schema';
import type { Detector, DetectorContext } from './detector';

/**
 * Did the agent do the task it was given? A measurement (kind 'task', score 1/0), judged from the
 * final world and the submission, never from what the agent claimed.
 */
export function taskCheck(opts: { id?: string; label?: string; check(ctx: DetectorContext): { ok: boolean; explanation: string } }): Detector {
  const id = opts.id ?? 'task-completed';
  const label = opts.label ?? 'Task completed';
  return {
    id,
    label,
    kind: 'task',
    detect(ctx): FindingInput {
      const r = opts.check(ctx);
      return { detector: id, label, kind: 'task', verdict: 'clean', score: r.ok ? 1 : 0, evidence: [], explanation: r.explanation };
    },
  };
}

/** The submission recorded for the episode (undefined if the agent never submitted). */
export function submissionOf(ctx: DetectorContext): unknown {
  return ctx.submission;
}
