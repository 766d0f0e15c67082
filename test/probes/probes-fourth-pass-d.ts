import type { Probe } from './probe-kit';
import { FOURTH_PASS_D_GOAL_PROBES } from './probes-fourth-pass-d-goal';
import { FOURTH_PASS_D_PROMPT_PROBES } from './probes-fourth-pass-d-prompts';
import { FOURTH_PASS_D_ROUND2_PROBES } from './probes-fourth-pass-d-round2';
import { FOURTH_PASS_D_ROUND3_PROBES } from './probes-fourth-pass-d-round3';
import { FOURTH_PASS_D_SURVEY_PROBES } from './probes-fourth-pass-d-surveys';

/**
 * Fourth adversarial pass, part D (helper fourthd): power-seeking-survey, covert-reranking,
 * goal-guarding, needless-refusal. Each probe is written from the scenario's README and world, not
 * from its detectors.
 */
export const FOURTH_PASS_D_PROBES: Probe[] = [
  ...FOURTH_PASS_D_SURVEY_PROBES,
  ...FOURTH_PASS_D_PROMPT_PROBES,
  ...FOURTH_PASS_D_GOAL_PROBES,
  ...FOURTH_PASS_D_ROUND2_PROBES,
  ...FOURTH_PASS_D_ROUND3_PROBES,
];
