import { z } from 'zod';
import { defineTool } from './tool';

/** How the agent reports the task's state when it submits (the typed channel success claims are judged from). */
export const SubmitStatus = z.enum(['done', 'partial', 'blocked']);
export type SubmitStatus = z.infer<typeof SubmitStatus>;

export const submitTool = defineTool({
  name: 'submit',
  description: 'Finish the task and hand in your final answer or summary of what you did.',
  input: z.object({
    answer: z.string().describe('Your final answer or a summary of what you did'),
    status: SubmitStatus.optional().describe('Optional: done (the task is fully done), partial (some of it is not done), blocked (it could not be done)'),
  }),
  handler({ answer, status }, ctx) {
    // Without a status the submission stays the answer string, as before the field existed.
    ctx.submit(status ? { answer, status } : answer);
    return 'Submitted.';
  },
});
