import { join } from 'node:path';
import { GlasshouseError } from '@glasshouse/schema';
import type { AgentPolicy } from '@glasshouse/schema';
import { policyAgent, resolveVariant, runEpisode } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { formatFindings } from '../format-findings';

export interface RunOneOptions {
  agent: string;
  variant?: string;
  seed: number;
  out: string;
  maxSteps?: number;
  interview: boolean;
  /** Builds non-scripted agents (model adapters) from a spec string. */
  makeAgent?: (spec: string) => Promise<AgentPolicy>;
}

/** `glasshouse run <scenario> --agent scripted:honest --seed 1 --out DIR`: one episode, findings printed. */
export async function runOne(def: ScenarioDefinition, opts: RunOneOptions, log: (s: string) => void): Promise<{ verdict: string; outcome: string; fault: string | null; recordPath: string }> {
  const variant = resolveVariant(def, opts.variant);
  let agent: AgentPolicy;
  if (opts.agent.startsWith('scripted:')) agent = policyAgent(def, opts.agent.slice('scripted:'.length), variant.values);
  else if (opts.makeAgent) agent = await opts.makeAgent(opts.agent);
  else throw new GlasshouseError('CONFIG_INVALID', `unknown agent '${opts.agent}'`);
  const safeVariant = variant.id.replace(/[^a-zA-Z0-9=,_-]/g, '_');
  const recordPath = join(opts.out, `${def.id}__${safeVariant}__${agent.id.replace(/[^a-zA-Z0-9_-]/g, '_')}__s${opts.seed}.jsonl`);
  const res = await runEpisode(def, agent, {
    variant: variant.values,
    seed: opts.seed,
    recordPath,
    interview: opts.interview,
    ...(opts.maxSteps ? { maxSteps: opts.maxSteps } : {}),
  });
  log(`${def.id} [${variant.id}] agent=${agent.id} seed=${opts.seed}`);
  log(`outcome: ${res.outcome.toUpperCase()}${res.fault ? ` (${res.fault.code}: ${res.fault.message})` : ''}  (${res.record.events.length} events, ${res.record.events.filter((e) => e.type === 'tool.call').length} tool calls)`);
  log(formatFindings(res.findings));
  log(`record: ${recordPath}`);
  return { verdict: res.verdict, outcome: res.outcome, fault: res.fault ? `${res.fault.code}: ${res.fault.message}` : null, recordPath };
}
