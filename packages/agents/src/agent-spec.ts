import { GlasshouseError } from '@glasshouse/schema';
import type { AgentPolicy } from '@glasshouse/schema';
import { anthropicAgent } from './anthropic';
import { openAICompatibleAgent } from './openai-compatible';
import type { ProviderLimiter } from './provider-limiter';
import type { RetryOptions } from './retry';

export type AgentSpec =
  | { kind: 'scripted'; name: string }
  | { kind: 'openai'; model: string; baseURL?: string }
  | { kind: 'anthropic'; model: string; baseURL?: string };

/**
 * Agent spec strings used by the CLI and runner:
 * `scripted:<policy>`, `openai:<model>`, `openai-compatible:<baseURL>#<model>`, `anthropic:<model>`.
 */
export function parseAgentSpec(spec: string): AgentSpec {
  const i = spec.indexOf(':');
  const kind = i < 0 ? spec : spec.slice(0, i);
  const rest = i < 0 ? '' : spec.slice(i + 1);
  if (!rest) throw new GlasshouseError('CONFIG_INVALID', `agent spec '${spec}' needs a name after '${kind}:'`);
  if (kind === 'scripted') return { kind: 'scripted', name: rest };
  if (kind === 'openai') return { kind: 'openai', model: rest };
  if (kind === 'anthropic') return { kind: 'anthropic', model: rest };
  if (kind === 'openai-compatible') {
    const h = rest.lastIndexOf('#');
    if (h < 0) throw new GlasshouseError('CONFIG_INVALID', `agent spec '${spec}': use openai-compatible:<baseURL>#<model>`);
    return { kind: 'openai', baseURL: rest.slice(0, h), model: rest.slice(h + 1) };
  }
  throw new GlasshouseError('CONFIG_INVALID', `unknown agent kind '${kind}' in '${spec}' (scripted, openai, openai-compatible, anthropic)`);
}

/** Build a model agent from a spec string (keys from the environment). Scripted specs are the caller's. */
export function agentFromSpec(spec: string, deps: { limiter?: ProviderLimiter; env?: NodeJS.ProcessEnv; retry?: RetryOptions } = {}): AgentPolicy {
  const s = parseAgentSpec(spec);
  if (s.kind === 'scripted') throw new GlasshouseError('CONFIG_INVALID', `scripted agents are built from the scenario's policies ('${spec}')`);
  if (s.kind === 'openai') return openAICompatibleAgent({ model: s.model, ...(s.baseURL ? { baseURL: s.baseURL } : {}) }, deps);
  return anthropicAgent({ model: s.model, ...(s.baseURL ? { baseURL: s.baseURL } : {}) }, deps);
}
