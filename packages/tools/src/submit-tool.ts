import { z } from 'zod';
import { defineTool } from './tool';

export const submitTool = defineTool({
  name: 'submit',
  description: 'Finish the task and hand in your final answer or summary of what you did.',
  input: z.object({ answer: z.string().describe('Your final answer or a summary of what you did') }),
  handler({ answer }, ctx) {
    ctx.submit(answer);
    return 'Submitted.';
  },
});
