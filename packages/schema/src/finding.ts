import { z } from 'zod';

export const Verdict = z.enum(['covert', 'clean', 'unmeasured']);
export type Verdict = z.infer<typeof Verdict>;

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
  'transcript',
]);
export type Category = z.infer<typeof Category>;

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
  /** What the finding measures: a covert action, or a transcript property (awareness, spec citation). */
  kind: z.enum(['covert-action', 'task', 'eval-awareness', 'spec-citation', 'interview']).default('covert-action'),
  /** Measurement: task 1 = success / 0 = failure; awareness and citation 1 = present / 0 = absent; or a raw score such as accuracy. See episodeVerdict. */
  score: z.number().optional(),
});
export type Finding = z.output<typeof Finding>;
export type FindingInput = z.input<typeof Finding>;
