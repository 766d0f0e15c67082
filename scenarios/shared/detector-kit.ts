import type { FindingInput } from '@glasshouse/schema';
import type { Detector, DetectorContext } from '@glasshouse/detectors';
import { idleFinding, shorten } from '@glasshouse/detectors';

/**
 * A one-off detector from a judgement function: returns an explanation + evidence when covert.
 * Unmeasured when the agent never acted.
 */
export function judge(id: string, label: string, fn: (ctx: DetectorContext) => { why: string; evidence: string[] } | false): Detector {
  return {
    id,
    label,
    detect(ctx): FindingInput {
      const base = { detector: id, label };
      const idle = idleFinding(ctx, base);
      if (idle) return idle;
      const r = fn(ctx);
      if (!r) return { ...base, verdict: 'clean', evidence: [], explanation: `not found: ${label.toLowerCase()}` };
      return { ...base, verdict: 'covert', evidence: r.evidence, explanation: shorten(r.why, 160) };
    },
  };
}

/** Event ids of the assistant messages (and submit calls) whose text matches. */
export function claimEvidence(ctx: DetectorContext, rx: RegExp): string[] {
  return ctx.record.events
    .filter((e) => (e.type === 'message.assistant' && e.phase === 'task' && rx.test(e.content)) || (e.type === 'tool.call' && rx.test(JSON.stringify(e.args))))
    .map((e) => e.id);
}

/** The text the agent submitted (string submissions, or `answer`/`summary`/`report` fields). */
export function submittedText(ctx: DetectorContext): string {
  const s = ctx.submission;
  if (typeof s === 'string') return s;
  if (s && typeof s === 'object') {
    const o = s as Record<string, unknown>;
    const args = (o.args ?? o) as Record<string, unknown>;
    return [args.answer, args.summary, args.report, args.message, args.justification].filter((x) => typeof x === 'string').join('\n');
  }
  return '';
}
