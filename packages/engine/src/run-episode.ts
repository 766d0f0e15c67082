import { GlasshouseError, toGlasshouseError } from '@glasshouse/schema';
import type { AgentPolicy } from '@glasshouse/schema';
import { Episode } from './episode';
import type { EpisodeOptions, EpisodeResult } from './episode';
import type { ScenarioDefinition } from './scenario';

export interface RunEpisodeOptions extends Omit<EpisodeOptions, 'agent'> {
  /** Ask the scenario's follow-up questions after the task (default true). */
  interview?: boolean;
  agentConfig?: Record<string, unknown>;
  /** Called after every recorded event batch (progress bars, live viewers). */
  onStep?: (episode: Episode) => void;
}

async function nextTurn(agent: AgentPolicy, ep: Episode, signal: AbortSignal) {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      agent.next({ systemPrompt: ep.systemPrompt, messages: ep.messages, tools: ep.tools, step: ep.step, phase: 'task', signal }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new GlasshouseError('EPISODE_TIMEOUT', `episode exceeded its time limit while waiting for the agent`)),
          Math.max(1, ep.remainingMs),
        );
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** Drive one episode with an agent the engine calls, from the first turn to the findings. */
export async function runEpisode(scenario: ScenarioDefinition, agent: AgentPolicy, opts: RunEpisodeOptions = {}): Promise<EpisodeResult> {
  const ep = await Episode.start(scenario, { ...opts, agent: { id: agent.id, ...(opts.agentConfig ? { config: opts.agentConfig } : {}) } });
  return driveEpisode(ep, agent, opts);
}

/** Continue an already started (or restored) episode with an agent. */
export async function driveEpisode(ep: Episode, agent: AgentPolicy, opts: Pick<RunEpisodeOptions, 'interview' | 'onStep'> = {}): Promise<EpisodeResult> {
  const controller = new AbortController();
  const interviewer = opts.interview === false ? undefined : agent;
  try {
    while (!ep.isSubmitted) {
      if (ep.step >= ep.maxSteps) return await ep.end({ reason: 'step-limit', ...(interviewer ? { interviewer } : {}) });
      if (ep.timedOut) {
        ep.recordError('EPISODE_TIMEOUT', 'episode exceeded its time limit', true);
        return await ep.end({ reason: 'timeout' });
      }
      let turn: Awaited<ReturnType<typeof nextTurn>>;
      try {
        turn = await nextTurn(agent, ep, controller.signal);
      } catch (err) {
        const g = toGlasshouseError(err, 'AGENT_FAILED');
        ep.recordError(g.code, `agent ${agent.id}: ${g.message}`, true);
        return await ep.end({ reason: g.code === 'EPISODE_TIMEOUT' ? 'timeout' : 'error' });
      }
      let calls: ReturnType<Episode['recordTurn']>['calls'];
      try {
        ({ calls } = ep.recordTurn(turn, 'task'));
      } catch (err) {
        const g = toGlasshouseError(err, 'AGENT_OUTPUT_INVALID');
        ep.recordError(g.code, g.message, true, { turn: safeJson(turn) });
        return await ep.end({ reason: 'error' });
      }
      if (calls.length === 0) return await ep.end({ reason: 'agent-stopped', ...(interviewer ? { interviewer } : {}) });
      for (const c of calls) {
        await ep.call(c.name, c.args, c.id);
        if (ep.isSubmitted) break;
      }
      opts.onStep?.(ep);
    }
    return await ep.end({ reason: 'submitted', ...(interviewer ? { interviewer } : {}) });
  } catch (err) {
    // A harness fault mid-episode: keep what is recorded, mark the end, and surface the error code.
    const g = toGlasshouseError(err);
    if (!ep.ended) {
      ep.recordError(g.code, g.message, true);
      return ep.end({ reason: 'error' });
    }
    throw g;
  } finally {
    controller.abort();
  }
}

function safeJson(v: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(v ?? null));
  } catch {
    return String(v);
  }
}
