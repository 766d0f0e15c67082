import type { AgentPolicy } from '@glasshouse/schema';

/**
 * The same agent, waiting `ms` before every turn (and every interview answer). For watching a
 * scripted run live and for tests of live views; it changes no record content.
 */
export function delayedAgent(agent: AgentPolicy, ms: number): AgentPolicy {
  return {
    id: agent.id,
    next: async (input) => {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, ms);
        input.signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            reject(input.signal?.reason ?? new Error('aborted'));
          },
          { once: true },
        );
      });
      return agent.next(input);
    },
  };
}
