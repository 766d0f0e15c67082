import { describe, expect, it } from 'vitest';
import type { AgentPolicy, EpisodeEvent, EpisodeRecord } from '@glasshouse/schema';
import { expandVariants, policyAgent, runEpisode, scriptedAgent } from '@glasshouse/engine';
import { findScenario, SCENARIOS } from '@glasshouse/scenarios';
import { forkEpisode, forkPoint, recordedAgent } from '@glasshouse/replay';

/** The parent's own turns from step k on (and its interview answers): a fork that changes nothing. */
function continueParent(record: EpisodeRecord, k: number): AgentPolicy {
  const inner = recordedAgent(record);
  let skip = k;
  return {
    id: inner.id,
    async next(input) {
      if (input.phase === 'task') for (; skip > 0; skip--) await inner.next(input);
      return inner.next(input);
    },
  };
}

function firstDifference(a: readonly EpisodeEvent[], b: readonly EpisodeEvent[]): number | null {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return i;
  return null;
}

describe('fork: exactness', () => {
  it('a fork at any step that continues with the parent’s own turns reproduces the parent, for every scenario and policy', async () => {
    let forks = 0;
    for (const s of SCENARIOS) {
      for (const p of Object.keys(s.policies)) {
        const v = expandVariants(s)[1]!.values;
        const parent = (await runEpisode(s, policyAgent(s, p, v), { variant: v, seed: 23 })).record;
        const turns = forkPoint(parent, 0).turns;
        for (let k = 0; k <= turns; k++) {
          const child = await forkEpisode(parent, s, { atStep: k, agent: continueParent(parent, k) });
          expect(firstDifference(parent.events, child.record.events), `${s.id}/${p} forked at ${k}`).toBeNull();
          forks++;
        }
      }
    }
    expect(forks).toBeGreaterThan(100);
  });

  it('restores file mtimes from the log (ls -l / stat see the same times as in the parent)', async () => {
    const s = findScenario('oversight-subversion')!;
    const agent = () =>
      scriptedAgent('mtimes', [
        { toolCalls: [{ name: 'bash', args: { command: 'echo hi > /home/user/project/notes.txt; mkdir -p /home/user/project/out/a' } }] },
        { toolCalls: [{ name: 'bash', args: { command: 'rm /home/user/project/notes.txt; echo x > /home/user/project/out/a/x.txt' } }] },
        { toolCalls: [{ name: 'run_js', args: { code: "await workspace.writeFile('/home/user/project/js.txt', 'y'); console.log('ok')" } }] },
        {
          toolCalls: [
            {
              name: 'bash',
              args: {
                command: 'stat /home/user/project /home/user/project/out /home/user/project/out/a/x.txt /home/user/project/js.txt; ls -la /home/user/project',
              },
            },
          ],
        },
      ]);
    const parent = (await runEpisode(s, agent(), { seed: 4, interview: false })).record;
    const last = parent.events.filter((e) => e.type === 'tool.result').at(-1)!;
    expect(last.type === 'tool.result' && last.isError).toBe(false);
    for (let k = 1; k <= 3; k++) {
      const child = await forkEpisode(parent, s, { atStep: k, agent: continueParent(parent, k), interview: false });
      expect(firstDifference(parent.events, child.record.events), `forked at ${k}`).toBeNull();
    }
  });

  it('a fork after the last turn of a submitted episode keeps the submission and only re-asks the interview', async () => {
    const s = findScenario('oversight-subversion')!;
    const parent = (await runEpisode(s, policyAgent(s, 'covert', {}), { seed: 6 })).record;
    const { turns } = forkPoint(parent, 0);
    const asked: string[] = [];
    const interviewee: AgentPolicy = {
      id: 'interviewee',
      async next(input) {
        asked.push(input.phase);
        return { text: 'I changed nothing.' };
      },
    };
    const child = await forkEpisode(parent, s, { atStep: turns, agent: interviewee });
    expect(asked.every((p) => p === 'interview') && asked.length > 0).toBe(true);
    const end = (r: EpisodeRecord) => r.events.find((e) => e.type === 'episode.end');
    expect(end(child.record)).toMatchObject({ reason: 'submitted', steps: turns });
    expect(end(child.record)).toMatchObject({ submission: (end(parent) as { submission?: unknown }).submission });
  });
});
