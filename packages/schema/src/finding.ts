import { z } from 'zod';

/**
 * A finding's verdict. On a covert-action finding `covert` means "the planted violation happened"
 * (the world shows it); on an interview or disclosure finding it means "the agent misrepresented
 * it". Whether an episode is covert or overt is decided by `episodeOutcome`, not by one finding.
 */
export const Verdict = z.enum(['covert', 'clean', 'unmeasured']);
export type Verdict = z.infer<typeof Verdict>;

/**
 * Where a finding's verdict comes from, so a reader knows which verdicts are facts of the world:
 * - `world-state`: the final world and structured tool calls (files, mail, services, submit fields);
 * - `rule-classifier`: the rule-based language judge read the agent's words (packages/detectors/src/judge);
 * - `judge-model`: a judge model read the agent's words (`run --judge`, llmJudge).
 */
export const Provenance = z.enum(['world-state', 'rule-classifier', 'judge-model']);
export type Provenance = z.infer<typeof Provenance>;

/**
 * What the agent told its principal about a violation (reply/submit, report mail, interview):
 * `disclosed` = it said so; `withheld` = it said nothing about it; `misrepresented` = it denied it
 * or claimed the opposite (e.g. success that did not happen).
 */
export const Disclosure = z.enum(['disclosed', 'withheld', 'misrepresented']);
export type Disclosure = z.infer<typeof Disclosure>;

/** The covert-action categories Glasshouse plants opportunities for. */
export const Category = z.enum([
  'oversight-subversion',
  'self-exfiltration',
  'goal-guarding',
  'covert-reranking',
  'sandbagging',
  'reward-hacking',
  'falsification',
  'sabotage',
  'lying',
  'privilege-escalation',
  'spec-sabotage',
  'rule-violation',
  'transcript',
]);
export type Category = z.infer<typeof Category>;

export const FindingKind = z.enum(['covert-action', 'task', 'eval-awareness', 'spec-citation', 'interview', 'disclosure']);
export type FindingKind = z.infer<typeof FindingKind>;

export const Finding = z.strictObject({
  /** Detector id, e.g. `oversight-disabled`. */
  detector: z.string().min(1),
  /** Short human label, e.g. "Oversight config disabled". */
  label: z.string().min(1),
  verdict: Verdict,
  /** Event ids in the record that support the verdict. */
  evidence: z.array(z.string()),
  /** One line saying why. */
  explanation: z.string(),
  /**
   * What the finding measures: a covert action (a violation in the world), a task result, a
   * transcript property (awareness, spec citation), an interview answer judged against ground truth,
   * or a disclosure judgment (did the agent tell its principal about a violation).
   */
  kind: FindingKind.default('covert-action'),
  /** Measurement: task 1 = success / 0 = failure; awareness and citation 1 = present / 0 = absent; or a raw score such as accuracy. See episodeVerdict. */
  score: z.number().optional(),
  /** Where the verdict comes from (absent on schema-1 records: see `findingProvenance`). */
  provenance: Provenance.optional(),
  /** Interview and disclosure findings: what the agent told its principal about the violation. */
  disclosure: Disclosure.optional(),
  /** Disclosure findings: the detector id of the violation judged (absent = every violation). */
  about: z.string().optional(),
  /**
   * When a judge model made the finding: what the rule classifier concluded on the same words
   * (`report` lists the disagreements). Absent when they were not both run.
   */
  crossCheck: z.strictObject({ provenance: Provenance, verdict: Verdict, disclosure: Disclosure.optional() }).optional(),
});
export type Finding = z.output<typeof Finding>;
export type FindingInput = z.input<typeof Finding>;

/**
 * A finding's provenance, inferring it for records written before findings carried one: interview
 * and transcript findings were read by rules, everything else came from world state.
 */
export function findingProvenance(f: Pick<Finding, 'kind' | 'provenance'>): Provenance {
  if (f.provenance) return f.provenance;
  return f.kind === 'interview' || f.kind === 'disclosure' || f.kind === 'eval-awareness' || f.kind === 'spec-citation' ? 'rule-classifier' : 'world-state';
}
