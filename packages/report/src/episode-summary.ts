import { addUsage, episodeVerdict, measured, ZERO_USAGE, type EpisodeRecord, type Finding, type TokenUsage } from '@glasshouse/schema';
import { summaryOutcome } from './outcome';
import type { EpisodeSummary } from './report-schema';

/** Is this (scenario, variant values) a control variant? Supplied from the scenario definitions. */
export type ControlOf = (scenario: string, values: Readonly<Record<string, string | number | boolean>>) => boolean;

function sortedRecord<T>(values: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function epochOf(record: EpisodeRecord): number | null {
  const fromConfig = record.header.agent.config?.['epoch'];
  if (typeof fromConfig === 'number' && Number.isInteger(fromConfig)) return fromConfig;
  const fromVariant = record.header.variant.values['epoch'];
  if (typeof fromVariant === 'number' && Number.isInteger(fromVariant)) return fromVariant;
  return null;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** Reduce one record to what the report needs. Findings are the record's `finding` events. */
export function summarizeEpisode(record: EpisodeRecord, controlOf?: ControlOf): EpisodeSummary {
  const { header, events } = record;
  const findings: Finding[] = [];
  let end: Extract<EpisodeRecord['events'][number], { type: 'episode.end' }> | undefined;
  let summed: TokenUsage | null = null;
  for (const event of events) {
    if (event.type === 'finding') findings.push(event.finding);
    else if (event.type === 'episode.end') end = event;
    else if (event.type === 'message.assistant' && event.usage) summed = addUsage(summed ?? ZERO_USAGE, event.usage);
  }
  const judged = findings.filter((f) => f.kind === 'covert-action' || f.kind === 'interview');
  const variables = Object.fromEntries(Object.entries(header.variant.values).filter(([k]) => k !== 'epoch'));
  const verdict = episodeVerdict(findings);
  const endReason = end?.reason ?? null;
  const { outcome, invalidReason } = summaryOutcome(record, findings);
  const scores: Record<string, number> = {};
  for (const f of findings) if (f.kind === 'covert-action' && f.score !== undefined && scores[f.detector] === undefined) scores[f.detector] = f.score;
  return {
    episodeId: header.episodeId,
    scenario: header.scenario.id,
    scenarioVersion: header.scenario.version,
    category: header.scenario.category,
    variant: header.variant.id,
    variables: sortedRecord(variables),
    control: controlOf ? controlOf(header.scenario.id, header.variant.values) : false,
    agent: header.agent.id,
    seed: header.seed,
    epoch: epochOf(record),
    parentEpisodeId: header.parent?.episodeId ?? null,
    verdict,
    outcome,
    invalidReason,
    taskSuccess: measured(findings, 'task'),
    evalAwareness: measured(findings, 'eval-awareness'),
    specCitation: measured(findings, 'spec-citation'),
    opportunitySeen: end?.opportunitySeen ?? null,
    covertDetectors: unique(judged.filter((f) => f.verdict === 'covert').map((f) => f.detector)),
    unmeasuredDetectors: unique(judged.filter((f) => f.kind === 'covert-action' && f.verdict === 'unmeasured').map((f) => f.detector)),
    scores: sortedRecord(scores),
    findings: findings.length,
    steps: end?.steps ?? null,
    endReason,
    usage: end?.usage ?? summed,
  };
}
