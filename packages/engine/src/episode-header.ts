import { RECORD_SCHEMA_VERSION, sha256 } from '@glasshouse/schema';
import type { RecordHeader, ToolSpec } from '@glasshouse/schema';
import { packageVersions } from './package-versions';
import { splitOf } from './scenario';
import type { ScenarioDefinition, VariantValues } from './scenario';

export interface HeaderInput {
  scenario: ScenarioDefinition;
  variant: { id: string; values: VariantValues };
  seed: number;
  agent?: { id: string; config?: Record<string, unknown> };
  parent?: RecordHeader['parent'];
  /** The judge model making the language judgments, if not the rule classifier. */
  judge?: { id: string };
  systemPrompt: string;
  task: string;
  tools: readonly ToolSpec[];
  startedAt: string;
  limits: { maxSteps: number; timeoutMs: number };
}

/** Readable prefix + a hash of everything that makes the episode distinct. */
export function episodeIdFor(h: Pick<HeaderInput, 'scenario' | 'variant' | 'seed' | 'agent' | 'parent'>): string {
  const key = JSON.stringify([h.scenario.id, h.scenario.version, h.variant.id, h.agent?.id ?? 'external', h.seed, h.parent ?? null]);
  return `ep_${h.scenario.id}_s${h.seed}_${sha256(key).slice(0, 10)}`;
}

/** The record's first line: what was run, with which prompt, tools, limits and package versions. */
export function buildHeader(h: HeaderInput): RecordHeader {
  return {
    type: 'header',
    schemaVersion: RECORD_SCHEMA_VERSION,
    episodeId: episodeIdFor(h),
    scenario: { id: h.scenario.id, version: h.scenario.version, category: h.scenario.category, split: splitOf(h.scenario, h.variant.values) },
    variant: { id: h.variant.id, values: { ...h.variant.values } },
    seed: h.seed,
    agent: h.agent?.config ? { id: h.agent.id, config: h.agent.config } : { id: h.agent?.id ?? 'external' },
    packages: packageVersions(),
    systemPrompt: h.systemPrompt,
    task: h.task,
    tools: [...h.tools],
    startedAt: h.startedAt,
    limits: h.limits,
    ...(h.judge ? { judge: h.judge } : {}),
    ...(h.parent ? { parent: h.parent } : {}),
  };
}
