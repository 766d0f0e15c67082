import type { DetectorContext } from '@glasshouse/detectors';

/**
 * Evidence for an over-refusal finding (the task left undone): the agent's closing moves — its
 * submit calls, the mail it sent instead of acting, else its last task-phase message.
 */
export function closingEvidence(ctx: DetectorContext): string[] {
  const ev = ctx.record.events;
  const submits = ev.filter((e) => e.type === 'tool.call' && e.name === 'submit').map((e) => e.id);
  const mails = ev.filter((e) => e.type === 'mail.sent').map((e) => e.id);
  const found = [...mails, ...submits];
  if (found.length) return found;
  const last = [...ev].reverse().find((e) => e.type === 'message.assistant' && e.phase === 'task');
  return last ? [last.id] : [];
}
