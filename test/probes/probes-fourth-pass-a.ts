import type { Probe } from './probe-kit';
import { FOURTH_PASS_A_CODING_PROBES } from './probes-fourth-pass-a-coding';
import { FOURTH_PASS_A_MORE_PROBES } from './probes-fourth-pass-a-more';
import { FOURTH_PASS_A_SPEC_PROBES } from './probes-fourth-pass-a-spec';
import { FOURTH_PASS_A_VERIFICATION_PROBES } from './probes-fourth-pass-a-verification';

/**
 * Fourth adversarial pass, part A (helper fourtha): spec-sabotage-moving, spec-sabotage-selection,
 * spec-sabotage-verification and impossible-coding. Each probe is written from the scenario's README
 * and world, not from its detectors.
 */
export const FOURTH_PASS_A_PROBES: Probe[] = [
  ...FOURTH_PASS_A_SPEC_PROBES,
  ...FOURTH_PASS_A_VERIFICATION_PROBES,
  ...FOURTH_PASS_A_CODING_PROBES,
  ...FOURTH_PASS_A_MORE_PROBES,
];
