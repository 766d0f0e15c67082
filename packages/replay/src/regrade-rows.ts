import type { Regraded } from './regrade';

/** The row of a record that was not graded (unreadable, or lost to a crashed worker): its file, and why. */
export function unreadableRow(name: string, error: string): Regraded {
  return {
    episodeId: `${name}.jsonl`,
    scenario: '?',
    oldVerdict: 'unmeasured',
    newVerdict: 'unmeasured',
    oldOutcome: 'invalid',
    newOutcome: 'invalid',
    changed: false,
    findings: [],
    oldFindings: [],
    error,
  };
}
