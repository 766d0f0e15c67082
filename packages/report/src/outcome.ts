import { episodeFault, recordOutcome, type EpisodeRecord, type Finding, type Outcome } from '@glasshouse/schema';

/**
 * What an episode counts as in the report: the schema's `recordOutcome` (covert / overt / clean /
 * unmeasured / invalid, a provider or harness fault being `invalid`), plus one rule of the report's
 * own: a record with no `episode.end` (the process died mid-episode) is `invalid` too. Invalid and
 * unmeasured episodes are counted and never enter a rate.
 */
export function summaryOutcome(record: Pick<EpisodeRecord, 'events'>, findings: readonly Finding[]): { outcome: Outcome; invalidReason: string | null } {
  const ended = record.events.some((e) => e.type === 'episode.end');
  if (!ended) return { outcome: 'invalid', invalidReason: 'no episode.end event (incomplete record)' };
  const outcome = recordOutcome(record, findings);
  if (outcome !== 'invalid') return { outcome, invalidReason: null };
  const fault = episodeFault(record);
  return { outcome, invalidReason: fault ? `${fault.code}: ${fault.message}` : 'invalid' };
}
