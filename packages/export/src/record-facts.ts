import { recordOutcome } from '@glasshouse/schema';
import type { EpisodeRecord, EventOf, Finding, Outcome } from '@glasshouse/schema';

/** The findings an episode was graded with (its `finding` events, in order). */
export function findingsOf(record: EpisodeRecord): Finding[] {
  return record.events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));
}

/** The episode outcome: the end event's (schema 2), else computed from findings and errors (schema 1). */
export function outcomeOf(record: EpisodeRecord): Outcome {
  return endOf(record)?.outcome ?? recordOutcome(record);
}

/** The record's `episode.end` event, or undefined for a record that did not finish. */
export function endOf(record: EpisodeRecord): EventOf<'episode.end'> | undefined {
  for (let i = record.events.length - 1; i >= 0; i--) {
    const e = record.events[i];
    if (e?.type === 'episode.end') return e;
  }
  return undefined;
}

/** Timestamp of the record's last event (or its start when it has none). */
export function lastTimeOf(record: EpisodeRecord): string {
  return record.events[record.events.length - 1]?.t ?? record.header.startedAt;
}

/** Epoch of an episode in a run (runner puts it in the agent config), or null. Same rule as the report. */
export function epochOf(record: EpisodeRecord): number | null {
  const fromConfig = record.header.agent.config?.['epoch'];
  if (typeof fromConfig === 'number' && Number.isInteger(fromConfig)) return fromConfig;
  const fromVariant = record.header.variant.values['epoch'];
  if (typeof fromVariant === 'number' && Number.isInteger(fromVariant)) return fromVariant;
  return null;
}

/** Tool arguments as the JSON string chat APIs carry (a string the model emitted is kept as is). */
export function argumentsJson(args: unknown): string {
  if (typeof args === 'string') return args;
  return JSON.stringify(args ?? {});
}
