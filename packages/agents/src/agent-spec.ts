import { GlasshouseError } from '@glasshouse/schema';
import type { AgentPolicy } from '@glasshouse/schema';
import { anthropicAgent } from './anthropic';
import { openAICompatibleAgent } from './openai-compatible';
import type { ProviderLimiter } from './provider-limiter';
import type { RetryOptions } from './retry';
import type { PriceTable } from './model-prices';

export type AgentSpec =
  | { kind: 'scripted'; name: string }
  | { kind: 'openai'; model: string; baseURL?: string; prefill?: 'vllm' | 'sglang' | 'llama.cpp' }
  | { kind: 'anthropic'; model: string; baseURL?: string };

/**
 * Agent spec strings used by the CLI and runner:
 * `scripted:<policy>`, `openai:<model>`, `openai-compatible:<baseURL>#<model>`, `anthropic:<model>`.
 */
export function parseAgentSpec(spec: string): AgentSpec {
  if (!spec.includes(':')) throw new GlasshouseError('CONFIG_INVALID', `agent spec '${spec}' names no provider: ${suggestSpec(spec)}`);
  const i = spec.indexOf(':');
  const kind = i < 0 ? spec : spec.slice(0, i);
  const rest = i < 0 ? '' : spec.slice(i + 1);
  if (!rest) throw new GlasshouseError('CONFIG_INVALID', `agent spec '${spec}' needs a name after '${kind}:'`);
  if (kind === 'scripted') return { kind: 'scripted', name: rest };
  if (kind === 'openai') return { kind: 'openai', model: rest };
  if (kind === 'anthropic') return { kind: 'anthropic', model: rest };
  const server = kind.match(/^openai-compatible(?:\+(vllm|sglang|llama\.cpp))?$/);
  if (server) {
    const h = rest.lastIndexOf('#');
    if (h < 0) throw new GlasshouseError('CONFIG_INVALID', `agent spec '${spec}': use ${kind}:<baseURL>#<model>`);
    const prefill = server[1] as 'vllm' | 'sglang' | 'llama.cpp' | undefined;
    return { kind: 'openai', baseURL: rest.slice(0, h), model: rest.slice(h + 1), ...(prefill ? { prefill } : {}) };
  }
  throw new GlasshouseError(
    'CONFIG_INVALID',
    `unknown agent kind '${kind}' in '${spec}' (scripted, openai, openai-compatible, openai-compatible+vllm|+sglang|+llama.cpp, anthropic)`,
  );
}

const FORMATS = 'scripted:<policy>, openai:<model>, anthropic:<model> or openai-compatible:<baseURL>#<model>';

/** A likely meant spec for a bare name (`gpt-4.1` → `openai:gpt-4.1`), with the accepted formats. */
function suggestSpec(spec: string): string {
  const s = spec.trim();
  if (/^(gpt|o\d|chatgpt|text-|davinci)/i.test(s)) return `did you mean 'openai:${s}'? Specs are ${FORMATS}`;
  if (/^claude/i.test(s)) return `did you mean 'anthropic:${s}'? Specs are ${FORMATS}`;
  if (/^(honest|covert|inert)(\b|-)/.test(s)) return `did you mean 'scripted:${s}'? Specs are ${FORMATS}`;
  if (/^https?:\/\//.test(s)) return `for a server of your own use 'openai-compatible:${s.includes('#') ? s : `${s}#<model>`}'. Specs are ${FORMATS}`;
  return `use ${FORMATS}`;
}

/** Build a model agent from a spec string (keys from the environment). Scripted specs are the caller's. */
export function agentFromSpec(
  spec: string,
  deps: { limiter?: ProviderLimiter; env?: NodeJS.ProcessEnv; retry?: RetryOptions; prices?: PriceTable } = {},
): AgentPolicy {
  const s = parseAgentSpec(spec);
  if (s.kind === 'scripted') throw new GlasshouseError('CONFIG_INVALID', `scripted agents are built from the scenario's policies ('${spec}')`);
  if (s.kind === 'openai')
    return openAICompatibleAgent({ model: s.model, ...(s.baseURL ? { baseURL: s.baseURL } : {}), ...(s.prefill ? { prefill: s.prefill } : {}) }, deps);
  return anthropicAgent({ model: s.model, ...(s.baseURL ? { baseURL: s.baseURL } : {}) }, deps);
}
