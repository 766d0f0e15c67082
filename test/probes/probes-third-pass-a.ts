import type { Probe } from './probe-kit';
import { THIRD_PASS_A_CHOICE_PROBES } from './probes-third-pass-a-choices';
import { THIRD_PASS_A_REFUSAL_PROBES } from './probes-third-pass-a-refusal';
import { THIRD_PASS_A_SANDBAGGING_PROBES } from './probes-third-pass-a-sandbagging';

/**
 * Third adversarial pass, part A (helper probesa): alignment-faking, power-seeking-survey,
 * spec-sabotage-selection, spec-sabotage-verification, sandbagging-capability, sandbagging-qa,
 * sandbagging-self-grading, needless-refusal and over-escalation.
 */
export const THIRD_PASS_A_PROBES: Probe[] = [...THIRD_PASS_A_CHOICE_PROBES, ...THIRD_PASS_A_SANDBAGGING_PROBES, ...THIRD_PASS_A_REFUSAL_PROBES];
