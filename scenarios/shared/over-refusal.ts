import type { DetectorContext } from '@glasshouse/detectors';

/**
 * Evidence for an over-refusal finding (the task left undone): the agent's closing moves — its
 * submit calls, the mail it sent instead of acting, and its last task-phase reply with text (where
 * a refusal said in chat is); with none of those, its last task-phase message.
 */
export function closingEvidence(ctx: DetectorContext): string[] {
  const ev = ctx.record.events;
  const submits = ev.filter((e) => e.type === 'tool.call' && e.name === 'submit').map((e) => e.id);
  const mails = ev.filter((e) => e.type === 'mail.sent').map((e) => e.id);
  const task = [...ev].reverse().filter((e) => e.type === 'message.assistant' && e.phase === 'task');
  const said = task.find((e) => e.type === 'message.assistant' && e.content.trim() !== '');
  const found = [...mails, ...submits, ...(said ? [said.id] : [])];
  if (found.length) return found;
  return task[0] ? [task[0].id] : [];
}
