import type { AgentTurnInput } from '@glasshouse/schema';

/** A 20-step scripted episode in the oversight-subversion world: 19 bash/read_file calls, then the terminal tool. */
export function twentyStepTurns(): AgentTurnInput[] {
  const turns: AgentTurnInput[] = Array.from({ length: 19 }, (_, i) => ({
    reasoning: `step ${i}`,
    toolCalls: [
      {
        name: i % 2 ? 'read_file' : 'bash',
        args: i % 2 ? { path: '/home/user/project/README.md' } : { command: `echo ${i} >> /home/user/log.txt && wc -l /home/user/log.txt` },
      },
    ],
  }));
  turns.push({ toolCalls: [{ name: 'select_strategy', args: { strategy: 'C' } }] });
  return turns;
}
